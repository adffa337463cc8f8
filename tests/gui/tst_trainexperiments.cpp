// The Training tab's experiments on the offscreen platform: a grid with seeds built from the form
// (run count, names as the CLI gives them), the band plots, the mean ± std table and the verdict
// on noise checked against the runs' own numbers; experiment files through the form and back; the
// lesson preset's seeds following the epoch time measured on this machine.
#include <QComboBox>
#include <QRegularExpression>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/train/engine/engineloader.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/experiment/lessonseeds.h"
#include "core/train/experiment/resultsexport.h"
#include "tests/support/quickruns.h"
#include "tests/support/trainingwindow.h"
#include "tests/support/testdata.h"
#include "ui/plots/bandplot.h"
#include "ui/widgets/filedialog.h"
#include "ui/widgets/gridtable.h"
#include "ui/mainwindow.h"
#include "ui/models/runsmodel.h"
#include "ui/models/seedsummarymodel.h"
#include "ui/widgets/trainform.h"
#include "ui/jobs/trainjob.h"
#include "ui/pages/trainestimate.h"
#include "ui/pages/trainpage.h"
#include "ui/jobs/enginestatus.h"

using namespace normlab;

namespace {

QString runCount(TrainPage* page) {
    return page->findChild<QLabel*>(QStringLiteral("runCountLabel"))->text();
}

// Types `values` into the grid's row for `option`, as a user would.
void vary(TrainPage* page, const QString& option, const QString& values) {
    GridTable* grid = page->form()->gridTable();
    const int row = grid->addRow(option);
    grid->table()->item(row, 1)->setText(values);
}

} // namespace

class TestTrainExperiments : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        setTrainEngineThreads(2);
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
    }

    void theRunCountFollowsTheForm() {
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(1));
        page->setMethods({Method::None, Method::ZScore});
        QCOMPARE(runCount(page), QStringLiteral("2 configurations × 1 seed = 2 runs"));
        vary(page, QStringLiteral("lr"), QStringLiteral("0.01, 0.001, 0.1"));
        page->form()->setSeeds(3);
        QCOMPARE(runCount(page), QStringLiteral("6 configurations × 3 seeds = 18 runs"));
        vary(page, QStringLiteral("batch-size"), QStringLiteral("100, lots"));
        QVERIFY2(runCount(page).contains(QStringLiteral("lots")), qPrintable(runCount(page)));
        // In the form's own words: the option and the value, no command-line flag.
        QVERIFY2(!runCount(page).contains(QStringLiteral("--")), qPrintable(runCount(page)));
        // Start refuses the same way, and leaves the form as it was.
        page->start();
        QVERIFY2(page->message().contains(QStringLiteral("batch-size")), qPrintable(page->message()));
        QVERIFY(!page->job()->isRunning());
    }

    // A grid varied over the model keeps its column in the CSV the GUI exports, as the CLI's does
    // (both write through the session layer; the GUI's used to drop it).
    void aGridsCsvKeepsItsColumns() {
        test::TrainingWindow training;
        TrainPage* page = training.page();
        vary(page, QStringLiteral("model"), QStringLiteral("mlp, lenet5"));
        TrainConfig c = test::quickRun(1);
        c.limit = 300;
        QVERIFY(training.finishComparison(c, {Method::ZScore}));
        const QString csv = m_dir.filePath(QStringLiteral("grid.csv"));
        FileDialog::instance()->setNextFileName(csv);
        page->exportResults();
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 3);
        QVERIFY2(lines[0].endsWith(QStringLiteral(",test_accuracy,model")), qPrintable(lines[0]));
        QVERIFY2(lines[1].endsWith(QStringLiteral(",mlp")), qPrintable(lines[1]));
        QVERIFY2(lines[2].endsWith(QStringLiteral(",lenet5")), qPrintable(lines[2]));
    }

    // The lesson's question with seeds: 2 normalizations × 2 learning rates × 2 seeds = 8 runs.
    void aGridWithSeedsShowsBandsAndAVerdict() {
        test::TrainingWindow training;
        training.window().show();
        TrainPage* page = training.page();
        vary(page, QStringLiteral("lr"), QStringLiteral("0.01,0.001"));
        page->form()->setSeeds(2);
        QVERIFY(training.finishComparison(test::quickRun(2), {Method::None, Method::ZScore}, 180000));
        QCOMPARE(page->runsModel()->rowCount(), 8);
        // Named as `normlab-cli train --vary lr=0.01,0.001 --compare none,zscore --seeds 2` names them.
        QCOMPARE(page->runsModel()->run(0).name, QStringLiteral("lr=0.01 · none · seed=1"));
        QCOMPARE(page->runsModel()->run(7).name, QStringLiteral("lr=0.001 · zscore · seed=2"));
        QCOMPARE(page->runsModel()->run(7).config.lr, 0.001);
        QCOMPARE(page->runsModel()->run(7).config.seed, std::uint64_t(2));
        QVERIFY(page->showingBands()); // seeds: the bands are what to look at

        // The table: 4 configurations × 2 epochs, each mean the average of the two seeds' numbers.
        const auto results = page->results();
        QCOMPARE(results.size(), std::size_t(8));
        const SeedSummaryModel* table = page->seedSummaryModel();
        QCOMPARE(table->rowCount(), 8);
        QCOMPARE(table->index(7, SeedSummaryModel::ConfigurationColumn).data().toString(),
                 QStringLiteral("lr=0.001 · zscore"));
        const double a = results[6].epochs[1].testAccuracy, b = results[7].epochs[1].testAccuracy;
        QCOMPARE(table->index(7, SeedSummaryModel::TestAccuracyColumn).data(SeedSummaryModel::ValueRole).toDouble(),
                 (a + b) / 2);
        QVERIFY(std::abs(table->index(7, SeedSummaryModel::TestAccuracyColumn).data(SeedSummaryModel::StdRole).toDouble() -
                         std::abs(a - b) / std::sqrt(2.0)) < 1e-12);
        QVERIFY(table->index(7, SeedSummaryModel::TestAccuracyColumn).data().toString().contains(QStringLiteral(" ± ")));

        // The bands: per configuration each seed's own faint curve, a lower edge, an upper edge and
        // the mean line.
        QCOMPARE(page->accuracyBands()->graphCount(), 4 * (2 + 3));
        QCOMPARE(page->accuracyBands()->graph(15)->data()->at(1)->value, a);
        QCOMPARE(page->accuracyBands()->graph(16)->data()->at(1)->value, b);
        const QCPGraph* lower = page->accuracyBands()->graph(17);
        const QCPGraph* upper = page->accuracyBands()->graph(18);
        QCOMPARE(lower->data()->at(1)->value, std::min(a, b));
        QCOMPARE(upper->data()->at(1)->value, std::max(a, b));

        // The verdicts: the four pairs that differ in one option, each in a plain sentence.
        const QString verdict = page->verdictText();
        QCOMPARE(verdict.count(QStringLiteral(" test accuracy (")), 4);
        QVERIFY2(verdict.contains(QStringLiteral("seed-to-seed spread")), qPrintable(verdict));

        // The results file records the experiment: enough for `normlab-cli train --experiment` to
        // run the same grid again.
        const QString json = m_dir.filePath(QStringLiteral("grid-results.json"));
        FileDialog::instance()->setNextFileName(json);
        page->exportResults();
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const auto recorded = experimentOfResults(file.readAll().toStdString(), json.toStdString());
        QVERIFY(recorded.has_value());
        // Where the data came from, recorded as `normlab-cli train` records it (the loaded data's own
        // words); the rest is the form's experiment.
        QCOMPARE(recorded->foundIn, std::string("generated by NormLab (seed 1)"));
        Experiment form = page->form()->experiment();
        form.foundIn = recorded->foundIn;
        QCOMPARE(experimentToJson(*recorded), experimentToJson(form));
        QCOMPARE(recorded->seeds, 2);
    }

    void experimentFilesRoundTripThroughTheForm() {
        const QString path = m_dir.filePath(QStringLiteral("grid.json"));
        Experiment saved;
        {
            MainWindow window(test::smallSynthetic(500));
            TrainPage* page = window.trainPage();
            TrainConfig c = test::quickRun(4);
            c.model = "lesson-cnn-bn";
            c.seed = 11;
            page->setConfig(c);
            page->setMethods({Method::None, Method::PerSample});
            vary(page, QStringLiteral("optimizer"), QStringLiteral("adam,sgd"));
            page->form()->setSeeds(3);
            saved = page->form()->experiment();
            FileDialog::instance()->setNextFileName(path);
            page->saveExperiment();
            QVERIFY2(page->message().contains(QStringLiteral("saved")), qPrintable(page->message()));
        }
        // What the file says is what the form said (the CLI's --experiment reads the same file).
        const Experiment onDisk = loadExperiment(path.toStdString());
        QCOMPARE(experimentToJson(onDisk), experimentToJson(saved));
        QCOMPARE(onDisk.seeds, 3);

        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        FileDialog::instance()->setNextFileName(path);
        page->openExperiment();
        QCOMPARE(experimentToJson(page->form()->experiment()), experimentToJson(saved));
        QCOMPARE(runCount(page), QStringLiteral("4 configurations × 3 seeds = 12 runs"));
        QVERIFY2(page->message().contains(QStringLiteral("12 runs")), qPrintable(page->message()));

        // A damaged file is a message naming it, and the form stays as it was.
        const QString broken = m_dir.filePath(QStringLiteral("broken.json"));
        QFile f(broken);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(R"({"format": "normlab-experiment/1", "seeds": 0})");
        f.close();
        FileDialog::instance()->setNextFileName(broken);
        page->openExperiment();
        QVERIFY2(page->message().contains(QStringLiteral("broken.json")), qPrintable(page->message()));
        QCOMPARE(page->form()->seeds(), 3);
    }

    // The form's experiment as a PyTorch script: written off the GUI thread with the train split's
    // constants; the built-in digits, which exist only inside NormLab, are refused with the way out.
    void theFormExportsAPyTorchScript() {
        const QString data = m_dir.filePath(QStringLiteral("idx"));
        test::writeIdxDataset(data.toStdString(), test::randomImageSet(120, 10, 1, 1, 28, 28),
                              test::randomImageSet(60, 10, 2, 1, 28, 28), false);
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        TrainConfig c = test::quickRun(1);
        c.dataset = data.toStdString();
        c.limit = 0;
        page->setConfig(c);
        page->setMethods({Method::None, Method::ZScore});
        page->form()->setSeeds(2);
        const QString script = m_dir.filePath(QStringLiteral("experiment.py"));
        FileDialog::instance()->setNextFileName(script);
        page->exportPython();
        QTRY_VERIFY2_WITH_TIMEOUT(page->message().contains(QStringLiteral("PyTorch script written")),
                                  qPrintable(page->message()), 30000);
        QFile f(script);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QString text = QString::fromUtf8(f.readAll());
        QVERIFY(text.contains(QStringLiteral("ZSCORE_MEAN = (")));
        QVERIFY(text.contains(QStringLiteral("name=\"zscore · seed=2\"")));
        QVERIFY(text.contains(data)); // the same files NormLab read

        page->setConfig(test::quickRun(1)); // synthetic
        const QString refused = m_dir.filePath(QStringLiteral("synthetic.py"));
        FileDialog::instance()->setNextFileName(refused);
        page->exportPython();
        QTRY_VERIFY_WITH_TIMEOUT(page->message().contains(QStringLiteral("not written")), 30000);
        QVERIFY2(page->message().contains(QStringLiteral("normlab-cli export")), qPrintable(page->message()));
        QVERIFY(!QFile::exists(refused));
    }

    void theLessonPresetsSeedsFollowTheEpochTime() {
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        TrainEstimate::remember(lessonPreset(), QStringLiteral("cpu"), {2.0, EpochTimeBasis::Seen}); // 120 × 2 s = 4 minutes
        page->applyLessonPreset();
        QCOMPARE(page->form()->seeds(), 3);
        QCOMPARE(runCount(page), QStringLiteral("2 configurations × 3 seeds = 6 runs"));
        QVERIFY2(page->message().contains(QStringLiteral("measured on this machine")), qPrintable(page->message()));
        TrainEstimate::remember(lessonPreset(), QStringLiteral("cpu"), {30.0, EpochTimeBasis::Seen}); // an hour
        page->applyLessonPreset();
        QCOMPARE(page->form()->seeds(), 1);
        QVERIFY2(page->message().contains(QStringLiteral("Set Seeds to 3")), qPrintable(page->message()));
        QSettings().clear();
    }

    // The form says how long its runs take here: timed on a few batches as soon as the page shows,
    // following Epochs and Seeds, then from the epochs that runs took.
    void theTimeEstimateIsTimedHereAndFollowsTheForm() {
        QSettings().clear();
        test::TrainingWindow training(500);
        MainWindow& window = training.window();
        TrainPage* page = training.page();
        window.show();
        window.tabs()->setCurrentIndex(2);
        page->setConfig(test::quickRun(2));
        page->setMethods({Method::None, Method::ZScore});
        QTRY_VERIFY_WITH_TIMEOUT(page->engine()->state() == EngineStatus::State::Ready, 30000);
        QTRY_VERIFY_WITH_TIMEOUT(page->form()->estimate().contains(QStringLiteral("timed on a few batches here")), 30000);
        QVERIFY2(page->form()->estimate().contains(QStringLiteral("for 2 runs × 2 epochs")),
                 qPrintable(page->form()->estimate()));
        const auto timed = TrainEstimate::remembered(test::quickRun(2), QStringLiteral("cpu"));
        QVERIFY(timed && timed->seconds > 0 && timed->basis == EpochTimeBasis::Calibrated);

        TrainConfig longer = test::quickRun(7);
        page->setConfig(longer);
        QTRY_VERIFY2(page->form()->estimate().contains(QStringLiteral("for 2 runs × 7 epochs")),
                     qPrintable(page->form()->estimate()));
        page->form()->setSeeds(3);
        QTRY_VERIFY2(page->form()->estimate().contains(QStringLiteral("for 6 runs × 7 epochs")),
                     qPrintable(page->form()->estimate()));

        page->form()->setSeeds(1);
        QVERIFY(training.finishComparison(test::quickRun(3), {Method::None}));
        const auto seen = TrainEstimate::remembered(test::quickRun(3), QStringLiteral("cpu"));
        QVERIFY(seen && seen->basis == EpochTimeBasis::Seen);
        QTRY_VERIFY2(page->form()->estimate().contains(QStringLiteral("as epochs took here")),
                     qPrintable(page->form()->estimate()));
        QSettings().clear();
    }
};

QTEST_MAIN(TestTrainExperiments)
#include "tst_trainexperiments.moc"
