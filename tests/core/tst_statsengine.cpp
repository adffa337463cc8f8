// The statistics engine against brute-force double-precision loops over small generated data.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <stop_token>

#include <QtTest>

#include "core/common/error.h"
#include "core/stats/channelsums.h"
#include "core/stats/normalization.h"
#include "core/stats/pixelsums.h"
#include "core/stats/statsaccumulator.h"
#include "core/stats/statsengine.h"
#include "tests/support/testdata.h"

using namespace normlab;

namespace {

// numpy.percentile's default: linear interpolation between sorted values.
double percentile(std::vector<double> v, double q) {
    std::sort(v.begin(), v.end());
    const double pos = q * (v.size() - 1);
    const auto lo = static_cast<std::size_t>(std::floor(pos));
    const std::size_t hi = std::min(lo + 1, v.size() - 1);
    return v[lo] + (pos - lo) * (v[hi] - v[lo]);
}

double mean(const std::vector<double>& v) {
    return std::accumulate(v.begin(), v.end(), 0.0) / v.size();
}
double popStd(const std::vector<double>& v) {
    const double m = mean(v);
    double s = 0;
    for (double x : v)
        s += (x - m) * (x - m);
    return std::sqrt(s / v.size());
}

// Every value of channel c of the selected images, normalized the slow, obvious way.
std::vector<double> bruteValues(const ImageSet& set, Method method, const NormalizationParams& p, int c, int label) {
    std::vector<double> values;
    for (std::size_t i = 0; i < set.count; ++i) {
        if (label >= 0 && set.labels[i] != label) continue;
        const std::size_t n = set.pixelsPerChannel(i);
        const std::uint8_t* px = set.image(i) + c * n;
        double m = 0, s = 0;
        for (std::size_t k = 0; k < n; ++k)
            m += px[k] / 255.0;
        m /= n;
        for (std::size_t k = 0; k < n; ++k)
            s += (px[k] / 255.0 - m) * (px[k] / 255.0 - m);
        s = std::max(std::sqrt(s / n), 1.0 / std::sqrt(double(n)));
        for (std::size_t k = 0; k < n; ++k) {
            const double x = px[k];
            switch (method) {
            case Method::Raw255:
                values.push_back(x);
                break;
            case Method::None:
                values.push_back(x / 255.0);
                break;
            case Method::MinMax: {
                const double lo = p.minByte[c] / 255.0, hi = p.maxByte[c] / 255.0;
                values.push_back(p.rangeLow + (p.rangeHigh - p.rangeLow) * (x / 255.0 - lo) / (hi - lo));
                break;
            }
            case Method::ZScore:
                values.push_back((x / 255.0 - p.mean[c]) / p.std[c]);
                break;
            case Method::PerSample:
                values.push_back((x / 255.0 - m) / s);
                break;
            }
        }
    }
    return values;
}

NormalizationParams bruteParams(const ImageSet& train, double low, double high) {
    NormalizationParams p;
    p.rangeLow = low;
    p.rangeHigh = high;
    for (int c = 0; c < train.channels; ++c) {
        const auto v = bruteValues(train, Method::None, p, c, -1);
        p.mean.push_back(mean(v));
        p.std.push_back(popStd(v));
        p.minByte.push_back(static_cast<int>(std::lround(*std::min_element(v.begin(), v.end()) * 255)));
        p.maxByte.push_back(static_cast<int>(std::lround(*std::max_element(v.begin(), v.end()) * 255)));
    }
    return p;
}

constexpr double kTight = 1e-9;

} // namespace

class TestStatsEngine : public QObject {
    Q_OBJECT

    void compareAll(const ImageSet& set, const SplitStats& stats, const NormalizationParams& p, int label) {
        const auto& methods = label < 0 ? stats.methods : stats.perClass.at(label).methods;
        for (auto method : kAllMethods) {
            const MethodStats& m = methods.at(static_cast<std::size_t>(method));
            const bool perSample = method == Method::PerSample;
            // per-sample percentiles are exact to one fine bin; everything else to rounding.
            const double pctTol = perSample ? stats.perSampleBinWidth : kTight;
            for (int c = 0; c < set.channels; ++c) {
                const auto v = bruteValues(set, method, p, c, label);
                const ChannelSummary& s = m.channels.at(c);
                const QByteArray where = QByteArray::fromStdString(
                    methodName(method) + " channel " + std::to_string(c) + " class " + std::to_string(label));
                QVERIFY2(std::abs(s.mean - mean(v)) < kTight, where);
                QVERIFY2(std::abs(s.std - popStd(v)) < kTight, where);
                QVERIFY2(std::abs(s.min - *std::min_element(v.begin(), v.end())) < kTight, where);
                QVERIFY2(std::abs(s.max - *std::max_element(v.begin(), v.end())) < kTight, where);
                QVERIFY2(std::abs(s.p1 - percentile(v, 0.01)) <= pctTol, where);
                QVERIFY2(std::abs(s.p50 - percentile(v, 0.50)) <= pctTol, where);
                QVERIFY2(std::abs(s.p99 - percentile(v, 0.99)) <= pctTol, where);
                // Histogram: every value lands in a bin whose edges contain it (to one fine bin
                // for per-sample), and the counts add up.
                const Histogram& h = m.histograms.at(c);
                QCOMPARE(h.counts.size(), std::size_t{256});
                QCOMPARE(h.edges.size(), std::size_t{257});
                std::uint64_t total = std::accumulate(h.counts.begin(), h.counts.end(), std::uint64_t{0});
                QCOMPARE(total, std::uint64_t(v.size()));
                if (!perSample) {
                    std::vector<std::uint64_t> expected(256, 0);
                    for (double x : v) {
                        const auto bin = std::upper_bound(h.edges.begin(), h.edges.end(), x) - h.edges.begin() - 1;
                        QVERIFY2(bin >= 0 && bin < 256, where);
                        ++expected[bin];
                    }
                    QCOMPARE(h.counts, expected);
                }
            }
        }
    }

private Q_SLOTS:
    void everyMethodMatchesBruteForce_data() {
        QTest::addColumn<int>("channels");
        QTest::addColumn<double>("low");
        QTest::addColumn<double>("high");
        QTest::newRow("grey [0,1]") << 1 << 0.0 << 1.0;
        QTest::newRow("grey [-1,1]") << 1 << -1.0 << 1.0;
        QTest::newRow("three channels") << 3 << 0.0 << 1.0;
    }
    void everyMethodMatchesBruteForce() {
        QFETCH(int, channels);
        QFETCH(double, low);
        QFETCH(double, high);
        // More images than one chunk so the chunked, two-worker merge is exercised.
        const ImageSet set = test::randomImageSet(2500, 4, 42, channels);
        const SplitStats stats = computeStats(set, std::nullopt, {}, low, high);
        const NormalizationParams p = bruteParams(set, low, high);
        for (int c = 0; c < channels; ++c) {
            QVERIFY(std::abs(stats.params.mean[c] - p.mean[c]) < kTight);
            QVERIFY(std::abs(stats.params.std[c] - p.std[c]) < kTight);
            QCOMPARE(stats.params.minByte[c], p.minByte[c]);
            QCOMPARE(stats.params.maxByte[c], p.maxByte[c]);
        }
        QCOMPARE(stats.count, std::uint64_t{2500});
        compareAll(set, stats, p, -1);
        for (int label = 0; label < 4; ++label) {
            compareAll(set, stats, p, label);
            const auto expected = std::count(set.labels.begin(), set.labels.end(), label);
            QCOMPARE(stats.perClass[label].images, std::uint64_t(expected));
        }
    }

    // An image folder mixes sizes: every pixel counts once, per-pixel maps are dropped, and the
    // per-image arrays still describe each image.
    void mixedSizesMatchBruteForce() {
        const ImageSet set = test::randomMixedSizeSet(1300, 3, 11, 3, 9);
        QVERIFY(!set.uniformSize());
        const SplitStats stats = computeStats(set);
        const NormalizationParams p = bruteParams(set, 0, 1);
        compareAll(set, stats, p, -1);
        compareAll(set, stats, p, 2);
        QCOMPARE(stats.height, 0);
        QVERIFY(stats.pixelMean.empty());
        QCOMPARE(stats.imageMean.size(), set.count);
        const std::size_t i = 1000;
        std::vector<double> v(set.image(i), set.image(i) + set.pixelsPerChannel(i) * 3);
        for (auto& x : v)
            x /= 255.0;
        QVERIFY(std::abs(stats.imageMean[i] - mean(v)) < 1e-6);
        // Weighted by pixels, the decomposition still adds up to the pooled variance.
        for (int c = 0; c < 3; ++c) {
            const double pooled = std::pow(stats.method(Method::None).channels[c].std, 2);
            const auto& m = stats.imageMoments[c];
            QVERIFY(m.mixedSizes);
            QVERIFY2(std::abs(m.withinVariance() + m.betweenVariance() - pooled) < 1e-12,
                     qPrintable(QString::number(m.withinVariance() + m.betweenVariance() - pooled)));
            QVERIFY(m.betweenVariance() > 0);
        }
    }

    // Streaming a split through in chunks gives the same numbers as holding it whole.
    void chunkedAccumulationEqualsWhole() {
        const ImageSet set = test::randomImageSet(2100, 4, 21, 3, 5, 4);
        const SplitStats whole = computeStats(set);
        StatsLayout layout{4, 3, 5, 4, samuelsonBound(20)};
        StatsAccumulator acc(layout);
        for (std::size_t first = 0; first < set.count; first += 700) {
            ImageSet chunk = set;
            chunk.count = 700;
            chunk.pixels.assign(set.image(first), set.image(first) + 700 * set.pixelsPerImage());
            chunk.labels.assign(set.labels.begin() + first, set.labels.begin() + first + 700);
            acc.add(chunk, first);
        }
        const SplitStats streamed = acc.finish(set, std::nullopt);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(streamed.bytes[c].counts, whole.bytes[c].counts);
            QCOMPARE(streamed.pixelMean[c], whole.pixelMean[c]);
            QCOMPARE(streamed.method(Method::PerSample).channels[c].p50,
                     whole.method(Method::PerSample).channels[c].p50);
        }
        QCOMPARE(streamed.imageStd, whole.imageStd);
        QCOMPARE(streamed.perClass[3].images, whole.perClass[3].images);
    }

    // Images added a few at a time on two workers (as a streamed folder adds them; their per-pixel
    // sums go into the maps together, past the 32-bit sums' 1,024-image flush) give the numbers of
    // the whole split.
    void imagesAddedInBatchesEqualWhole() {
        const ImageSet set = test::randomImageSet(2100, 4, 22, 3, 5, 4);
        const SplitStats whole = computeStats(set);
        StatsAccumulator acc(StatsLayout{4, 3, 5, 4, samuelsonBound(20)});
        acc.reserveImages(set.count);
        const unsigned workers = std::min(2u, acc.workers());
        std::size_t i = 0;
        for (std::size_t batch = 1; i < set.count; batch = batch % StatsAccumulator::kImagesPerAdd + 1) {
            std::vector<StatsAccumulator::ImageView> views;
            for (; views.size() < batch && i < set.count; ++i)
                views.push_back({set.image(i), 5, 4, set.labels[i], i});
            acc.addImages(static_cast<unsigned>(i % workers), views);
        }
        for (unsigned w = 0; w < acc.workers(); ++w)
            acc.finishWorker(w);
        const SplitStats streamed = acc.finish(set, std::nullopt);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(streamed.bytes[c].counts, whole.bytes[c].counts);
            QCOMPARE(streamed.pixelMean[c], whole.pixelMean[c]);
            QCOMPARE(streamed.pixelStd[c], whole.pixelStd[c]);
        }
        QCOMPARE(streamed.imageMean, whole.imageMean);
        QCOMPARE(streamed.perClass[2].images, whole.perClass[2].images);
    }

    // The per-pixel sums, whatever the CPU runs them with (AVX2 pairs and fours, the plain loop),
    // against one plain loop here: 1 to 9 images at once, lengths around the 16-pixel vector step,
    // bytes up to 255 so that the 32-bit squares are near their largest.
    void pixelSumsMatchPlainLoop() {
        std::mt19937 rng(5);
        for (std::size_t n : {std::size_t{1}, std::size_t{15}, std::size_t{16}, std::size_t{17}, std::size_t{250},
                              std::size_t{224 * 224 * 3}})
            for (std::size_t count = 1; count <= 9; ++count) {
                std::vector<std::vector<std::uint8_t>> images(count, std::vector<std::uint8_t>(n));
                std::vector<const std::uint8_t*> pointers;
                for (auto& image : images) {
                    for (auto& v : image)
                        v = rng() % 4 == 0 ? 255 : static_cast<std::uint8_t>(rng());
                    pointers.push_back(image.data());
                }
                std::vector<std::uint32_t> sum(n, 7), sumSq(n, 11); // added to, not overwritten
                addPixelSums(pointers.data(), count, n, sum.data(), sumSq.data());
                std::vector<std::uint32_t> wantSum(n, 7), wantSq(n, 11);
                for (const auto& image : images)
                    for (std::size_t i = 0; i < n; ++i)
                        wantSum[i] += image[i], wantSq[i] += std::uint32_t{image[i]} * image[i];
                QVERIFY2(sum == wantSum, qPrintable(QStringLiteral("sums, %1 images of %2").arg(count).arg(n)));
                QVERIFY2(sumSq == wantSq, qPrintable(QStringLiteral("squares, %1 images of %2").arg(count).arg(n)));
            }
    }

    // The sums pass gives the train split's parameters bit for bit as the byte counts do, over
    // mixed image sizes and channels longer than the 65,536-byte block of its 32-bit sums.
    void channelSumsGiveTheParametersOfByteCounts() {
        ImageSet set = test::randomImageSet(40, 3, 9, 3, 7, 5);
        // Two large images: 300 x 300 = 90,000 pixels per channel, past one block, one of them white.
        set.shapes.resize(set.count);
        for (std::size_t i = 0; i < set.count; ++i)
            set.shapes[i] = {7, 5, i * 105};
        set.height = set.width = 0;
        std::mt19937 rng(3);
        for (int k = 0; k < 2; ++k) {
            set.shapes.push_back({300, 300, set.pixels.size()});
            for (std::size_t i = 0; i < std::size_t{3} * 300 * 300; ++i)
                set.pixels.push_back(k ? 255 : static_cast<std::uint8_t>(rng()));
            set.labels.push_back(1);
            ++set.count;
        }
        const ChannelSums sums = sumChannels(set);
        QCOMPARE(sums.images, set.count);
        const NormalizationParams fromSums = sums.params(-1.0, 1.0);
        const NormalizationParams fromCounts = normalizationParamsFrom(countBytes(set), -1.0, 1.0);
        QCOMPARE(fromSums.mean, fromCounts.mean); // exact: the same doubles
        QCOMPARE(fromSums.std, fromCounts.std);
        QCOMPARE(fromSums.minByte, fromCounts.minByte);
        QCOMPARE(fromSums.maxByte, fromCounts.maxByte);
        QCOMPARE(fromSums.rangeLow, -1.0);
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(sums.channels[c].pixels, std::uint64_t{40 * 35 + 2 * 90000});
            QCOMPARE(sums.channels[c].max, 255);
        }
        // Parts add up to the whole.
        ChannelSums halves(3);
        for (std::size_t i = 0; i < set.count; ++i) {
            ChannelSums one(3);
            one.addImage(set.image(i), set.pixelsPerChannel(i));
            halves += one;
        }
        QCOMPARE(halves.params().mean, sums.params().mean);
        QCOMPARE(halves.params().std, sums.params().std);
    }

    void testSplitUsesTrainParameters() {
        const ImageSet train = test::randomImageSet(300, 3, 1);
        ImageSet testSet = test::randomImageSet(200, 3, 2);
        testSet.split = "test";
        const auto params = normalizationParamsFrom(countBytes(train));
        const SplitStats stats = computeStats(testSet, params);
        const auto v = bruteValues(testSet, Method::ZScore, bruteParams(train, 0, 1), 0, -1);
        QVERIFY(std::abs(stats.method(Method::ZScore).channels[0].mean - mean(v)) < kTight);
        // The test split is not exactly standardized by the train split's parameters.
        QVERIFY(std::abs(stats.method(Method::ZScore).channels[0].mean) > 1e-6);
        QCOMPARE(stats.paramsSource, std::string("the train split"));
    }

    void perPixelAndPerImageStats() {
        const ImageSet set = test::randomImageSet(1500, 2, 7, 1, 3, 4);
        const SplitStats stats = computeStats(set);
        for (std::size_t px = 0; px < 12; ++px) {
            std::vector<double> v;
            for (std::size_t i = 0; i < set.count; ++i)
                v.push_back(set.image(i)[px] / 255.0);
            QVERIFY(std::abs(stats.pixelMean[0][px] - mean(v)) < kTight);
            QVERIFY(std::abs(stats.pixelStd[0][px] - popStd(v)) < kTight);
        }
        for (std::size_t i : {std::size_t{0}, std::size_t{777}, std::size_t{1499}}) {
            std::vector<double> v(set.image(i), set.image(i) + 12);
            for (auto& x : v)
                x /= 255.0;
            QVERIFY(std::abs(stats.imageMean[i] - mean(v)) < 1e-6);
            QVERIFY(std::abs(stats.imageStd[i] - popStd(v)) < 1e-6);
            QCOMPARE(int(stats.imageMin[i]), int(std::lround(*std::min_element(v.begin(), v.end()) * 255)));
            QCOMPARE(int(stats.imageMax[i]), int(std::lround(*std::max_element(v.begin(), v.end()) * 255)));
        }
    }

    void constantImagesDoNotDivideByZero() {
        ImageSet set = test::randomImageSet(10, 2, 3);
        std::fill(set.pixels.begin(), set.pixels.end(), 128);
        const SplitStats stats = computeStats(set);
        for (const auto& m : stats.methods)
            for (const auto& c : m.channels) {
                QVERIFY(std::isfinite(c.mean) && std::isfinite(c.std) && std::isfinite(c.min) && std::isfinite(c.max));
            }
        QCOMPARE(stats.method(Method::PerSample).channels[0].max, 0.0);
    }

    void normalizeImageAgreesWithStats() {
        const ImageSet set = test::randomImageSet(50, 2, 9);
        const SplitStats stats = computeStats(set);
        std::vector<float> out(set.pixelsPerImage());
        for (auto method : kAllMethods) {
            const auto v = bruteValues(set, method, stats.params, 0, -1);
            normalizeImage(method, stats.params, set.image(3), 1, set.pixelsPerChannel(), out.data());
            for (std::size_t k = 0; k < out.size(); ++k)
                QVERIFY(std::abs(out[k] - v[3 * out.size() + k]) < 1e-5);
        }
    }

    void cancelThrowsAndProgressReachesOne() {
        const ImageSet set = test::randomImageSet(5000, 2, 5);
        std::stop_source source;
        source.request_stop();
        QVERIFY_THROWS_EXCEPTION(Cancelled, computeStats(set, std::nullopt, Progress{{}, source.get_token()}));
        std::vector<double> seen;
        std::mutex m;
        computeStats(set, std::nullopt,
                     Progress{[&](double f) {
                                  std::lock_guard lock(m);
                                  seen.push_back(f);
                              },
                              {}});
        QVERIFY(!seen.empty());
        QCOMPARE(seen.back(), 1.0);
        QVERIFY(std::is_sorted(seen.begin(), seen.end()));
    }

    void methodNamesRoundTrip() {
        for (auto m : kAllMethods)
            QCOMPARE(parseMethod(methodName(m)), std::optional<Method>(m));
        QVERIFY(!parseMethod("z-score"));
    }
};

QTEST_GUILESS_MAIN(TestStatsEngine)
#include "tst_statsengine.moc"
