#include "core/stats/statsengine.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/common/parallel.h"
#include "core/stats/finehistogram.h"
#include "core/stats/methodsummary.h"

namespace normlab {
namespace {

constexpr std::size_t kChunkImages = 1024; // progress / cancel granularity, and per-pixel flush size
constexpr int kSubHistograms = 4;          // breaks the store-to-load chain of repeated byte values
// countBytes empties its 32-bit sub-histograms before this many pixels (per channel) pile up.
constexpr std::uint64_t kMaxPendingCounts = std::numeric_limits<std::uint32_t>::max();

// Per-image byte counts in four interleaved sub-histograms so runs of equal bytes (the many
// zeros of MNIST) do not serialise on one counter.
struct ImageCounter {
    std::uint32_t sub[kSubHistograms][256] = {};

    void count(const std::uint8_t* px, std::size_t n) {
        // MNIST-like images are mostly background: whole 8-byte runs of zeros are counted at
        // once, and only the remaining bytes pay for a histogram increment.
        std::uint32_t zeros = 0;
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t block;
            std::memcpy(&block, px + i, sizeof block);
            if (block == 0) {
                zeros += 8;
                continue;
            }
            ++sub[0][px[i]];
            ++sub[1][px[i + 1]];
            ++sub[2][px[i + 2]];
            ++sub[3][px[i + 3]];
            ++sub[0][px[i + 4]];
            ++sub[1][px[i + 5]];
            ++sub[2][px[i + 6]];
            ++sub[3][px[i + 7]];
        }
        for (; i < n; ++i)
            ++sub[0][px[i]];
        sub[1][0] += zeros;
    }
    // Collapses into `merged` and clears the sub-histograms for the next image.
    void take(std::uint32_t* merged) {
        for (int v = 0; v < 256; ++v) {
            merged[v] = sub[0][v] + sub[1][v] + sub[2][v] + sub[3][v];
            sub[0][v] = sub[1][v] = sub[2][v] = sub[3][v] = 0;
        }
    }
    // Adds the counts so far to `total` and clears them.
    void addTo(std::uint64_t* total) {
        for (int v = 0; v < 256; ++v) {
            total[v] += std::uint64_t{sub[0][v]} + sub[1][v] + sub[2][v] + sub[3][v];
            sub[0][v] = sub[1][v] = sub[2][v] = sub[3][v] = 0;
        }
    }
};

struct PerSampleAcc {
    FineHistogram fine;
    double sum = 0, sumSq = 0;
    double min = std::numeric_limits<double>::infinity(), max = -std::numeric_limits<double>::infinity();

    PerSampleAcc& operator+=(const PerSampleAcc& o) {
        fine += o.fine;
        sum += o.sum, sumSq += o.sumSq;
        min = std::min(min, o.min), max = std::max(max, o.max);
        return *this;
    }
};

struct ClassAcc {
    std::uint64_t images = 0;
    std::vector<ByteHistogram> bytes;
    std::vector<PerSampleAcc> perSample;
};

struct WorkerAcc {
    std::vector<ClassAcc> classes;
    std::vector<ImageMomentSums> moments; // per channel
    std::vector<std::uint64_t> pixelSum, pixelSumSq;
    std::vector<std::uint32_t> chunkSum, chunkSumSq; // cannot overflow within kChunkImages images

    WorkerAcc(int classCount, int channels, std::size_t pixelsPerImage, double bound)
        : classes(classCount), moments(channels), pixelSum(pixelsPerImage), pixelSumSq(pixelsPerImage),
          chunkSum(pixelsPerImage), chunkSumSq(pixelsPerImage) {
        for (auto& c : classes) {
            c.bytes.resize(channels);
            c.perSample.assign(channels, PerSampleAcc{FineHistogram(bound)});
        }
    }
    void flushPixels() {
        for (std::size_t i = 0; i < chunkSum.size(); ++i) {
            pixelSum[i] += chunkSum[i];
            pixelSumSq[i] += chunkSumSq[i];
            chunkSum[i] = chunkSumSq[i] = 0;
        }
    }
};

double samuelsonBound(std::size_t pixelsPerChannel) {
    return std::max(1.0, std::sqrt(static_cast<double>(pixelsPerChannel) - 1.0));
}

void accumulateImage(const ImageSet& set, std::size_t index, ImageCounter& counter, WorkerAcc& acc, SplitStats& out) {
    const std::size_t p = set.pixelsPerChannel();
    const std::uint8_t* image = set.image(index);
    ClassAcc& cls = acc.classes[set.labels[index]];
    ++cls.images;
    std::uint64_t imageSum = 0, imageSumSq = 0;
    int imageMin = 255, imageMax = 0;
    std::uint32_t h[256];
    for (int c = 0; c < set.channels; ++c) {
        const std::uint8_t* px = image + c * p;
        counter.count(px, p);
        counter.take(h);
        // Branch-free scans: adding a zero count is harmless, and a data-dependent "if (h[v])"
        // mispredicts on about half the values of anti-aliased images. The values present are
        // compacted into `present` without a branch for the per-sample pass below.
        std::uint64_t sum = 0, sumSq = 0;
        std::uint8_t present[256];
        int distinct = 0;
        auto& classBytes = cls.bytes[c].counts;
        for (int v = 0; v < 256; ++v) {
            classBytes[v] += h[v];
            sum += std::uint64_t{h[v]} * v;
            sumSq += std::uint64_t{h[v]} * (v * v);
            present[distinct] = static_cast<std::uint8_t>(v);
            distinct += h[v] != 0;
        }
        const int lo = present[0], hi = present[distinct - 1];
        const double mean = static_cast<double>(sum) / p;
        const double var =
            std::max(0.0, (static_cast<double>(p) * sumSq - static_cast<double>(sum) * sum) / (double(p) * p));
        const PerSampleScale scale = perSampleScale(mean, std::sqrt(var), p);
        const double inv = 1.0 / scale.stdByte;
        PerSampleAcc& ps = cls.perSample[c];
        // The fine bin of z = (v - mean) / s is affine in v: one multiply-add per distinct value.
        ps.fine.addAffine(present, distinct, h, inv, -mean * inv);
        // Sums of z and z^2 follow from the image's own moments: sum(z) = (S - mean P) / s and
        // sum(z^2) = P var / s^2, so no per-value accumulation is needed.
        ps.sum += (static_cast<double>(sum) - mean * p) * inv;
        ps.sumSq += p * var * inv * inv;
        ps.min = std::min(ps.min, (lo - mean) * inv);
        ps.max = std::max(ps.max, (hi - mean) * inv);
        acc.moments[c].add(sum, sumSq, p);
        imageSum += sum, imageSumSq += sumSq;
        imageMin = std::min(imageMin, lo), imageMax = std::max(imageMax, hi);
    }
    // Per-pixel sums: a straight loop the compiler vectorises.
    const std::size_t n = set.pixelsPerImage();
    std::uint32_t* sumRow = acc.chunkSum.data();
    std::uint32_t* sqRow = acc.chunkSumSq.data();
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t v = image[i];
        sumRow[i] += v;
        sqRow[i] += v * v;
    }
    const double total = static_cast<double>(n);
    const double mean = imageSum / total;
    out.imageMean[index] = static_cast<float>(mean / 255.0);
    out.imageStd[index] = static_cast<float>(std::sqrt(std::max(0.0, imageSumSq / total - mean * mean)) / 255.0);
    out.imageMin[index] = static_cast<std::uint8_t>(imageMin);
    out.imageMax[index] = static_cast<std::uint8_t>(imageMax);
}

MethodStats perSampleStats(const std::vector<PerSampleAcc>& channels) {
    MethodStats m;
    m.method = Method::PerSample;
    m.exact = false;
    for (const auto& ps : channels) {
        const double n = static_cast<double>(ps.fine.total());
        ChannelSummary s;
        if (n > 0) {
            s.mean = ps.sum / n;
            s.std = std::sqrt(std::max(0.0, ps.sumSq / n - s.mean * s.mean));
            s.min = ps.min;
            s.max = ps.max;
            s.p1 = ps.fine.quantile(0.01);
            s.p50 = ps.fine.quantile(0.50);
            s.p99 = ps.fine.quantile(0.99);
        }
        m.channels.push_back(s);
        m.histograms.push_back(ps.fine.rebin(s.min, s.max, kHistogramBins));
    }
    return m;
}

std::vector<MethodStats> allMethods(const std::vector<ByteHistogram>& bytes, const std::vector<PerSampleAcc>& ps,
                                    const NormalizationParams& params) {
    std::vector<MethodStats> methods;
    for (auto m : kAllMethods)
        methods.push_back(m == Method::PerSample ? perSampleStats(ps) : affineMethodStats(m, bytes, params));
    return methods;
}

} // namespace

std::vector<ByteHistogram> countBytes(const ImageSet& set, const Progress& progress) {
    const unsigned workers = workerCount();
    std::vector<std::vector<ByteHistogram>> partial(workers, std::vector<ByteHistogram>(set.channels));
    const std::size_t p = set.pixelsPerChannel();
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
            if ((i - begin) % kChunkImages == 0) progress.throwIfStopped();
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
    SplitStats out;
    out.dataset = set.dataset;
    out.split = set.split;
    out.origin = set.origin;
    out.count = set.count;
    out.channels = set.channels;
    out.height = set.height;
    out.width = set.width;
    out.sources = set.sources;
    out.imageMean.resize(set.count);
    out.imageStd.resize(set.count);
    out.imageMin.resize(set.count);
    out.imageMax.resize(set.count);
    const double bound = samuelsonBound(set.pixelsPerChannel());
    out.perSampleBinWidth = 2 * bound / FineHistogram::kBins;

    const unsigned workers = workerCount();
    std::vector<WorkerAcc> accs;
    for (unsigned w = 0; w < workers; ++w)
        accs.emplace_back(set.classCount(), set.channels, set.pixelsPerImage(), bound);
    std::atomic<std::size_t> done{0};
    parallelRanges(set.count, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        ImageCounter counter;
        WorkerAcc& acc = accs[w];
        for (std::size_t chunk = begin; chunk < end; chunk += kChunkImages) {
            progress.throwIfStopped();
            const std::size_t chunkEnd = std::min(end, chunk + kChunkImages);
            for (std::size_t i = chunk; i < chunkEnd; ++i)
                accumulateImage(set, i, counter, acc, out);
            acc.flushPixels();
            const std::size_t total = done.fetch_add(chunkEnd - chunk) + (chunkEnd - chunk);
            if (w == 0) progress.update(static_cast<double>(total) / static_cast<double>(set.count));
        }
    });

    // Merge the workers' partial results.
    ClassAcc all;
    all.bytes.resize(set.channels);
    all.perSample.assign(set.channels, PerSampleAcc{FineHistogram(bound)});
    std::vector<ClassAcc> classes(set.classCount(), all);
    std::vector<std::uint64_t> pixelSum(set.pixelsPerImage()), pixelSumSq(set.pixelsPerImage());
    out.imageMoments.assign(set.channels, {});
    for (const auto& acc : accs) {
        for (int c = 0; c < set.channels; ++c)
            out.imageMoments[c] += acc.moments[c];
        for (int k = 0; k < set.classCount(); ++k) {
            classes[k].images += acc.classes[k].images;
            for (int c = 0; c < set.channels; ++c) {
                classes[k].bytes[c] += acc.classes[k].bytes[c];
                classes[k].perSample[c] += acc.classes[k].perSample[c];
            }
        }
        for (std::size_t i = 0; i < pixelSum.size(); ++i)
            pixelSum[i] += acc.pixelSum[i], pixelSumSq[i] += acc.pixelSumSq[i];
    }
    for (const auto& cls : classes)
        for (int c = 0; c < set.channels; ++c) {
            all.bytes[c] += cls.bytes[c];
            all.perSample[c] += cls.perSample[c];
        }

    out.bytes = all.bytes;
    out.params = trainParams ? *trainParams : normalizationParamsFrom(all.bytes, rangeLow, rangeHigh);
    out.paramsSource = trainParams ? "the train split" : "this split (" + set.split + ")";
    out.methods = allMethods(all.bytes, all.perSample, out.params);
    for (int k = 0; k < set.classCount(); ++k) {
        ClassStats cs;
        cs.label = k;
        cs.name = set.classNames[k];
        cs.images = classes[k].images;
        cs.bytes = classes[k].bytes;
        cs.methods = allMethods(classes[k].bytes, classes[k].perSample, out.params);
        out.perClass.push_back(std::move(cs));
    }
    const std::size_t p = set.pixelsPerChannel();
    const double n = static_cast<double>(set.count);
    for (int c = 0; c < set.channels; ++c) {
        std::vector<double> mean(p), stdev(p);
        for (std::size_t i = 0; i < p; ++i) {
            const double s = static_cast<double>(pixelSum[c * p + i]);
            const double sq = static_cast<double>(pixelSumSq[c * p + i]);
            mean[i] = s / n / 255.0;
            stdev[i] = std::sqrt(std::max(0.0, n * sq - s * s)) / n / 255.0;
        }
        out.pixelMean.push_back(std::move(mean));
        out.pixelStd.push_back(std::move(stdev));
    }
    progress.update(1.0);
    return out;
}

} // namespace normlab
