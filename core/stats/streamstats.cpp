#include "core/stats/streamstats.h"

#include <algorithm>
#include <future>

#include "core/stats/statsaccumulator.h"

namespace normlab {
namespace {

// Every chunk of the stream to `use`, in order, the next one read on another thread while `use`
// works on this one (with 2 cores, inflating a .gz beside counting halves the time).
template <typename Use>
void eachChunk(SplitStream& stream, const Progress& progress, Use&& use) {
    const std::size_t imageBytes = std::max<std::size_t>(1, stream.about().pixelsPerImage());
    const std::size_t perChunk = std::max<std::size_t>(1, kStreamChunkBytes / imageBytes);
    const std::size_t total = std::max<std::size_t>(1, stream.about().count);
    std::size_t first = 0;
    ImageSet chunk = stream.next(perChunk);
    while (chunk.count > 0) {
        progress.throwIfStopped();
        auto ahead = std::async(std::launch::async, [&stream, perChunk] { return stream.next(perChunk); });
        try {
            use(chunk, first, progress.part(static_cast<double>(first) / total, static_cast<double>(chunk.count) / total));
        } catch (...) {
            ahead.wait(); // the reader thread uses the stream: it ends before the stream goes
            throw;
        }
        first += chunk.count;
        chunk = ahead.get();
    }
}

} // namespace

SplitStats streamSplitStats(SplitStream& stream, const std::optional<NormalizationParams>& trainParams,
                            const Progress& progress, double rangeLow, double rangeHigh) {
    ImageSet about = stream.about();
    StatsLayout layout;
    layout.classCount = about.classCount();
    layout.channels = about.channels;
    layout.mapHeight = about.height;
    layout.mapWidth = about.width;
    layout.perSampleBound = samuelsonBound(about.pixelsPerChannel());
    layout.perImage = about.count <= kStreamedPerImageLimit;
    StatsAccumulator acc(layout);
    eachChunk(stream, progress, [&](const ImageSet& chunk, std::size_t first, const Progress& part) {
        acc.add(chunk, first, part);
    });
    about.sources = stream.finish();
    if (!layout.perImage)
        about.notes.push_back("per-image statistics left out: " + std::to_string(about.count) +
                              " images, more than the " + std::to_string(kStreamedPerImageLimit) +
                              " a streamed pass keeps them for");
    SplitStats stats = acc.finish(about, trainParams, rangeLow, rangeHigh);
    progress.update(1.0);
    return stats;
}

SplitSums streamSplitSums(SplitStream& stream, const Progress& progress) {
    SplitSums result{stream.about(), ChannelSums(stream.about().channels)};
    eachChunk(stream, progress, [&](const ImageSet& chunk, std::size_t, const Progress& part) {
        result.sums += sumChannels(chunk, part);
    });
    result.about.sources = stream.finish();
    progress.update(1.0);
    return result;
}

} // namespace normlab
