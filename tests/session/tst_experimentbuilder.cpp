// The session's experiment builder: the one place both front ends turn a form or flags into a
// checked experiment (values typed with spaces, each value checked, axes replaced or refused).
#include <QtTest>

#include "core/common/error.h"
#include "core/session/experimentbuilder.h"

using namespace normlab;

namespace {

QString errorOf(const std::function<void()>& f) {
    try {
        f();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestExperimentBuilder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void gridAsTypedInAForm() {
        ExperimentBuilder b;
        b.vary("lr", " 0.01 , 0.001 ");
        b.compare({Method::None, Method::ZScore});
        b.setSeeds(2);
        const ComparisonPlan plan = planComparison(b.build());
        QCOMPARE(plan.experiment.grid.size(), std::size_t{2});
        QCOMPARE(plan.experiment.grid[0].values, (std::vector<std::string>{"0.01", "0.001"}));
        QCOMPARE(plan.experiment.grid[1].option, std::string("normalize")); // the normalizations last
        QCOMPARE(plan.runs.size(), std::size_t{8});
        QCOMPARE(plan.runs[7].name, std::string("lr=0.001 · zscore · seed=2"));
        QCOMPARE(plan.runs[7].config.lr, 0.001);
        QCOMPARE(plan.extraColumns, std::vector<std::string>{"seed"});
        QCOMPARE(runCountText(plan), std::string("4 configurations × 2 seeds = 8 runs"));
    }

    // Each value is checked where it is typed, and the message names the value.
    void badValuesAreRefusedOneByOne() {
        ExperimentBuilder b;
        QVERIFY(errorOf([&] { b.vary("lr", "0.01,abc"); }).contains(QStringLiteral("'abc' is not a number")));
        QVERIFY(errorOf([&] { b.vary("batch-size", "64,0"); }).contains(QStringLiteral("'0'")));
        QVERIFY(errorOf([&] { b.vary("model", "lesson-cnn,resnet"); }).contains(QStringLiteral("resnet")));
        QVERIFY(errorOf([&] { b.vary("colour", "red"); }).contains(QStringLiteral("cannot vary 'colour'")));
        QVERIFY(errorOf([&] { b.vary("lr", " , "); }).contains(QStringLiteral("no values")));
        b.vary("lr", "0.1");
        QVERIFY(errorOf([&] { b.vary("lr=0.2"); }).contains(QStringLiteral("lr is varied twice")));
    }

    void noNormalizationIsAnError() {
        ExperimentBuilder b;
        b.compare({});
        QCOMPARE(errorOf([&] { b.build(); }), QStringLiteral("Choose at least one normalization."));
    }

    void baseIsValidated() {
        TrainConfig c;
        c.epochs = 0;
        ExperimentBuilder b(c);
        QVERIFY(!errorOf([&] { b.build(); }).isEmpty());
        b.base().epochs = 2;
        b.setSeeds(0);
        QVERIFY(errorOf([&] { b.build(); }).contains(QStringLiteral("seeds")));
    }

    // Without a normalize axis the base's normalization is compared alone; one ticked
    // normalization is also the base's (the experiment file's options say it).
    void normalizationDefaults() {
        TrainConfig c;
        c.normalization = Method::MinMax;
        const Experiment alone = ExperimentBuilder(c).build();
        QCOMPARE(alone.grid.back().values, std::vector<std::string>{"minmax"});
        ExperimentBuilder one(c);
        one.compare({Method::None});
        QCOMPARE(one.build().base.normalization, Method::None);
    }

    // An experiment file's axes keep their places; a --vary of the same option replaces one in
    // place, compare() replaces its normalizations.
    void fileAxesAreReplacedInPlace() {
        Experiment file;
        file.grid = {{"normalize", {"none", "zscore"}}, {"lr", {"0.1", "0.2"}}};
        ExperimentBuilder b(file);
        b.vary("lr=0.3");
        QCOMPARE(b.build().grid[0].values, (std::vector<std::string>{"none", "zscore"}));
        QCOMPARE(b.build().grid[1].values, std::vector<std::string>{"0.3"});
        b.compare({Method::MinMax});
        QCOMPARE(b.build().grid.size(), std::size_t{2});
        QCOMPARE(b.build().grid[1].option, std::string("normalize"));
    }

    void methodLists() {
        QCOMPARE(parseMethodList("none,zscore"), (std::vector<Method>{Method::None, Method::ZScore}));
        QVERIFY(errorOf([] { parseMethodList("none,bogus"); }).contains(QStringLiteral("bogus")));
    }
};

QTEST_GUILESS_MAIN(TestExperimentBuilder)
#include "tst_experimentbuilder.moc"
