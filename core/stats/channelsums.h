#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "core/common/progress.h"
#include "core/data/imageset.h"
#include "core/stats/exactmoments.h"
#include "core/stats/normalization.h"

namespace normlab {

// Per-channel sums of a split's bytes: how many, their sum and sum of squares, the smallest and
// the largest. That is all the Normalize line and the train split's normalization parameters
// need, so this pass skips the per-image histograms of the complete statistics and runs at about
// the speed of reading the pixels. Integers: the mean and std are the complete statistics' to the
// last bit, whatever the order of the images.
struct ChannelSums {
    struct Channel {
        std::uint64_t pixels = 0;
        Uint128 sum = 0, sumSq = 0;
        int min = 255, max = 0; // bytes; min > max while no pixel was added
    };
    std::uint64_t images = 0;
    std::vector<Channel> channels;

    ChannelSums() = default;
    explicit ChannelSums(int channelCount) : channels(static_cast<std::size_t>(channelCount)) {}

    // One image, its channels one after the other (planar), each of pixelsPerChannel bytes.
    void addImage(const std::uint8_t* planar, std::size_t pixelsPerChannel);
    ChannelSums& operator+=(const ChannelSums& other);

    // The parameters every method but per-sample uses (mean and population std of x/255, the
    // smallest and largest byte), exactly as normalizationParamsFrom gives them from byte counts.
    NormalizationParams params(double rangeLow = 0.0, double rangeHigh = 1.0) const;
};

// A split's sums and what was summed: its names, origin, sources and notes (no pixels).
struct SplitSums {
    ImageSet about;
    ChannelSums sums;
};

// The sums of a split held in memory, on all cores.
ChannelSums sumChannels(const ImageSet& set, const Progress& progress = {});

} // namespace normlab
