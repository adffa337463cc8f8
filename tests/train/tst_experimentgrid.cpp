// Grids like the lesson's RunBuilder: product order, names, seeds, option values and errors.
#include <QtTest>

#include "core/common/error.h"
#include "core/train/experiment/experimentgrid.h"
#include "core/train/experiment/resultsexport.h"

using namespace normlab;

class TestExperimentGrid : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void productInRunBuilderOrderWithNamesByWhatDiffers() {
        TrainConfig base;
        const auto runs = expandGrid(base, {parseGridAxis("lr=0.01,0.001"), parseGridAxis("batch-size=100,1000"),
                                            parseGridAxis("normalize=none,zscore")});
        QCOMPARE(runs.size(), std::size_t(8));
        // itertools.product: the first axis changes slowest.
        QCOMPARE(runs[0].name, std::string("lr=0.01 · batch-size=100 · none"));
        QCOMPARE(runs[1].name, std::string("lr=0.01 · batch-size=100 · zscore"));
        QCOMPARE(runs[2].name, std::string("lr=0.01 · batch-size=1000 · none"));
        QCOMPARE(runs[7].name, std::string("lr=0.001 · batch-size=1000 · zscore"));
        QCOMPARE(runs[7].config.lr, 0.001);
        QCOMPARE(runs[7].config.batchSize, 1000);
        QCOMPARE(runs[7].config.normalization, Method::ZScore);
        for (const auto& r : runs)
            QCOMPARE(r.config.seed, base.seed); // one seed: every run starts from the same weights
    }

    void aLoneNormalizationAxisKeepsTodaysNames() {
        const auto runs = expandGrid(TrainConfig{}, {parseGridAxis("normalize=none,zscore,per-sample")});
        QCOMPARE(runs.size(), std::size_t(3));
        QCOMPARE(runs[2].name, std::string("per-sample"));
    }

    // The results table (NormLab's CSV and an exported script's) adds a column per varied option the
    // lesson's table lacks, then the seed when there are several.
    void theTableHasAColumnPerVariedOptionBeyondTheLessons() {
        const std::vector<GridAxis> axes{parseGridAxis("lr=0.1,0.01"), parseGridAxis("model=mlp,lenet5"),
                                         parseGridAxis("normalize=none,zscore"), parseGridAxis("epochs=1,2")};
        QVERIFY(extraTableColumns(axes, 1) == (std::vector<std::string>{"model", "epochs"}));
        QVERIFY(extraTableColumns(axes, 3) == (std::vector<std::string>{"model", "epochs", "seed"}));
        QVERIFY(extraTableColumns({}, 1).empty());
    }

    void seedsRepeatEveryConfiguration() {
        TrainConfig base;
        base.seed = 7;
        const auto runs = expandGrid(base, {parseGridAxis("model=lesson-cnn,lesson-cnn-bn")}, 3);
        QCOMPARE(runs.size(), std::size_t(6));
        QCOMPARE(runs[0].config.seed, std::uint64_t(7));
        QCOMPARE(runs[2].config.seed, std::uint64_t(9));
        QCOMPARE(runs[3].config.model, std::string("lesson-cnn-bn"));
        QCOMPARE(runs[3].config.seed, std::uint64_t(7));
        QCOMPARE(runs[4].name, std::string("model=lesson-cnn-bn · seed=8"));
    }

    void optionValuesReadBack() {
        TrainConfig c;
        for (const auto& option : gridOptions()) {
            const std::string value = optionValue(c, option);
            TrainConfig copy;
            applyOption(copy, option, value);
            QCOMPARE(optionValue(copy, option), value);
        }
        QCOMPARE(optionValue(c, "seed"), std::to_string(c.seed));
    }

    void badAxesAreClearErrors() {
        for (const char* bad : {"lr", "=0.1", "dataset=mnist", "lr=fast", "lr=-1", "batch-size=0", "epochs=2.5",
                                "model=resnet", "normalize=whiten", "lr="}) {
            try {
                parseGridAxis(bad);
                QFAIL(bad);
            } catch (const Error& e) {
                QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("--vary")), e.what());
            }
        }
        QVERIFY_THROWS_EXCEPTION(Error, expandGrid(TrainConfig{}, {parseGridAxis("lr=0.1"), parseGridAxis("lr=0.2")}));
        QVERIFY_THROWS_EXCEPTION(Error, expandGrid(TrainConfig{}, {}, 0));
    }

    void theCsvHasAColumnPerVariedOption() {
        RunResult r;
        r.config.model = "lesson-cnn-bn";
        r.config.seed = 3;
        r.epochs.push_back({});
        const std::string csv = resultsToCsv({r}, {"model", "seed"});
        QVERIFY(csv.rfind("run,epoch,loss,accuracy,epoch duration,run duration,lr,batch_size,device,normalization,"
                          "test_loss,test_accuracy,model,seed\n",
                          0) == 0);
        QVERIFY(csv.find(",lesson-cnn-bn,3\n") != std::string::npos);
    }
};

QTEST_GUILESS_MAIN(TestExperimentGrid)
#include "tst_experimentgrid.moc"
