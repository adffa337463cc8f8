// The item models apart from the widgets (after hotspot's tests/modeltests): each passes
// QAbstractItemModelTester while it is filled, and holds the state the views only show.
#include <QAbstractItemModelTester>
#include <QtTest>

#include "ui/models/datacheckmodel.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/perclassmodel.h"
#include "ui/models/runsmodel.h"

using namespace normlab;

namespace {

std::vector<TrainConfig> comparison(std::vector<Method> methods) {
    std::vector<TrainConfig> configs;
    for (auto m : methods) {
        TrainConfig c;
        c.normalization = m;
        configs.push_back(c);
    }
    return configs;
}

} // namespace

class TestModels : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void runsModelFollowsARunsLife() {
        ComparisonResults results;
        RunsModel model(&results);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ComparisonPlan plan;
        for (const TrainConfig& c : comparison({Method::None, Method::ZScore}))
            plan.runs.push_back({c, methodName(c.normalization)});
        results.reset(plan);
        model.resultsReset();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1, RunsModel::NameColumn).data().toString(), QStringLiteral("zscore"));
        QCOMPARE(model.stateText(0), QStringLiteral("queued"));
        QCOMPARE(model.activeRuns(), (std::vector<int>{0, 1}));
        results.runStarted(0, "cpu");
        results.progress(0, 2, 30, 60);
        model.runChanged(0);
        QCOMPARE(model.stateText(0), QStringLiteral("running: epoch 2/20, batch 30/60"));
        QCOMPARE(model.index(0, RunsModel::DeviceColumn).data().toString(), QStringLiteral("cpu"));
        RunResult r;
        r.run = 0;
        r.status = RunStatus::Diverged;
        r.message = "loss is NaN at epoch 2, batch 31";
        results.runFinished(r);
        model.runChanged(0);
        QCOMPARE(model.stateText(0), QStringLiteral("diverged: loss is NaN at epoch 2, batch 31"));
        QCOMPARE(model.index(0, RunsModel::StateColumn).data(Qt::ToolTipRole).toString(), model.stateText(0));
        // The planned name stays: the engine's result carries none.
        QCOMPARE(model.index(0, RunsModel::NameColumn).data().toString(), QStringLiteral("none"));
        QCOMPARE(model.index(0, RunsModel::DeviceColumn).data().toString(), QStringLiteral("cpu"));
        QCOMPARE(model.activeRuns(), std::vector<int>{1});
        QCOMPARE(model.index(1, RunsModel::NameColumn).data(Qt::ForegroundRole).value<QColor>(), runColor(1));
        results.clear();
        model.resultsReset();
        QCOMPARE(model.rowCount(), 0);
    }

    void runsAreNamedByWhatDiffers() {
        auto configs = comparison({Method::None, Method::ZScore});
        QCOMPARE(runNames(configs), (std::vector<QString>{QStringLiteral("none"), QStringLiteral("zscore")}));
        configs[1].lr = 0.001;
        configs[1].normalization = Method::None;
        QCOMPARE(runNames(configs),
                 (std::vector<QString>{QStringLiteral("lr=0.01 · none"), QStringLiteral("lr=0.001 · none")}));
    }

    void epochResultsKeepExactValuesAndNames() {
        ComparisonResults results;
        EpochResultsModel model(&results);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TrainConfig c;
        c.normalization = Method::ZScore;
        ComparisonPlan plan;
        plan.runs = {{c, "none"}, {c, "zscore"}};
        results.reset(plan);
        model.resultsReset();
        QCOMPARE(model.rowCount(), 0);
        results.runStarted(1, "cpu");
        EpochMetric e;
        e.run = 1;
        e.epoch = 3;
        e.trainAccuracy = 0.31569999999999998;
        e.testLoss = 0.5;
        results.addEpoch(e);
        model.epochAdded(1);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, EpochResultsModel::RunColumn).data().toString(), QStringLiteral("zscore"));
        QCOMPARE(model.index(0, EpochResultsModel::AccuracyColumn).data().toString(), QStringLiteral("0.3157"));
        QCOMPARE(model.index(0, EpochResultsModel::AccuracyColumn).data(EpochResultsModel::ValueRole).toDouble(),
                 e.trainAccuracy);
        QCOMPARE(model.index(0, EpochResultsModel::NormalizationColumn).data().toString(), QStringLiteral("zscore"));
        QCOMPARE(model.index(0, EpochResultsModel::DeviceColumn).data().toString(), QStringLiteral("cpu"));
        QCOMPARE(model.headerData(EpochResultsModel::TestAccuracyColumn, Qt::Horizontal).toString(),
                 QStringLiteral("test accuracy"));
        // Reopened results reach it through the same store: every epoch again, in run order.
        results.addEpoch({0, 1});
        model.resultsReset();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0, EpochResultsModel::RunColumn).data().toString(), QStringLiteral("none"));
        results.clear();
        model.resultsReset();
        QCOMPARE(model.rowCount(), 0);
    }

    void perClassAndDataCheckModels() {
        SplitStats stats;
        for (int label : {0, 1}) {
            ClassStats c;
            c.label = label;
            c.name = label ? "Trouser" : "T-shirt/top";
            c.images = 6000;
            MethodStats none;
            none.channels = {ChannelSummary{0.25 + label, 0.5, 0, 1, 0, 0, 1}};
            c.methods.assign(kAllMethods.size(), none);
            stats.perClass.push_back(c);
        }
        PerClassModel classes;
        QAbstractItemModelTester classTester(&classes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        classes.setStats(stats);
        QCOMPARE(classes.rowCount(), 2);
        QCOMPARE(classes.index(1, PerClassModel::NameColumn).data().toString(), QStringLiteral("Trouser"));
        QCOMPARE(classes.index(1, PerClassModel::MeanColumn).data(PerClassModel::ValueRole).toDouble(), 1.25);
        // One column for the class number and one for its name; no "label" next to "class".
        QCOMPARE(classes.headerData(PerClassModel::LabelColumn, Qt::Horizontal).toString(), QStringLiteral("#"));

        DataCheckModel checks;
        QAbstractItemModelTester checkTester(&checks, QAbstractItemModelTester::FailureReportingMode::QtTest);
        checks.setChecks({FileCheck{"/data/train-images-idx3-ubyte.gz", 26421856, "abc", "published", "Debian"}});
        QCOMPARE(checks.index(0, DataCheckModel::CheckColumn).data().toString(), QStringLiteral("published"));
        QCOMPARE(checks.index(0, DataCheckModel::BytesColumn).data().toString(),
                 QLocale().toString(qulonglong(26421856)));
    }
};

QTEST_MAIN(TestModels)
#include "tst_models.moc"
