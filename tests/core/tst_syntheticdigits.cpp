// The synthetic digits: deterministic, MNIST-shaped, centred, and varied.
#include <cmath>
#include <set>

#include <QtTest>

#include "core/data/synthetic/syntheticdigits.h"

using namespace normlab;

class TestSyntheticDigits : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void deterministicForASeed() {
        const ImageSet a = generateSyntheticDigits("train", 300, 7);
        const ImageSet b = generateSyntheticDigits("train", 300, 7);
        QCOMPARE(a.pixels, b.pixels);
        QCOMPARE(a.labels, b.labels);
        QCOMPARE(a.sources.at(0).sha256, b.sources.at(0).sha256);
        const ImageSet c = generateSyntheticDigits("train", 300, 8);
        QVERIFY(a.pixels != c.pixels);
        const ImageSet t = generateSyntheticDigits("test", 300, 7);
        QVERIFY(a.pixels != t.pixels);
    }
    void prefixIsStableWhateverTheCount() {
        // Image i depends on (seed, split, i) only, so a smaller set is a prefix of a larger one.
        const ImageSet small = generateSyntheticDigits("test", 50, 3);
        const ImageSet large = generateSyntheticDigits("test", 3000, 3);
        QVERIFY(std::equal(small.pixels.begin(), small.pixels.end(), large.pixels.begin()));
    }
    void mnistShapeAndCentredByMass() {
        const ImageSet set = generateSyntheticDigits("train", 500, 1);
        QCOMPARE(set.height, 28);
        QCOMPARE(set.width, 28);
        QCOMPARE(set.classCount(), 10);
        std::set<int> labels(set.labels.begin(), set.labels.end());
        QCOMPARE(labels.size(), std::size_t{10});
        for (std::size_t i = 0; i < set.count; ++i) {
            const std::uint8_t* px = set.image(i);
            double mass = 0, mx = 0, my = 0;
            int minX = 28, maxX = -1, minY = 28, maxY = -1, bright = 0;
            for (int y = 0; y < 28; ++y)
                for (int x = 0; x < 28; ++x) {
                    const double v = px[y * 28 + x];
                    mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
                    if (v > 0)
                        minX = std::min(minX, x), maxX = std::max(maxX, x), minY = std::min(minY, y),
                        maxY = std::max(maxY, y);
                    bright += v >= 250;
                }
            QVERIFY(mass > 0);
            QVERIFY2(std::abs(mx / mass - 14) < 0.6 && std::abs(my / mass - 14) < 0.6, "not centred by mass");
            // Fits the 20x20 box (plus the one-pixel anti-aliasing fringe).
            QVERIFY(maxX - minX + 1 <= 22 && maxY - minY + 1 <= 22);
            QVERIFY2(bright > 0, "strokes should reach full intensity like MNIST's");
        }
    }
    void classesDifferOnAverage() {
        const ImageSet set = generateSyntheticDigits("train", 2000, 1);
        std::vector<std::vector<double>> meanImage(10, std::vector<double>(784, 0.0));
        std::vector<int> counts(10, 0);
        for (std::size_t i = 0; i < set.count; ++i) {
            ++counts[set.labels[i]];
            for (int k = 0; k < 784; ++k)
                meanImage[set.labels[i]][k] += set.image(i)[k];
        }
        // Every pair of class-mean images differs clearly, i.e. the classes are learnable.
        for (int a = 0; a < 10; ++a)
            for (int b = a + 1; b < 10; ++b) {
                double d = 0;
                for (int k = 0; k < 784; ++k)
                    d += std::abs(meanImage[a][k] / counts[a] - meanImage[b][k] / counts[b]);
                QVERIFY2(d / 784 > 3.0, qPrintable(QStringLiteral("classes %1 and %2 look alike").arg(a).arg(b)));
            }
    }
    void defaultSizesAreMnists() {
        QCOMPARE(syntheticSplitSize("train"), std::size_t{60000});
        QCOMPARE(syntheticSplitSize("test"), std::size_t{10000});
    }
};

QTEST_GUILESS_MAIN(TestSyntheticDigits)
#include "tst_syntheticdigits.moc"
