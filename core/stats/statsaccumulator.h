#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/imageset.h"
#include "core/stats/splitstats.h"

namespace normlab {

// What an accumulator needs to know before the first image: the classes, the channels, the size of
// the per-pixel maps (0 x 0: none) and the range of its per-sample histograms.
struct StatsLayout {
    int classCount = 0;
    int channels = 1;
    int mapHeight = 0, mapWidth = 0;
    double perSampleBound = 1.0;
    // Whether to keep each image's mean, std, min and max (10 bytes an image, for the exports'
    // per-image arrays): a stream of tens of millions of images goes without them.
    bool perImage = true;
};

// Everything an accumulator has counted, in one plain value: what `stats --shard` part files hold
// and `merge` adds up. Integers wherever the statistic is exact, so parts merge exactly.
struct AccumulatedCounts {
    struct PerSample {
        std::vector<std::uint64_t> fineCounts; // FineHistogram::kBins over ±layout.perSampleBound
        double sum = 0, sumSq = 0, min = 0, max = 0;
    };
    struct Class {
        std::uint64_t images = 0;
        std::vector<ByteHistogram> bytes; // per channel
        std::vector<PerSample> perSample; // per channel
    };
    StatsLayout layout;
    bool mapsValid = false;
    std::uint64_t images = 0;
    std::vector<Class> classes;
    std::vector<ImageMomentSums> moments;            // per channel
    std::vector<std::uint64_t> pixelSum, pixelSumSq; // C x mapHeight x mapWidth, when mapsValid
};

// Every statistic of SplitStats, accumulated over images that arrive in chunks: a split held in
// memory is one chunk, an image folder larger than memory streams through chunk by chunk and only
// the accumulator stays. The counts are integers, so the result does not depend on how the images
// were chunked or which worker took which. Per-pixel maps are kept while every image is
// mapHeight x mapWidth and dropped at the first that is not.
class StatsAccumulator {
public:
    explicit StatsAccumulator(const StatsLayout& layout);
    ~StatsAccumulator();
    StatsAccumulator(const StatsAccumulator&) = delete;
    StatsAccumulator& operator=(const StatsAccumulator&) = delete;

    // Adds a chunk's images on all cores. firstIndex is the index of its first image in the split,
    // for the per-image arrays. Progress reports the share of this chunk done; the stop token is
    // checked every 1024 images (throws Cancelled).
    void add(const ImageSet& chunk, std::size_t firstIndex, const Progress& progress = {});

    // The statistics of everything added. `about` gives the names (data set, split, classes,
    // origin, sources, notes); without trainParams the images are the training split and the
    // parameters come from their own counts.
    SplitStats finish(const ImageSet& about, const std::optional<NormalizationParams>& trainParams,
                      double rangeLow = 0.0, double rangeHigh = 1.0) const;

    std::size_t images() const;

    // Images one by one, each counted on the thread that produced it (a streamed folder decodes
    // and counts an image on one thread, while it is in cache). reserveImages(n) first, for the
    // per-image arrays; then worker w (0 .. workers() - 1, one thread each) calls addImage for the
    // images it has, with each image's index among the n, and finishWorker(w) when it is done.
    // addImages takes a few images at once (up to kImagesPerAdd): their per-pixel sums go into the
    // maps in one pass, so that a 224x224 map (1.2 MB of sums per worker) is walked once for
    // them all rather than once an image, which pushed the decoder's own data out of the cache.
    struct ImageView {
        const std::uint8_t* planar;
        int height, width, label;
        std::size_t index;
    };
    static constexpr std::size_t kImagesPerAdd = 4;
    unsigned workers() const;
    void reserveImages(std::size_t count);
    void addImage(unsigned worker, const std::uint8_t* planar, int height, int width, int label, std::size_t index) {
        const ImageView one{planar, height, width, label, index};
        addImages(worker, std::span(&one, 1));
    }
    void addImages(unsigned worker, std::span<const ImageView> images);
    void finishWorker(unsigned worker);

    // The counts so far (the workers' shares added up), and the counts of another part added to
    // these. Per-image arrays are not part of them: a merged result has none.
    AccumulatedCounts counts() const;
    void add(const AccumulatedCounts& part, const std::string& nameForErrors);
    static std::unique_ptr<StatsAccumulator> fromCounts(const AccumulatedCounts& counts);

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// Samuelson's inequality: no standardized value of a p-pixel image lies beyond sqrt(p - 1).
double samuelsonBound(std::size_t pixelsPerChannel);

// The per-sample range used where image sizes are not known before the pass (streamed folders):
// exact for images up to 1025 pixels per channel; beyond, the rare values past it fall into the
// edge bins of the histogram while min and max stay exact.
constexpr double kStreamedPerSampleBound = 32.0;

} // namespace normlab
