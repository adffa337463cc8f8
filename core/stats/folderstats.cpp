#include "core/stats/folderstats.h"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <memory>

#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/data/imagedecoder.h"
#include "core/stats/statsaccumulator.h"
#include "core/stats/statspart.h"

namespace normlab {
namespace {

std::optional<std::size_t> parseCount(std::string_view text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

} // namespace

Shard Shard::parse(const std::string& text) {
    const auto slash = text.find('/');
    const auto k = slash == std::string::npos ? std::nullopt : parseCount(std::string_view(text).substr(0, slash));
    const auto n = slash == std::string::npos ? std::nullopt : parseCount(std::string_view(text).substr(slash + 1));
    if (!k || !n || *n == 0 || *k >= *n)
        throw Error("--shard '" + text + "': expected K/N with 0 <= K < N, e.g. 0/4 for the first of four parts");
    return {*k, *n};
}

namespace {

// One pass over files [begin, end) of the listing into an accumulator. Each worker decodes a few
// files and counts them at once, on its own thread and while their pixels are in cache; only
// those few decoded images per worker are in memory.
std::unique_ptr<StatsAccumulator> accumulateFiles(const ImageFolderSplit& listing, std::size_t begin, std::size_t end,
                                                  const Progress& progress) {
    // The first image's size is the size of the per-pixel maps; they last while all share it.
    const DecodedImage first = decodeImageFile(listing.files[begin].path);
    auto acc = std::make_unique<StatsAccumulator>(
        StatsLayout{static_cast<int>(listing.classes.size()), 3, first.height, first.width, kStreamedPerSampleBound});
    const std::size_t total = end - begin;
    acc->reserveImages(total);
    acc->addImage(0, first.planar.data(), first.height, first.width, listing.files[begin].label, 0);
    std::atomic<std::size_t> next{begin + 1}, done{1};
    parallelRanges(acc->workers(), acc->workers(), [&](unsigned w, std::size_t, std::size_t) {
        constexpr std::size_t kBatch = StatsAccumulator::kImagesPerAdd;
        DecodedImage images[kBatch];
        StatsAccumulator::ImageView views[kBatch];
        bool more = true;
        while (more) {
            std::size_t n = 0;
            for (; n < kBatch; ++n) {
                const std::size_t i = next++;
                if (i >= end) {
                    more = false;
                    break;
                }
                progress.throwIfStopped();
                images[n] = decodeImageFile(listing.files[i].path);
                views[n] = {images[n].planar.data(), images[n].height, images[n].width, listing.files[i].label,
                            i - begin};
            }
            acc->addImages(w, std::span(views, n));
            const std::size_t finished = done += n;
            if (w == 0 && n > 0 && finished % 64 < n) progress.update(static_cast<double>(finished) / total);
        }
        acc->finishWorker(w);
    });
    return acc;
}

std::pair<std::size_t, std::size_t> shardRange(const ImageFolderSplit& listing, Shard shard) {
    const std::size_t begin = shard.begin(listing.files.size()), end = shard.end(listing.files.size());
    if (begin == end)
        throw Error(listing.root.string() + ": shard " + std::to_string(shard.index) + "/" +
                    std::to_string(shard.count) + " holds no file (the split has " +
                    std::to_string(listing.files.size()) + ")");
    return {begin, end};
}

} // namespace

StatsPart streamImageFolderPart(const ImageFolderSplit& listing, const std::optional<NormalizationParams>& trainParams,
                                const Progress& progress, double rangeLow, double rangeHigh, Shard shard) {
    const auto [begin, end] = shardRange(listing, shard);
    StatsPart part;
    part.counts = accumulateFiles(listing, begin, end, progress)->counts();
    part.about = describeImageFolder(listing);
    part.about.notes.push_back("shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ": files " +
                               std::to_string(begin) + " to " + std::to_string(end - 1) + " of " +
                               std::to_string(listing.files.size()));
    part.shard = shard;
    part.filesTotal = listing.files.size();
    part.trainParams = trainParams;
    part.rangeLow = rangeLow, part.rangeHigh = rangeHigh;
    progress.update(1.0);
    return part;
}

SplitStats streamImageFolderStats(const ImageFolderSplit& listing,
                                  const std::optional<NormalizationParams>& trainParams, const Progress& progress,
                                  double rangeLow, double rangeHigh, Shard shard) {
    const auto [begin, end] = shardRange(listing, shard);
    const auto acc = accumulateFiles(listing, begin, end, progress);
    ImageSet about = describeImageFolder(listing);
    SplitStats stats = acc->finish(about, trainParams, rangeLow, rangeHigh);
    progress.update(1.0);
    return stats;
}

} // namespace normlab
