#include "core/stats/channelsums.h"

#include <algorithm>
#include <atomic>

#include "core/common/cpufeatures.h"
#include "core/common/parallel.h"

namespace normlab {
namespace {

struct ByteSums {
    std::uint64_t sum = 0, sumSq = 0;
    std::uint8_t min = 255, max = 0;
};

// 65,536 bytes at most: their sum of squares (at most 65,536 x 255^2 < 2^32) fits the 32-bit
// lanes the loop vectorises to.
constexpr std::size_t kBlockBytes = std::size_t{1} << 16;

// The loop, compiled twice: for the baseline x86-64 (SSE2) and, inlined into sumBlockAvx2, with
// AVX2, which widens and sums 32 bytes a step.
inline __attribute__((always_inline)) ByteSums sumBlockLoop(const std::uint8_t* __restrict px, std::size_t n) {
    std::uint32_t sum = 0, sumSq = 0;
    std::uint8_t lo = 255, hi = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t v = px[i];
        sum += v;
        sumSq += v * v;
        lo = std::min(lo, px[i]);
        hi = std::max(hi, px[i]);
    }
    return {sum, sumSq, lo, hi};
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
__attribute__((target("avx2"))) ByteSums sumBlockAvx2(const std::uint8_t* px, std::size_t n) {
    return sumBlockLoop(px, n);
}
#endif

ByteSums sumBlock(const std::uint8_t* px, std::size_t n) {
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (cpuHasAvx2()) return sumBlockAvx2(px, n);
#endif
    return sumBlockLoop(px, n);
}

void addBytes(ChannelSums::Channel& channel, const std::uint8_t* px, std::size_t n) {
    std::uint64_t sum = 0, sumSq = 0;
    for (std::size_t at = 0; at < n; at += kBlockBytes) {
        const ByteSums block = sumBlock(px + at, std::min(kBlockBytes, n - at));
        sum += block.sum, sumSq += block.sumSq; // 2^64 holds 2.8e14 squared bytes: any one image
        channel.min = std::min<int>(channel.min, block.min);
        channel.max = std::max<int>(channel.max, block.max);
    }
    channel.pixels += n;
    channel.sum += sum;
    channel.sumSq += sumSq;
}

} // namespace

void ChannelSums::addImage(const std::uint8_t* planar, std::size_t pixelsPerChannel) {
    for (std::size_t c = 0; c < channels.size(); ++c)
        addBytes(channels[c], planar + c * pixelsPerChannel, pixelsPerChannel);
    ++images;
}

ChannelSums& ChannelSums::operator+=(const ChannelSums& other) {
    if (channels.empty()) channels.resize(other.channels.size());
    for (std::size_t c = 0; c < channels.size() && c < other.channels.size(); ++c) {
        Channel& to = channels[c];
        const Channel& from = other.channels[c];
        to.pixels += from.pixels, to.sum += from.sum, to.sumSq += from.sumSq;
        to.min = std::min(to.min, from.min), to.max = std::max(to.max, from.max);
    }
    images += other.images;
    return *this;
}

NormalizationParams ChannelSums::params(double rangeLow, double rangeHigh) const {
    NormalizationParams params;
    params.rangeLow = rangeLow;
    params.rangeHigh = rangeHigh;
    for (const Channel& c : channels) {
        // ByteHistogram::mean sums in 64 bits; so does this, to give the same double.
        params.mean.push_back(exactMean(c.pixels, static_cast<std::uint64_t>(c.sum)) / 255.0);
        params.std.push_back(exactPopulationStd(c.pixels, c.sum, c.sumSq) / 255.0);
        params.minByte.push_back(c.pixels ? c.min : 0);
        params.maxByte.push_back(c.pixels ? c.max : 0);
    }
    return params;
}

ChannelSums sumChannels(const ImageSet& set, const Progress& progress) {
    const unsigned workers = workerCount();
    std::vector<ChannelSums> parts(workers, ChannelSums(set.channels));
    std::atomic<std::size_t> done{0};
    constexpr std::size_t kChunk = 1024; // progress and cancel granularity
    parallelRanges(set.count, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        for (std::size_t part = begin; part < end; part += kChunk) {
            progress.throwIfStopped();
            const std::size_t partEnd = std::min(end, part + kChunk);
            for (std::size_t i = part; i < partEnd; ++i)
                parts[w].addImage(set.image(i), set.pixelsPerChannel(i));
            const std::size_t total = done += partEnd - part;
            if (w == 0) progress.update(static_cast<double>(total) / static_cast<double>(set.count));
        }
    });
    ChannelSums all(set.channels);
    for (const ChannelSums& part : parts)
        all += part;
    progress.update(1.0);
    return all;
}

} // namespace normlab
