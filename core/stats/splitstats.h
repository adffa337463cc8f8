#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/data/imageset.h"
#include "core/stats/bytehistogram.h"
#include "core/stats/imagemoments.h"
#include "core/stats/normalization.h"

namespace normlab {

struct Histogram {
    std::vector<double> edges; // bins + 1 edges
    std::vector<std::uint64_t> counts;
};

// Summary of one channel's values under one method.
struct ChannelSummary {
    double mean = 0, std = 0, min = 0, max = 0;
    double p1 = 0, p50 = 0, p99 = 0;
};

struct MethodStats {
    Method method = Method::None;
    bool exact = true; // false for per-sample (percentiles and histogram to one fine bin)
    std::vector<ChannelSummary> channels;
    std::vector<Histogram> histograms; // one per channel, 256 bins
    std::vector<Affine> affine;        // per channel; empty for per-sample
};

struct ClassStats {
    int label = 0;
    std::string name;
    std::uint64_t images = 0;
    std::vector<ByteHistogram> bytes; // per channel
    std::vector<MethodStats> methods; // in kAllMethods order
};

// Everything one stats call computes for a split.
struct SplitStats {
    std::string dataset, split;
    std::string origin; // where the data set was found (ImageSet::origin)
    std::uint64_t count = 0;
    int channels = 1, height = 0, width = 0; // height and width are 0 when the images differ in size
    NormalizationParams params;              // from the training split
    std::string paramsSource;                // "train split of <dataset>"
    std::vector<ByteHistogram> bytes;        // per channel
    std::vector<MethodStats> methods;        // in kAllMethods order
    std::vector<ClassStats> perClass;
    std::vector<std::vector<double>> pixelMean, pixelStd; // per channel, H*W, pixel/255 units
    std::vector<float> imageMean, imageStd;               // per image (over all channels), pixel/255
    std::vector<ImageMomentSums> imageMoments;            // per channel: recipes and decomposition
    std::vector<std::uint8_t> imageMin, imageMax;         // per image, bytes
    double perSampleBinWidth = 0;
    std::vector<SourceFile> sources;
    std::vector<std::string> notes; // what was done to the data as it was read (ImageSet::notes)

    const MethodStats& method(Method m) const { return methods.at(static_cast<std::size_t>(m)); }
};

} // namespace normlab
