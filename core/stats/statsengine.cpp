#include "core/stats/statsengine.h"

#include <algorithm>
#include <limits>

#include "core/common/parallel.h"
#include "core/stats/imagecounter.h"
#include "core/stats/statsaccumulator.h"

namespace normlab {
namespace {

constexpr std::size_t kCancelCheckImages = 1024;
// countBytes empties its 32-bit sub-histograms before this many pixels (per channel) pile up.
constexpr std::uint64_t kMaxPendingCounts = std::numeric_limits<std::uint32_t>::max();

} // namespace

std::vector<ByteHistogram> countBytes(const ImageSet& set, const Progress& progress) {
    const unsigned workers = workerCount();
    std::vector<std::vector<ByteHistogram>> partial(workers, std::vector<ByteHistogram>(set.channels));
    parallelRanges(set.count, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        // One counter per channel, emptied before its 32-bit counts could overflow: only the
        // totals are needed here, not each image's histogram.
        std::vector<ImageCounter> counters(set.channels);
        std::uint64_t pending = 0; // pixels per channel counted since the last emptying
        const auto empty = [&] {
            for (int c = 0; c < set.channels; ++c)
                counters[c].addTo(partial[w][c].counts.data());
            pending = 0;
        };
        for (std::size_t i = begin; i < end; ++i) {
            if ((i - begin) % kCancelCheckImages == 0) progress.throwIfStopped();
            const std::size_t p = set.pixelsPerChannel(i);
            if (pending + p > kMaxPendingCounts) empty();
            for (int c = 0; c < set.channels; ++c)
                counters[c].count(set.image(i) + c * p, p);
            pending += p;
        }
        empty();
    });
    std::vector<ByteHistogram> total(set.channels);
    for (const auto& part : partial)
        for (int c = 0; c < set.channels; ++c)
            total[c] += part[c];
    return total;
}

NormalizationParams normalizationParamsFrom(const std::vector<ByteHistogram>& trainBytes, double rangeLow,
                                            double rangeHigh) {
    NormalizationParams params;
    params.rangeLow = rangeLow;
    params.rangeHigh = rangeHigh;
    for (const auto& h : trainBytes) {
        params.mean.push_back(h.mean() / 255.0);
        params.std.push_back(h.populationStd() / 255.0);
        params.minByte.push_back(std::max(0, h.min()));
        params.maxByte.push_back(std::max(0, h.max()));
    }
    return params;
}

SplitStats computeStats(const ImageSet& set, const std::optional<NormalizationParams>& trainParams,
                        const Progress& progress, double rangeLow, double rangeHigh) {
    StatsLayout layout;
    layout.classCount = set.classCount();
    layout.channels = set.channels;
    layout.mapHeight = set.height;
    layout.mapWidth = set.width;
    std::size_t largest = set.pixelsPerChannel();
    for (const auto& shape : set.shapes)
        largest = std::max(largest, static_cast<std::size_t>(shape.height) * shape.width);
    layout.perSampleBound = samuelsonBound(largest);
    StatsAccumulator acc(layout);
    acc.add(set, 0, progress);
    SplitStats out = acc.finish(set, trainParams, rangeLow, rangeHigh);
    progress.update(1.0);
    return out;
}

} // namespace normlab
