// "Where do these numbers come from?": the std recipes against brute force on generated data,
// the published catalog, the Normalize reader, and the check's verdicts.
#include <cmath>

#include <QtTest>

#include "core/common/error.h"
#include "core/common/splitmix.h"
#include "core/stats/constantscheck.h"
#include "core/stats/constantsseries.h"
#include "core/stats/publishedconstants.h"
#include "core/stats/statsengine.h"

using namespace normlab;

namespace {

// n images of channels x side x side; pixel = base(image, channel) + noise of width `spread`
// (bytes), so the between-image and within-image variance are both under control.
ImageSet generated(std::size_t n, int channels, int side, int spread, std::uint64_t seed) {
    ImageSet set;
    set.dataset = "generated";
    set.split = "train";
    set.count = n;
    set.channels = channels;
    set.height = set.width = side;
    set.classNames = {"a", "b"};
    for (std::size_t i = 0; i < n; ++i) {
        set.labels.push_back(static_cast<std::uint8_t>(i % 2));
        for (int c = 0; c < channels; ++c) {
            SplitMix64 rng(seed, static_cast<std::uint64_t>(c), i);
            const int base = static_cast<int>(rng.below(static_cast<unsigned>(255 - spread)));
            for (int p = 0; p < side * side; ++p)
                set.pixels.push_back(
                    static_cast<std::uint8_t>(base + (spread ? rng.below(static_cast<unsigned>(spread + 1)) : 0)));
        }
    }
    return set;
}

struct BruteForce {
    double mean = 0, population = 0, unbiased = 0, meanOfImageStd = 0, within = 0, between = 0;
};

// Straight from the definitions, in long double, one channel.
BruteForce bruteForce(const ImageSet& set, int c) {
    const std::size_t p = set.pixelsPerChannel();
    long double sum = 0, n = 0;
    std::vector<long double> means;
    for (std::size_t i = 0; i < set.count; ++i) {
        long double s = 0;
        for (std::size_t k = 0; k < p; ++k)
            s += set.image(i)[c * p + k] / 255.0L;
        means.push_back(s / p);
        sum += s, n += p;
    }
    BruteForce b;
    const long double mean = sum / n;
    long double sq = 0, within = 0, stds = 0, between = 0;
    for (std::size_t i = 0; i < set.count; ++i) {
        long double imageSq = 0;
        for (std::size_t k = 0; k < p; ++k) {
            const long double x = set.image(i)[c * p + k] / 255.0L;
            sq += (x - mean) * (x - mean);
            imageSq += (x - means[i]) * (x - means[i]);
        }
        within += imageSq / p;
        stds += std::sqrt(imageSq / (p - 1)); // torch.std over the image: N-1
        between += (means[i] - mean) * (means[i] - mean);
    }
    b.mean = static_cast<double>(mean);
    b.population = static_cast<double>(std::sqrt(sq / n));
    b.unbiased = static_cast<double>(std::sqrt(sq / (n - 1)));
    b.meanOfImageStd = static_cast<double>(stds / set.count);
    b.within = static_cast<double>(within / set.count);
    b.between = static_cast<double>(between / set.count);
    return b;
}

bool close(double a, double b, double tolerance = 1e-12) {
    return std::abs(a - b) <= tolerance * std::max(1.0, std::abs(b));
}

} // namespace

class TestConstantsCheck : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void recipesMatchBruteForce() {
        for (const int spread : {0, 40, 255 - 1}) {
            const ImageSet set = generated(300, 3, 6, spread, 7);
            const SplitStats stats = computeStats(set);
            const StdRecipes r = stdRecipes(stats);
            for (int c = 0; c < 3; ++c) {
                const BruteForce b = bruteForce(set, c);
                QVERIFY(close(r.mean[c], b.mean));
                QVERIFY(close(r.population[c], b.population));
                QVERIFY(close(r.unbiased[c], b.unbiased));
                QVERIFY2(close(r.meanOfImageStd[c], b.meanOfImageStd, 1e-10),
                         qPrintable(QStringLiteral("%1 vs %2").arg(r.meanOfImageStd[c]).arg(b.meanOfImageStd)));
                QVERIFY(close(r.within[c], b.within));
                QVERIFY(close(r.between[c], b.between));
                // The decomposition is exact: pooled variance = within + between.
                QVERIFY(close(r.within[c] + r.between[c], r.population[c] * r.population[c]));
            }
        }
    }

    // What the GUI's picture of per-image stds compares with, now in core (and in `check`): for
    // colour data, the std pooled over all channels and the mean of the images' own stds.
    void allChannelRecipesMatchBruteForce() {
        const ImageSet set = generated(120, 3, 5, 40, 11);
        const StdRecipes r = stdRecipes(computeStats(set));
        long double sum = 0, sq = 0, stds = 0;
        const auto n = static_cast<long double>(set.pixels.size());
        for (std::uint8_t v : set.pixels)
            sum += v / 255.0L;
        for (std::uint8_t v : set.pixels)
            sq += (v / 255.0L - sum / n) * (v / 255.0L - sum / n);
        const std::size_t per = set.pixels.size() / set.count;
        for (std::size_t i = 0; i < set.count; ++i) {
            long double s = 0, s2 = 0;
            for (std::size_t k = 0; k < per; ++k)
                s += set.image(i)[k] / 255.0L;
            for (std::size_t k = 0; k < per; ++k)
                s2 += (set.image(i)[k] / 255.0L - s / per) * (set.image(i)[k] / 255.0L - s / per);
            stds += std::sqrt(s2 / per); // population std, as the per-image table
        }
        QVERIFY(close(r.pooledStdAllChannels, static_cast<double>(std::sqrt(sq / n))));
        QVERIFY2(close(r.meanOfImageStdAllChannels, static_cast<double>(stds / set.count), 1e-6),
                 qPrintable(QString::number(r.meanOfImageStdAllChannels)));
        // Always the larger: the images' own stds leave out how far their means differ.
        QVERIFY(r.meanOfImageStdAllChannels < r.pooledStdAllChannels);
    }

    void constantsSeriesAreWhatTheNetworkSees() {
        ByteHistogram bytes;
        bytes.counts[0] = 3;
        bytes.counts[255] = 5;
        const BinnedCounts after = normalizedByteHistogram(bytes, 0.5, 0.25);
        QCOMPARE(after.edges.size(), std::size_t{257});
        QCOMPARE(after.counts.size(), std::size_t{256});
        QVERIFY(close(after.edges[0], (-0.5 / 255.0 - 0.5) / 0.25));
        QVERIFY(close(after.edges[256], (255.5 / 255.0 - 0.5) / 0.25));
        QCOMPARE(after.counts[255], std::uint64_t{5});
        const BinnedCounts stds = imageStdHistogram({0.0F, 0.125F, 0.25F, 0.25F}, 4);
        QCOMPARE(stds.edges.front(), 0.0);
        QCOMPARE(stds.edges.back(), 0.25);
        QCOMPARE(stds.counts, (std::vector<std::uint64_t>{1, 0, 1, 2})); // the largest lands in the last bin
        QCOMPARE(imageStdHistogram({}, 3).counts, (std::vector<std::uint64_t>{0, 0, 0}));
    }

    void constantImagesHaveNoWithinVariance() {
        const SplitStats stats = computeStats(generated(200, 1, 5, 0, 3));
        const StdRecipes r = stdRecipes(stats);
        QCOMPARE(r.within[0], 0.0);
        QCOMPARE(r.meanOfImageStd[0], 0.0);
        QVERIFY(close(r.between[0], r.population[0] * r.population[0]));
    }

    void thePublishedCatalogLoadsAndNamesItsSources() {
        const auto& sets = publishedConstants();
        QVERIFY(sets.size() >= 7);
        for (const auto& s : sets) {
            QVERIFY2(!s.source.empty() && !s.how.empty() && !s.dataset.empty(), s.name.c_str());
            QCOMPARE(s.mean.size(), s.std.size());
            for (double v : s.mean)
                QVERIFY(v >= 0 && v <= 1);
        }
        for (const char* name :
             {"mnist", "fashion-mnist", "cifar10-common", "cifar10-exact", "cifar100", "imagenet", "cifar10-fb-resnet"})
            QVERIFY2(findPublishedConstants(name), name);
        QVERIFY(close(findPublishedConstants("cifar10-fb-resnet")->std[0], 63.0 / 255.0));
        QVERIFY(findPublishedConstants("cifar10-common")->how.find("per-image") != std::string::npos);
        QVERIFY_THROWS_EXCEPTION(Error, parsePublishedConstants(R"({"format": "other", "sets": []})"));
        QVERIFY_THROWS_EXCEPTION(Error, parsePublishedConstants("{"));
    }

    void theNormalizeReaderTakesWhatPeopleWrite() {
        const NormalizeConstants cifar =
            parseNormalize("transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010))");
        QCOMPARE(cifar.mean, (std::vector<double>{0.4914, 0.4822, 0.4465}));
        QCOMPARE(cifar.std, (std::vector<double>{0.2023, 0.1994, 0.2010}));
        QCOMPARE(parseNormalize("T.Normalize(std=[0.5], mean=[0.25])").mean, std::vector<double>{0.25});
        QCOMPARE(parseNormalize("Normalize((0.1307,), (0.3081,))").std, std::vector<double>{0.3081});
        QCOMPARE(parseNormalize("Normalize(0.5, 0.5, inplace=True)").mean, std::vector<double>{0.5});
        QCOMPARE(parseNormalize("(0.5, 0.5, 0.5), (0.25, 0.25, 0.25)").std.size(), std::size_t(3));
        QVERIFY(close(parseNormalize("Normalize([125.3/255], [63.0/255])").mean[0], 125.3 / 255));
        QCOMPARE(parseNumberList("0.1, 0.2,0.3", "--mean"), (std::vector<double>{0.1, 0.2, 0.3}));

        for (const char* bad : {"transforms.Normalize((0.5, 0.5), )", "Normalize((0.5,)", "Normalize(0.5)",
                                "Normalize((0.5,), (0,))", "Normalize((a,), (0.5,))", "Normalize((0.5,), (0.5,), x=1)",
                                "Normalize((0.1, 0.2), (0.3, 0.4, 0.5))", "", "Normalize((), ())"}) {
            try {
                parseNormalize(bad);
                QFAIL(qPrintable(QStringLiteral("accepted: %1").arg(QString::fromLatin1(bad))));
            } catch (const Error& e) {
                const QString message = QString::fromStdString(e.what());
                QVERIFY2(message.contains(QStringLiteral("Normalize")), e.what());
                QVERIFY(!message.contains(QLatin1Char('\n')));
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, parseNumberList("0.1;0.2", "--mean"));
    }

    void theDataSetsOwnConstantsGiveMeanZeroStdOne() {
        const SplitStats stats = computeStats(generated(400, 3, 8, 60, 11));
        const StdRecipes r = stdRecipes(stats);
        const ConstantsCheck k = checkConstants(stats, {r.mean, r.population});
        for (int c = 0; c < 3; ++c) {
            QVERIFY(std::abs(k.afterMean[c]) < 1e-12);
            QVERIFY(close(k.afterStd[c], 1.0));
        }
        QVERIFY(k.match);
        QCOMPARE(k.match->name, std::string("population"));
        QVERIFY2(k.verdict.find("own pooled mean and std") != std::string::npos, k.verdict.c_str());
    }

    void theMeanOfPerImageStdsIsNamed() {
        const SplitStats stats = computeStats(generated(400, 3, 8, 60, 11));
        const StdRecipes r = stdRecipes(stats);
        const ConstantsCheck k = checkConstants(stats, {r.mean, r.meanOfImageStd});
        QVERIFY(k.match);
        QCOMPARE(k.match->name, std::string("mean_of_image_std"));
        for (int c = 0; c < 3; ++c)
            QVERIFY(k.afterStd[c] > 1.0); // the per-image recipe's std is too small
        QVERIFY2(k.verdict.find("mean of per-image stds") != std::string::npos, k.verdict.c_str());
        QVERIFY2(k.verdict.find(constantsTuple(r.population)) != std::string::npos, k.verdict.c_str());
    }

    void anotherDataSetsConstantsAreRecognised() {
        const SplitStats stats = computeStats(generated(300, 1, 8, 60, 5));
        const ConstantsCheck mnist = checkConstants(stats, parseNormalize("Normalize((0.1307,), (0.3081,))"));
        QVERIFY(mnist.match);
        QCOMPARE(mnist.match->name, std::string("mnist"));
        QVERIFY2(mnist.verdict.find("published mnist") != std::string::npos, mnist.verdict.c_str());

        const StdRecipes r = stdRecipes(stats);
        const ConstantsCheck swapped = checkConstants(stats, {r.population, r.mean});
        QCOMPARE(swapped.match->name, std::string("swapped"));

        // A data set whose own rounded constants were also published: its own recipe, and the source.
        const ConstantsCheck own =
            checkConstants(stats, {{std::round(r.mean[0] * 1e4) / 1e4}, {std::round(r.population[0] * 1e4) / 1e4}});
        QCOMPARE(own.match->name, std::string("population"));

        const ConstantsCheck none = checkConstants(stats, {{0.9}, {0.01}});
        QVERIFY(!none.match);
        QVERIFY2(none.verdict.find("match none") != std::string::npos, none.verdict.c_str());
        QVERIFY(none.beyondThree[0] > 0.5); // (x - 0.9) / 0.01 is far beyond 3 for almost every pixel
    }

    void constantsMustFitTheChannels() {
        const SplitStats stats = computeStats(generated(50, 3, 4, 10, 1));
        QVERIFY_THROWS_EXCEPTION(Error, checkConstants(stats, {{0.1, 0.2}, {0.3, 0.4}}));
        const ConstantsCheck broadcast = checkConstants(stats, {{0.5}, {0.5}}); // one value for every channel
        QCOMPARE(broadcast.constants.mean.size(), std::size_t(3));
    }
};

QTEST_GUILESS_MAIN(TestConstantsCheck)
#include "tst_constantscheck.moc"
