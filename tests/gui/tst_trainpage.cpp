// The training dashboard on the offscreen platform: a two-run comparison draws curves and fills
// the table, results export and reopen, stop works, a diverged run leaves the app working, and
// the event loop keeps running while LibTorch trains.
#include <chrono>

#include <QComboBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "core/train/engine/engineloader.h"
#include "tests/support/quickruns.h"
#include "tests/support/stallmeter.h"
#include "tests/support/testdata.h"
#include "ui/plots/curveplot.h"
#include "ui/widgets/filedialog.h"
#include "ui/mainwindow.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/runsmodel.h"
#include "ui/jobs/trainjob.h"
#include "ui/pages/trainpage.h"

using namespace normlab;

namespace {

void click(TrainPage* page, const char* button) {
    QTest::mouseClick(page->findChild<QPushButton*>(QLatin1String(button)), Qt::LeftButton);
}

} // namespace

class TestTrainPage : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() {
        setTrainEngineThreads(2);
        QStandardPaths::setTestModeEnabled(true);
    }

    void comparisonDrawsCurvesAndFillsTheTable() {
        MainWindow window(test::smallSynthetic(500));
        window.show();
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(2));
        page->setMethods({Method::None, Method::ZScore});
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        test::StallMeter meter;
        click(page, "startButton");
        QVERIFY(done.wait(120000));
        const double worstMs = meter.stop();
        qInfo("worst event-loop stall while training: %.1f ms (target < 50 ms)", worstMs);
        QVERIFY2(worstMs < 250, "the GUI thread waited on training");
        for (int run : {0, 1}) {
            QVERIFY(page->lossPlot()->trainPointCount(run) >= 20); // >= 10 points per epoch
            QCOMPARE(page->lossPlot()->testPointCount(run), 2);
            QCOMPARE(page->accuracyPlot()->testPointCount(run), 2);
            QCOMPARE(page->runState(run), QStringLiteral("finished"));
            QVERIFY(page->findChild<QWidget*>(QStringLiteral("samples_%1").arg(run)));
        }
        QCOMPARE(page->resultsModel()->rowCount(), 4);
        QCOMPARE(page->results().size(), std::size_t{2});

        // Export: the CSV parses with every column.
        const QString csv = m_dir.filePath(QStringLiteral("r.csv"));
        FileDialog::instance()->setNextFileName(csv);
        page->exportResults();
        QFile file(csv);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 5);
        QCOMPARE(lines[0], QByteArray("run,epoch,loss,accuracy,epoch duration,run duration,lr,batch_size,device,"
                                      "normalization,test_loss,test_accuracy"));
        for (const auto& line : lines)
            QCOMPARE(line.count(','), 11);

        // Reopen a saved JSON: the curves come back without training.
        const QString json = m_dir.filePath(QStringLiteral("r.json"));
        FileDialog::instance()->setNextFileName(json);
        page->exportResults();
        const auto before = page->results();
        FileDialog::instance()->setNextFileName(json);
        page->openResults();
        QCOMPARE(page->resultsModel()->rowCount(), 4);
        QVERIFY(page->lossPlot()->trainPointCount(1) >= 20);
        QCOMPARE(page->runState(1), QStringLiteral("finished"));
        QCOMPARE(page->runsModel()->run(1).name, QStringLiteral("zscore"));
        QCOMPARE(page->results().size(), before.size());
        QCOMPARE(page->results()[1].epochs.back().testAccuracy, before[1].epochs.back().testAccuracy);
        // The CSV export is the lesson's table: opening it says which file reopens, and keeps the view.
        FileDialog::instance()->setNextFileName(csv);
        page->openResults();
        QVERIFY2(page->message().contains(QStringLiteral("NormLab reopens its JSON export")),
                 qPrintable(page->message()));
        QCOMPARE(page->resultsModel()->rowCount(), 4);
    }

    void stopAllTakesEffectQuickly() {
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(200));
        page->setMethods({Method::None, Method::ZScore});
        QSignalSpy epoch(page->job(), &TrainJob::epochFinished);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        click(page, "startButton");
        QVERIFY(epoch.wait(60000));
        const auto start = std::chrono::steady_clock::now();
        click(page, "stopAllButton");
        QVERIFY(done.wait(10000));
        qInfo("stopped %lld ms after the click",
              static_cast<long long>(
                  std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start)
                      .count()));
        QVERIFY(page->runState(0).startsWith(QStringLiteral("cancelled")));
        QVERIFY(page->runState(1).startsWith(QStringLiteral("cancelled")));
    }

    void divergedRunShowsWhyAndTheAppGoesOn() {
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        TrainConfig c = test::quickRun(2);
        c.lr = 10;
        page->setConfig(c);
        page->setMethods({Method::Raw255});
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        click(page, "startButton");
        QVERIFY(done.wait(60000));
        QVERIFY2(page->runState(0).startsWith(QStringLiteral("diverged: ")), qPrintable(page->runState(0)));
        // An empty plot still says what happened: the reason is in the legend and the message.
        QVERIFY2(page->lossPlot()->graph(0)->name().contains(QStringLiteral("diverged")),
                 qPrintable(page->lossPlot()->graph(0)->name()));
        QVERIFY(page->message().contains(QStringLiteral("diverged")));
        page->setConfig(test::quickRun(1));
        page->setMethods({Method::ZScore});
        click(page, "startButton");
        QVERIFY(done.wait(60000));
        QCOMPARE(page->runState(0), QStringLiteral("finished"));
    }

    void lessonButtonSetsTheLessonsExperiment() {
        MainWindow window(test::smallSynthetic(500));
        TrainPage* page = window.trainPage();
        click(page, "lessonButton");
        const TrainConfig c = page->config();
        QCOMPARE(c.dataset, std::string("fashion-mnist"));
        QCOMPARE(c.model, std::string("lesson-cnn"));
        QCOMPARE(c.lr, 0.01);
        QCOMPARE(c.batchSize, 1000);
        QCOMPARE(c.epochs, 20);
        QCOMPARE(page->methods(), (std::vector<Method>{Method::None, Method::ZScore}));
    }

    // A fresh Debian machine with dataset-fashion-mnist: with no choice saved, the window opens the
    // real FashionMNIST, says where it was found, and the lesson experiment runs to the end (one
    // epoch on 2,000 images here, to keep the suite short).
    void lessonRunsOnDebianFashionMnist() {
        if (test::debianFashionMnist().empty())
            QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        const QByteArray oldDirs = qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", test::kDebianDataDirs);
        QSettings().clear();
        DatasetRequest fresh;
        fresh.dataDir = m_dir.filePath(QStringLiteral("empty-user-data")).toStdString();
        MainWindow window(fresh);
        auto* chooser = window.findChild<QComboBox*>(QStringLiteral("datasetCombo"));
        QCOMPARE(chooser->currentData().toString(), QStringLiteral("fashion-mnist"));
        QVERIFY2(chooser->currentText().contains(QStringLiteral("Debian package dataset-fashion-mnist")),
                 qPrintable(chooser->currentText()));
        TrainPage* page = window.trainPage();
        click(page, "lessonButton");
        page->findChild<QSpinBox*>(QStringLiteral("trainLimit"))->setValue(2000);
        page->findChild<QSpinBox*>(QStringLiteral("epochsSpin"))->setValue(1);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        click(page, "startButton");
        QVERIFY(done.wait(120000));
        QCOMPARE(page->runState(0), QStringLiteral("finished"));
        QCOMPARE(page->runState(1), QStringLiteral("finished"));
        QCOMPARE(page->results().at(0).config.dataset, std::string("fashion-mnist"));
        qputenv("XDG_DATA_DIRS", oldDirs);
    }

    void closingMidRunExitsCleanly() {
        auto* window = new MainWindow(test::smallSynthetic(500));
        window->show();
        TrainPage* page = window->trainPage();
        page->setConfig(test::quickRun(200));
        QSignalSpy step(page->job(), &TrainJob::stepReported);
        click(page, "startButton");
        QVERIFY(step.wait(60000));
        const auto start = std::chrono::steady_clock::now();
        window->close();
        delete window;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        qInfo("closed %lld ms after the request, mid-training", static_cast<long long>(ms.count()));
        QVERIFY(ms.count() < 1000);
    }
};

QTEST_MAIN(TestTrainPage)
#include "tst_trainpage.moc"
