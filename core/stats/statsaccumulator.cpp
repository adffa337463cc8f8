#include "core/stats/statsaccumulator.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstring>
#include <limits>

#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/stats/finehistogram.h"
#include "core/stats/imagecounter.h"
#include "core/stats/methodsummary.h"
#include "core/stats/pixelsums.h"
#include "core/stats/statsengine.h"

namespace normlab {
namespace {

constexpr std::size_t kChunkImages = 1024; // progress / cancel granularity, and per-pixel flush size

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

    WorkerAcc(int classCount, int channels, std::size_t mapPixels, double bound)
        : classes(classCount), moments(channels), pixelSum(mapPixels), pixelSumSq(mapPixels), chunkSum(mapPixels),
          chunkSumSq(mapPixels) {
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

    std::size_t pendingMapped = 0; // images addImage put into chunkSum since the last flush
};

// Per-image results, indexed by the image's place in the split.
struct PerImage {
    std::vector<float> mean, std;
    std::vector<std::uint8_t> min, max;
    bool kept = true; // StatsLayout::perImage

    void resize(std::size_t n) {
        if (!kept || n <= mean.size()) return;
        mean.resize(n), std.resize(n), min.resize(n), max.resize(n);
    }
};

// One image's pixel statistics into a worker's accumulators; its per-pixel sums only when it has
// the maps' size (`mapped`).
void accumulateImage(const std::uint8_t* image, std::size_t p, int channels, int label, std::size_t outIndex,
                     bool mapped, ImageCounter& counter, WorkerAcc& acc, PerImage& out) {
    ClassAcc& cls = acc.classes[label];
    ++cls.images;
    std::uint64_t imageSum = 0, imageSumSq = 0;
    int imageMin = 255, imageMax = 0;
    std::uint32_t h[256];
    for (int c = 0; c < channels; ++c) {
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
    const std::size_t n = p * channels;
    if (mapped) addPixelSums(&image, 1, n, acc.chunkSum.data(), acc.chunkSumSq.data());
    if (!out.kept) return;
    const double total = static_cast<double>(n);
    const double mean = imageSum / total;
    out.mean[outIndex] = static_cast<float>(mean / 255.0);
    out.std[outIndex] = static_cast<float>(std::sqrt(std::max(0.0, imageSumSq / total - mean * mean)) / 255.0);
    out.min[outIndex] = static_cast<std::uint8_t>(imageMin);
    out.max[outIndex] = static_cast<std::uint8_t>(imageMax);
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

double samuelsonBound(std::size_t pixelsPerChannel) {
    return std::max(1.0, std::sqrt(static_cast<double>(pixelsPerChannel) - 1.0));
}

struct StatsAccumulator::State {
    StatsLayout layout;
    std::vector<WorkerAcc> workers;
    std::vector<ImageCounter> counters; // one per worker, for addImage
    PerImage perImage;
    std::size_t images = 0;
    bool mapsValid = true;
    std::atomic<bool> mapsBroken{false}; // an image of another size arrived through addImage

    // Whether the per-pixel maps still hold: every image so far had their size.
    bool mapsKept() const { return mapsValid && !mapsBroken.load(); }
};

StatsAccumulator::StatsAccumulator(const StatsLayout& layout) : m_state(std::make_unique<State>()) {
    m_state->layout = layout;
    m_state->perImage.kept = layout.perImage;
    const std::size_t mapPixels = static_cast<std::size_t>(layout.mapHeight) * layout.mapWidth * layout.channels;
    m_state->mapsValid = mapPixels > 0;
    for (unsigned w = 0; w < workerCount(); ++w)
        m_state->workers.emplace_back(layout.classCount, layout.channels, mapPixels, layout.perSampleBound);
    m_state->counters.resize(m_state->workers.size());
}

unsigned StatsAccumulator::workers() const {
    return static_cast<unsigned>(m_state->workers.size());
}

void StatsAccumulator::reserveImages(std::size_t count) {
    m_state->perImage.resize(m_state->images + count);
    m_state->images += count;
}

void StatsAccumulator::addImages(unsigned worker, std::span<const ImageView> images) {
    State& st = *m_state;
    WorkerAcc& acc = st.workers.at(worker);
    const std::uint8_t* mappedImages[kImagesPerAdd];
    std::size_t mappedCount = 0;
    const auto addMapped = [&] {
        if (mappedCount == 0 || !st.mapsKept()) return;
        // The 32-bit per-pixel sums hold kChunkImages images; then they go into the 64-bit ones.
        if (acc.pendingMapped + mappedCount > kChunkImages) {
            acc.flushPixels();
            acc.pendingMapped = 0;
        }
        addPixelSums(mappedImages, mappedCount, acc.chunkSum.size(), acc.chunkSum.data(), acc.chunkSumSq.data());
        acc.pendingMapped += mappedCount;
        mappedCount = 0;
    };
    for (const ImageView& image : images) {
        if (image.label < 0 || image.label >= st.layout.classCount)
            throw Error("internal: label " + std::to_string(image.label) + " outside the accumulator's classes");
        bool mapped = st.mapsValid && !st.mapsBroken.load(std::memory_order_relaxed);
        if (mapped && (image.height != st.layout.mapHeight || image.width != st.layout.mapWidth)) {
            st.mapsBroken.store(true, std::memory_order_relaxed);
            mapped = false;
        }
        accumulateImage(image.planar, static_cast<std::size_t>(image.height) * image.width, st.layout.channels,
                        image.label, image.index, false, st.counters[worker], acc, st.perImage);
        if (!mapped) continue;
        if (mappedCount == kImagesPerAdd) addMapped();
        mappedImages[mappedCount++] = image.planar;
    }
    addMapped();
}

void StatsAccumulator::finishWorker(unsigned worker) {
    WorkerAcc& acc = m_state->workers.at(worker);
    acc.flushPixels();
    acc.pendingMapped = 0;
}

StatsAccumulator::~StatsAccumulator() = default;

std::size_t StatsAccumulator::images() const {
    return m_state->images;
}

void StatsAccumulator::add(const ImageSet& chunk, std::size_t firstIndex, const Progress& progress) {
    State& st = *m_state;
    if (chunk.channels != st.layout.channels)
        throw Error("internal: a chunk of " + std::to_string(chunk.channels) + " channels added to statistics of " +
                    std::to_string(st.layout.channels));
    st.perImage.resize(firstIndex + chunk.count);
    // The maps hold while every image has their size; one image of another size ends them.
    const auto hasMapSize = [&](std::size_t i) {
        return chunk.heightOf(i) == st.layout.mapHeight && chunk.widthOf(i) == st.layout.mapWidth;
    };
    if (st.mapsKept())
        for (std::size_t i = 0; i < chunk.count && st.mapsValid; ++i)
            st.mapsValid = hasMapSize(i);
    const bool mapped = st.mapsKept();
    const unsigned workers = static_cast<unsigned>(st.workers.size());
    std::atomic<std::size_t> done{0};
    const int classCount = st.layout.classCount;
    parallelRanges(chunk.count, workers, [&](unsigned w, std::size_t begin, std::size_t end) {
        ImageCounter counter;
        WorkerAcc& acc = st.workers[w];
        std::vector<std::uint32_t> order(kChunkImages);
        std::vector<std::size_t> start(classCount + 1);
        for (std::size_t part = begin; part < end; part += kChunkImages) {
            progress.throwIfStopped();
            const std::size_t partEnd = std::min(end, part + kChunkImages);
            // One class after the other: the class's per-sample histograms (64 KB per channel) stay
            // in cache while its images are counted, instead of a random class's for each image.
            std::fill(start.begin(), start.end(), 0);
            for (std::size_t i = part; i < partEnd; ++i)
                ++start[chunk.labels[i] + 1];
            for (int k = 0; k < classCount; ++k)
                start[k + 1] += start[k];
            for (std::size_t i = part; i < partEnd; ++i)
                order[start[chunk.labels[i]]++] = static_cast<std::uint32_t>(i);
            for (std::size_t j = 0; j < partEnd - part; ++j) {
                const std::size_t i = order[j];
                accumulateImage(chunk.image(i), chunk.pixelsPerChannel(i), chunk.channels, chunk.labels[i],
                                firstIndex + i, mapped, counter, acc, st.perImage);
            }
            if (mapped) acc.flushPixels();
            const std::size_t total = done.fetch_add(partEnd - part) + (partEnd - part);
            if (w == 0) progress.update(static_cast<double>(total) / static_cast<double>(chunk.count));
        }
    });
    st.images += chunk.count;
}

AccumulatedCounts StatsAccumulator::counts() const {
    const State& st = *m_state;
    AccumulatedCounts out;
    out.layout = st.layout;
    out.mapsValid = st.mapsKept();
    out.images = st.images;
    const int channels = st.layout.channels;
    out.classes.resize(st.layout.classCount);
    for (auto& cls : out.classes) {
        cls.bytes.resize(channels);
        cls.perSample.resize(channels);
    }
    out.moments.resize(channels);
    const std::size_t mapPixels = st.mapsKept() ? st.workers.front().pixelSum.size() : 0;
    out.pixelSum.assign(mapPixels, 0);
    out.pixelSumSq.assign(mapPixels, 0);
    for (const auto& acc : st.workers) {
        for (int k = 0; k < st.layout.classCount; ++k) {
            auto& cls = out.classes[k];
            cls.images += acc.classes[k].images;
            for (int c = 0; c < channels; ++c) {
                cls.bytes[c] += acc.classes[k].bytes[c];
                const PerSampleAcc& ps = acc.classes[k].perSample[c];
                auto& to = cls.perSample[c];
                if (to.fineCounts.empty()) {
                    to.fineCounts = ps.fine.counts();
                    to.min = ps.min, to.max = ps.max;
                } else {
                    for (std::size_t b = 0; b < to.fineCounts.size(); ++b)
                        to.fineCounts[b] += ps.fine.counts()[b];
                    to.min = std::min(to.min, ps.min), to.max = std::max(to.max, ps.max);
                }
                to.sum += ps.sum, to.sumSq += ps.sumSq;
            }
        }
        for (int c = 0; c < channels; ++c)
            out.moments[c] += acc.moments[c];
        for (std::size_t i = 0; i < mapPixels; ++i)
            out.pixelSum[i] += acc.pixelSum[i], out.pixelSumSq[i] += acc.pixelSumSq[i];
    }
    return out;
}

void StatsAccumulator::add(const AccumulatedCounts& part, const std::string& name) {
    State& st = *m_state;
    const StatsLayout& a = st.layout;
    const StatsLayout& b = part.layout;
    if (a.classCount != b.classCount || a.channels != b.channels || a.perSampleBound != b.perSampleBound)
        throw Error(name + ": counts of another layout (" + std::to_string(b.classCount) + " classes, " +
                    std::to_string(b.channels) + " channels; expected " + std::to_string(a.classCount) + " and " +
                    std::to_string(a.channels) + ")");
    // Per-pixel maps survive only if both parts kept maps of the same size.
    if (!part.mapsValid || b.mapHeight != a.mapHeight || b.mapWidth != a.mapWidth ||
        part.pixelSum.size() != st.workers.front().pixelSum.size())
        st.mapsValid = false;
    WorkerAcc& acc = st.workers.front();
    for (int k = 0; k < a.classCount; ++k) {
        const auto& from = part.classes.at(k);
        acc.classes[k].images += from.images;
        for (int c = 0; c < a.channels; ++c) {
            acc.classes[k].bytes[c] += from.bytes.at(c);
            const auto& ps = from.perSample.at(c);
            PerSampleAcc& to = acc.classes[k].perSample[c];
            if (ps.fineCounts.size() != static_cast<std::size_t>(FineHistogram::kBins))
                throw Error(name + ": a per-sample histogram of " + std::to_string(ps.fineCounts.size()) +
                            " bins (expected " + std::to_string(FineHistogram::kBins) + ")");
            for (int bin = 0; bin < FineHistogram::kBins; ++bin)
                if (ps.fineCounts[bin]) to.fine.addToBin(bin, ps.fineCounts[bin]);
            if (from.images > 0) {
                to.sum += ps.sum, to.sumSq += ps.sumSq;
                to.min = std::min(to.min, ps.min), to.max = std::max(to.max, ps.max);
            }
        }
    }
    for (int c = 0; c < a.channels; ++c)
        acc.moments[c] += part.moments.at(c);
    if (st.mapsKept())
        for (std::size_t i = 0; i < acc.pixelSum.size(); ++i)
            acc.pixelSum[i] += part.pixelSum[i], acc.pixelSumSq[i] += part.pixelSumSq[i];
    st.images += part.images;
}

std::unique_ptr<StatsAccumulator> StatsAccumulator::fromCounts(const AccumulatedCounts& counts) {
    auto acc = std::make_unique<StatsAccumulator>(counts.layout);
    acc->add(counts, "counts");
    return acc;
}

SplitStats StatsAccumulator::finish(const ImageSet& about, const std::optional<NormalizationParams>& trainParams,
                                    double rangeLow, double rangeHigh) const {
    const State& st = *m_state;
    const int channels = st.layout.channels, classCount = st.layout.classCount;
    SplitStats out;
    out.dataset = about.dataset;
    out.split = about.split;
    out.origin = about.origin;
    out.count = st.images;
    out.channels = channels;
    out.height = st.mapsKept() ? st.layout.mapHeight : 0;
    out.width = st.mapsKept() ? st.layout.mapWidth : 0;
    out.sources = about.sources;
    out.notes = about.notes;
    out.imageMean = st.perImage.mean;
    out.imageStd = st.perImage.std;
    out.imageMin = st.perImage.min;
    out.imageMax = st.perImage.max;
    const double bound = st.layout.perSampleBound;
    out.perSampleBinWidth = 2 * bound / FineHistogram::kBins;

    // Merge the workers' partial results.
    ClassAcc all;
    all.bytes.resize(channels);
    all.perSample.assign(channels, PerSampleAcc{FineHistogram(bound)});
    std::vector<ClassAcc> classes(classCount, all);
    const std::size_t mapPixels = st.mapsKept() ? st.workers.front().pixelSum.size() : 0;
    std::vector<std::uint64_t> pixelSum(mapPixels), pixelSumSq(mapPixels);
    out.imageMoments.assign(channels, {});
    for (const auto& acc : st.workers) {
        for (int c = 0; c < channels; ++c)
            out.imageMoments[c] += acc.moments[c];
        for (int k = 0; k < classCount; ++k) {
            classes[k].images += acc.classes[k].images;
            for (int c = 0; c < channels; ++c) {
                classes[k].bytes[c] += acc.classes[k].bytes[c];
                classes[k].perSample[c] += acc.classes[k].perSample[c];
            }
        }
        for (std::size_t i = 0; i < mapPixels; ++i)
            pixelSum[i] += acc.pixelSum[i], pixelSumSq[i] += acc.pixelSumSq[i];
    }
    for (const auto& cls : classes)
        for (int c = 0; c < channels; ++c) {
            all.bytes[c] += cls.bytes[c];
            all.perSample[c] += cls.perSample[c];
        }

    out.bytes = all.bytes;
    out.params = trainParams ? *trainParams : normalizationParamsFrom(all.bytes, rangeLow, rangeHigh);
    out.paramsSource = trainParams ? "the train split" : "this split (" + about.split + ")";
    out.methods = allMethods(all.bytes, all.perSample, out.params);
    for (int k = 0; k < classCount; ++k) {
        ClassStats cs;
        cs.label = k;
        cs.name = k < about.classCount() ? about.classNames[k] : std::to_string(k);
        cs.images = classes[k].images;
        cs.bytes = classes[k].bytes;
        cs.methods = allMethods(classes[k].bytes, classes[k].perSample, out.params);
        out.perClass.push_back(std::move(cs));
    }
    if (mapPixels > 0) {
        const std::size_t p = mapPixels / channels;
        const double n = static_cast<double>(st.images);
        for (int c = 0; c < channels; ++c) {
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
    }
    return out;
}

} // namespace normlab
