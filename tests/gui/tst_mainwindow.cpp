// The main window on the offscreen platform, driven as a person would: browse, select, switch
// method and split, export; plus cancel, close mid-run, offline fallback, settings, and the
// event loop's worst stall while 60,000 images are processed.
#include <chrono>

#include <QAbstractItemModelTester>
#include <QClipboard>
#include <QComboBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStandardItemModel>
#include <QTableView>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "core/data/datasetopener.h"
#include "core/data/synthetic/syntheticdigits.h"
#include "core/stats/constantscheck.h"
#include "core/stats/statsengine.h"
#include "tests/support/stallmeter.h"
#include "tests/support/testdata.h"
#include "ui/widgets/constantspanel.h"
#include "ui/widgets/filedialog.h"
#include "ui/plots/histogramplot.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/models/imagelistmodel.h"
#include "ui/mainwindow.h"
#include "ui/widgets/messagebanner.h"
#include "ui/models/datacheckmodel.h"
#include "ui/models/summarymodel.h"
#include "ui/pages/normalizationpage.h"
#include "ui/widgets/pixelimageview.h"
#include "ui/jobs/statsjob.h"
#include "ui/pages/statspage.h"
#include "ui/pages/trainpage.h"
#include "ui/widgets/trainform.h"

using namespace normlab;

namespace {

constexpr std::size_t kSmall = 3000;

DatasetRequest smallSynthetic() {
    DatasetRequest r;
    r.dataset = "synthetic";
    r.limit = kSmall;
    return r;
}

// Both splits of a few synthetic digits as the main window hands them to its pages, named `id`,
// with `classes`; without a held-out split when `heldOut` is false (an image folder of train/ only).
LoadedDatasetPtr loadedDigits(const std::string& id, const std::vector<std::string>& classes, bool heldOut) {
    auto d = std::make_shared<LoadedDataset>();
    d->datasetId = id;
    std::array<ImageSet, 2> sets;
    for (int s = 0; s < (heldOut ? 2 : 1); ++s) {
        sets[s] = generateSyntheticDigits(s == 0 ? "train" : "test", 40, 1);
        sets[s].classNames = classes;
        d->stats[s] = s == 0 ? computeStats(sets[s]) : computeStats(sets[s], d->stats[0].params);
    }
    d->images = {heldImages(std::move(sets[0])), heldImages(std::move(sets[1]))};
    d->statsReady = true;
    return d;
}

void waitForStats(MainWindow& window) {
    QSignalSpy done(window.statsJob(), &StatsJob::finished);
    QVERIFY(done.wait(30000));
}

double tableValue(QTableView* table, int row, int column) {
    return table->model()->index(row, column).data(SummaryModel::ValueRole).toDouble();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void init() { QSettings().clear(); }

    void gridShowsEveryImageAndFilters() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        ImageListModel* model = window.browser()->model();
        QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model->rowCount(), static_cast<int>(kSmall));
        const auto& labels = window.current()->images[0]->about().labels;
        auto* filter = window.findChild<QComboBox*>(QStringLiteral("classFilter"));
        filter->setCurrentIndex(filter->findData(7));
        QCOMPARE(model->rowCount(), static_cast<int>(std::count(labels.begin(), labels.end(), 7)));
        for (int row = 0; row < model->rowCount(); ++row)
            QCOMPARE(model->data(model->index(row), ImageListModel::LabelRole).toInt(), 7);
        // Sorting by mean, brightest first.
        filter->setCurrentIndex(0);
        window.findChild<QComboBox*>(QStringLiteral("sortCombo"))->setCurrentIndex(2);
        const auto& means = window.current()->stats[0].imageMean;
        QVERIFY(means[model->imageIndexAt(0)] >= means[model->imageIndexAt(1)]);
        QVERIFY(means[model->imageIndexAt(0)] >= means[model->imageIndexAt(model->rowCount() - 1)]);
    }

    void selectingAnImageShowsItsPixels() {
        MainWindow window(smallSynthetic());
        window.show();
        waitForStats(window);
        QListView* grid = window.findChild<QListView*>(QStringLiteral("imageGrid"));
        const QModelIndex index = grid->model()->index(42, 0);
        grid->setCurrentIndex(index);
        const int image = index.data(ImageListModel::ImageIndexRole).toInt();
        auto* before = window.findChild<PixelImageView*>(QStringLiteral("beforeImage"));
        const ImageSet set = test::wholeSplit(*window.current()->images[0]);
        for (int y : {5, 14, 20})
            for (int x : {3, 14, 25})
                QCOMPARE(qGray(before->image().pixel(x, y)), int(set.image(image)[y * 28 + x]));
        QVERIFY(before->zoom() >= 1);
    }

    // A photo-sized image fills its view instead of staying at 1:1; a digit keeps whole-number zooms.
    void smallPhotosAreScaledUp() {
        PixelImageView view;
        view.resize(200, 150);
        QImage photo(37, 61, QImage::Format_RGB32);
        photo.fill(Qt::red);
        view.setImage(photo, QStringLiteral("caption"), QStringLiteral("legend"));
        // 150 px less two text lines over 61 px: a whole-number zoom would be 1:1.
        QVERIFY2(view.zoom() > 1.5, qPrintable(QString::number(view.zoom())));
        QImage digit(28, 28, QImage::Format_RGB32);
        view.setImage(digit, QStringLiteral("caption"), QStringLiteral("legend"));
        QCOMPARE(view.zoom(), std::floor(view.zoom()));
        QVERIFY(view.zoom() >= 2);
        QImage large(400, 400, QImage::Format_RGB32);
        view.setImage(large, QStringLiteral("caption"), QStringLiteral("legend"));
        QVERIFY(view.zoom() < 1); // larger than the view: scaled down to fit, not cut
    }

    void changingMethodShowsTheCoresNumbers() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        const SplitStats expected = computeStats(openSplit(smallSynthetic(), "train"));
        auto* method = window.findChild<QComboBox*>(QStringLiteral("methodCombo"));
        auto* table = window.findChild<QTableView*>(QStringLiteral("beforeAfterTable"));
        for (auto m : {Method::MinMax, Method::PerSample, Method::Raw255}) {
            method->setCurrentIndex(method->findData(static_cast<int>(m)));
            const auto& series = window.normalizationPage()->histogram()->series();
            QCOMPARE(series.size(), std::size_t{2});
            QCOMPARE(series[1].counts, expected.method(m).histograms[0].counts);
            QCOMPARE(series[1].edges, expected.method(m).histograms[0].edges);
            QCOMPARE(tableValue(table, 1, 0), expected.method(m).channels[0].mean);
            QCOMPARE(tableValue(table, 1, 1), expected.method(m).channels[0].std);
            QCOMPARE(tableValue(table, 1, 6), expected.method(m).channels[0].p99);
        }
        // Train vs test overlay: the second series is the test split's histogram.
        window.findChild<QComboBox*>(QStringLiteral("overlayCombo"))->setCurrentIndex(1);
        QCOMPARE(window.normalizationPage()->histogram()->series()[1].counts,
                 window.current()->stats[1].method(Method::Raw255).histograms[0].counts);
    }

    // The Normalization tab never shows a stale or unlabelled number: the readout under the
    // pointer follows the method, the table names the class it describes, the Normalize line
    // says it is the z-score line.
    void normalizationTabSaysWhatItShows() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        auto* before = window.findChild<PixelImageView*>(QStringLiteral("beforeImage"));
        Q_EMIT before->pixelHovered(14, 14);
        window.normalizationPage()->setMethod(Method::ZScore);
        QVERIFY2(window.normalizationPage()->probeText().contains(QStringLiteral("→ zscore")),
                 qPrintable(window.normalizationPage()->probeText()));
        window.normalizationPage()->setMethod(Method::PerSample);
        QVERIFY2(window.normalizationPage()->probeText().contains(QStringLiteral("→ per-sample")),
                 qPrintable(window.normalizationPage()->probeText()));
        // Per-sample's colour scale is the split's 1st to 99th percentile, and the legend says so:
        // its few extreme pixels would leave a typical image pale.
        auto* after = window.findChild<PixelImageView*>(QStringLiteral("afterImage"));
        const ChannelSummary& perSample = window.current()->statsOf("train").method(Method::PerSample).channels[0];
        QVERIFY2(after->legend().contains(QStringLiteral("1st–99th percentile")), qPrintable(after->legend()));
        QVERIFY2(after->legend().contains(QString::number(std::max(std::abs(perSample.p1), std::abs(perSample.p99)), 'g', 3)),
                 qPrintable(after->legend()));
        QVERIFY(std::max(std::abs(perSample.p1), std::abs(perSample.p99)) <
                std::max(std::abs(perSample.min), std::abs(perSample.max)));
        auto* filter = window.findChild<QComboBox*>(QStringLiteral("histogramClass"));
        filter->setCurrentIndex(filter->findData(3));
        auto* table = window.findChild<QTableView*>(QStringLiteral("beforeAfterTable"));
        QCOMPARE(table->model()->headerData(0, Qt::Vertical).toString(), QStringLiteral("before (x/255), 3"));
        QCOMPARE(table->model()->headerData(1, Qt::Vertical).toString(), QStringLiteral("after (per-sample), 3"));
        QVERIFY(
            window.findChild<QLabel*>(QStringLiteral("torchvisionLabel"))->text().contains(QStringLiteral("z-score")));
    }

    // Paste a Normalize line, read the verdict: the panel shows what core's check says.
    void checkConstantsPanelGivesAVerdict() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        window.findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"))->click();
        ConstantsPanel* panel = window.normalizationPage()->constantsPanel();
        QVERIFY(panel->isVisibleTo(&window));
        auto* line = window.findChild<QLineEdit*>(QStringLiteral("constantsLine"));
        auto* checkButton = window.findChild<QPushButton*>(QStringLiteral("checkConstantsButton"));

        line->setText(QStringLiteral("transforms.Normalize((0.1307,), (0.3081,))"));
        checkButton->click();
        QVERIFY2(panel->verdict().contains(QStringLiteral("published mnist")), qPrintable(panel->verdict()));
        QCOMPARE(panel->afterPlot()->series().size(), std::size_t(1));
        QVERIFY(panel->afterPlot()->markers().size() >= 5); // ideal 0, +-1, the data's mean and mean + std

        // The data set's own constants, from the same statistics the window shows.
        const StdRecipes own = stdRecipes(window.current()->statsOf(window.currentSplit()));
        line->setText(QString::fromStdString("Normalize(" + constantsTuple(own.mean) + ", " +
                                             constantsTuple(own.population) + ")"));
        checkButton->click();
        QVERIFY2(panel->verdict().contains(QStringLiteral("own pooled mean and std")), qPrintable(panel->verdict()));

        line->setText(QStringLiteral("Normalize((0.5,), (0.5,)"));
        checkButton->click();
        QVERIFY2(panel->verdict().contains(QStringLiteral("expected transforms.Normalize")),
                 qPrintable(panel->verdict()));
        // The error clears what it invalidates (the previous constants' histogram and markers) and
        // keeps what was typed, to be corrected.
        QVERIFY(panel->afterPlot()->series().empty());
        QVERIFY(panel->afterPlot()->markers().empty());
        QCOMPARE(line->text(), QStringLiteral("Normalize((0.5,), (0.5,)"));
        line->setText(QStringLiteral("Normalize((0.5, 0.5, 0.5), (0.2, 0.2, 0.2))")); // 3 channels, 1 in the data
        checkButton->click();
        QVERIFY2(panel->verdict().contains(QStringLiteral("3 mean values")), qPrintable(panel->verdict()));
        QVERIFY(panel->afterPlot()->series().empty());
        QCOMPARE(line->text(), QStringLiteral("Normalize((0.5, 0.5, 0.5), (0.2, 0.2, 0.2))"));

        line->clear();
        auto* published = window.findChild<QComboBox*>(QStringLiteral("publishedCombo"));
        published->setCurrentIndex(published->findData(QStringLiteral("fashion-mnist")));
        checkButton->click();
        QVERIFY2(panel->verdict().contains(QStringLiteral("published fashion-mnist")), qPrintable(panel->verdict()));
        // The picture of the recipes: per-image stds with the pooled std and their mean marked.
        QCOMPARE(panel->imageStdPlot()->markers().size(), std::size_t(2));
        QVERIFY(panel->imageStdPlot()->markers()[0].x > panel->imageStdPlot()->markers()[1].x);
    }

    void switchingSplitNeedsNoRecomputation() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        QSignalSpy started(window.statsJob(), &StatsJob::progressChanged);
        auto* split = window.findChild<QComboBox*>(QStringLiteral("splitCombo"));
        split->setCurrentIndex(split->findData(QStringLiteral("test")));
        QCOMPARE(window.browser()->model()->rowCount(), static_cast<int>(kSmall)); // limit applies to test too
        QCOMPARE(started.count(), 0);
        QCOMPARE(window.currentSplit(), std::string("test"));
    }

    void exportedJsonMatchesTheCli() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        const QString path = m_dir.filePath(QStringLiteral("gui.json"));
        FileDialog::instance()->setNextFileName(path);
        window.exportStatistics();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonDocument gui = QJsonDocument::fromJson(file.readAll());
        QProcess cli;
        cli.start(qEnvironmentVariable("NORMLAB_CLI"),
                  {QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
                   QStringLiteral("--limit"), QString::number(kSmall)});
        QVERIFY(cli.waitForFinished(60000));
        QCOMPARE(gui, QJsonDocument::fromJson(cli.readAllStandardOutput()));
    }

    void plotsSaveAsPngPdfSvg() {
        MainWindow window(smallSynthetic());
        window.resize(1000, 700);
        window.show();
        waitForStats(window);
        for (const char* name : {"h.png", "h.pdf", "h.svg"}) {
            const QString path = m_dir.filePath(QLatin1String(name));
            FileDialog::instance()->setNextFileName(path);
            window.saveHistogramPlot();
            QVERIFY2(QFileInfo(path).size() > 500, name);
        }
        const QString maps = m_dir.filePath(QStringLiteral("maps.svg"));
        FileDialog::instance()->setNextFileName(maps);
        window.savePixelMaps();
        // Two files, both named after what they show.
        QVERIFY(!QFile::exists(maps));
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("maps-mean.svg"))).size() > 500);
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("maps-std.svg"))).size() > 500);
        QFile png(m_dir.filePath(QStringLiteral("h.png")));
        QVERIFY(png.open(QIODevice::ReadOnly));
        QVERIFY(png.read(8).startsWith("\x89PNG"));
        // A failure is shown, not thrown, and leaves no file.
        const QString bad = m_dir.filePath(QStringLiteral("missing/h.png"));
        FileDialog::instance()->setNextFileName(bad);
        window.saveHistogramPlot();
        QVERIFY(window.banner()->text().contains(QStringLiteral("failed")));
        QVERIFY(!QFile::exists(bad));
    }

    void missingDatasetFallsBackToSyntheticAndOffersDownload() {
        QTemporaryDir empty;
        DatasetRequest r = smallSynthetic();
        r.dataset = "fashion-mnist";
        r.dataDir = empty.path().toStdString();
        MainWindow window(r);
        waitForStats(window);
        QCOMPARE(window.current()->datasetId, std::string("synthetic"));
        QVERIFY2(window.banner()->text().contains(QStringLiteral("FashionMNIST is not in")),
                 qPrintable(window.banner()->text()));
        QVERIFY(!window.findChild<QPushButton*>(QStringLiteral("downloadButton"))->isHidden());
    }

    // Debian's real FashionMNIST: the data check says it is the published content, recompressed,
    // and where it came from, in the columns a reader sees first.
    void dataCheckRecognisesDebianFashionMnist() {
        if (test::debianFashionMnist().empty())
            QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        const QByteArray oldDirs = qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", test::kDebianDataDirs);
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = m_dir.filePath(QStringLiteral("no-user-data")).toStdString();
        MainWindow window(r);
        waitForStats(window);
        const DataCheckModel* check = window.statsPage()->dataCheckModel();
        QAbstractItemModelTester tester(const_cast<DataCheckModel*>(check),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(check->rowCount(), 2);
        QCOMPARE(check->headerData(DataCheckModel::CheckColumn, Qt::Horizontal).toString(), QStringLiteral("check"));
        QCOMPARE(check->index(0, DataCheckModel::CheckColumn).data().toString(),
                 QStringLiteral("published FashionMNIST content (train-images-idx3-ubyte); file recompressed"));
        QCOMPARE(check->index(0, DataCheckModel::OriginColumn).data().toString(),
                 QStringLiteral("Debian package dataset-fashion-mnist"));
        qputenv("XDG_DATA_DIRS", oldDirs);
    }

    // The Training tab trains on the data set the window shows, until the user picks another in
    // the form: a plain Start on first start never trains on other data than what is on screen.
    void theTrainingFormFollowsTheDataSetShown() {
        QTemporaryDir system;
        const QByteArray oldDirs = qgetenv("XDG_DATA_DIRS");
        qputenv("XDG_DATA_DIRS", system.path().toUtf8());
        const ImageSet train = generateSyntheticDigits("train", 60, 1), held = generateSyntheticDigits("test", 20, 1);
        test::writeIdxDataset(std::filesystem::path(system.path().toStdString()) / "datasets" / "fashion-mnist", train,
                              held, true);
        DatasetRequest r;
        r.dataset = "fashion-mnist";
        r.dataDir = m_dir.filePath(QStringLiteral("follow-user")).toStdString();
        {
            MainWindow window(r);
            waitForStats(window);
            TrainForm* form = window.trainPage()->form();
            QCOMPARE(form->config().dataset, std::string("fashion-mnist"));
            // The user picks synthetic in the form: that stays when the window shows another set.
            auto* combo = form->findChild<QComboBox*>(QStringLiteral("trainDataset"));
            const int synthetic = combo->findData(QStringLiteral("synthetic"));
            combo->setCurrentIndex(synthetic);
            Q_EMIT combo->activated(synthetic);
            form->followDataset(QStringLiteral("fashion-mnist"));
            QCOMPARE(form->config().dataset, std::string("synthetic"));
        }
        qputenv("XDG_DATA_DIRS", oldDirs);
    }

    // A class filter carries over between the splits of one data set, not to another data set,
    // whose class 1 is something else.
    void theClassFilterStaysWithItsDataSet() {
        const auto loaded = [](const std::string& id, const std::vector<std::string>& classes) {
            return loadedDigits(id, classes, true);
        };
        std::vector<std::string> digits, other;
        for (int k = 0; k < 10; ++k) {
            digits.push_back("digit " + std::to_string(k));
            other.push_back("thing " + std::to_string(k));
        }
        ImageBrowser browser;
        auto* filter = browser.findChild<QComboBox*>(QStringLiteral("classFilter"));
        const LoadedDatasetPtr a = loaded("a", digits), b = loaded("b", other);
        browser.setSplit(a, "train");
        filter->setCurrentIndex(filter->findData(1));
        QCOMPARE(browser.model()->classFilter(), 1);
        browser.setSplit(a, "test"); // the same data set: kept
        QCOMPARE(filter->currentData().toInt(), 1);
        QCOMPARE(browser.model()->classFilter(), 1);
        browser.setSplit(b, "train"); // another one: all classes again
        QCOMPARE(filter->currentData().toInt(), -1);
        QCOMPARE(browser.model()->classFilter(), -1);
    }

    // Without a held-out split there is no test line: "train vs test" is disabled and says why.
    void trainVsTestNeedsATestSplit() {
        std::vector<std::string> classes;
        for (int k = 0; k < 10; ++k)
            classes.push_back(std::to_string(k));
        NormalizationPage page;
        auto* overlay = page.findChild<QComboBox*>(QStringLiteral("overlayCombo"));
        auto* items = qobject_cast<QStandardItemModel*>(overlay->model());
        page.setDataset(loadedDigits("both", classes, true), "train");
        overlay->setCurrentIndex(1);
        QVERIFY(items->item(1)->isEnabled());
        page.setDataset(loadedDigits("train-only", classes, false), "train");
        QVERIFY(!items->item(1)->isEnabled());
        QVERIFY(items->item(1)->toolTip().contains(QStringLiteral("no test")));
        QCOMPARE(overlay->currentIndex(), 0);
    }

    // Copy says it copied, then goes back to Copy.
    void copyGivesFeedback() {
        MainWindow window(smallSynthetic());
        waitForStats(window);
        auto* copy = window.findChild<QPushButton*>(QStringLiteral("copyTorchvision"));
        copy->click();
        QCOMPARE(QApplication::clipboard()->text(), window.findChild<QLabel*>(QStringLiteral("torchvisionLine"))->text());
        QVERIFY(copy->text().startsWith(QStringLiteral("Copied")));
        QTRY_COMPARE_WITH_TIMEOUT(copy->text(), QStringLiteral("Copy"), 5000);
    }

    // Tab walks the Normalization tab's controls and leaves its tables: Copy and Check constants
    // are reached by keyboard (the statistics table used to keep Tab among its cells forever).
    void tabReachesEveryButton() {
        MainWindow window(smallSynthetic());
        window.resize(1280, 720);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        waitForStats(window);
        window.findChild<QComboBox*>(QStringLiteral("methodCombo"))->setFocus();
        QSet<QString> reached;
        for (int i = 0; i < 60; ++i) {
            QWidget* focused = QApplication::focusWidget();
            QVERIFY(focused);
            reached << focused->objectName();
            QTest::keyClick(focused, Qt::Key_Tab);
        }
        for (const char* name : {"copyTorchvision", "checkConstantsToggle", "beforeAfterTable"})
            QVERIFY2(reached.contains(QLatin1String(name)), name);
    }

    void settingsPersist() {
        {
            MainWindow window(smallSynthetic());
            waitForStats(window);
            auto* split = window.findChild<QComboBox*>(QStringLiteral("splitCombo"));
            split->setCurrentIndex(split->findData(QStringLiteral("test")));
            window.normalizationPage()->setMethod(Method::PerSample);
            window.browser()->setThumbnailSize(28);
            window.close();
        }
        DatasetRequest r = smallSynthetic();
        r.dataset = "auto";
        MainWindow again(r);
        waitForStats(again);
        QCOMPARE(again.currentSplit(), std::string("test"));
        QCOMPARE(again.normalizationPage()->method(), Method::PerSample);
        QCOMPARE(again.browser()->thumbnailSize(), 28);
        QCOMPARE(again.current()->datasetId, std::string("synthetic"));
    }

    void aRunCanBeCancelled() {
        DatasetRequest full;
        full.dataset = "synthetic";
        MainWindow window(full);
        QSignalSpy cancelled(window.statsJob(), &StatsJob::cancelled);
        QTest::mouseClick(window.findChild<QPushButton*>(QStringLiteral("cancelButton")), Qt::LeftButton);
        QVERIFY(cancelled.wait(5000));
        QVERIFY(!window.current());
    }

    void eventLoopNeverStallsDuringAFullRun() {
        DatasetRequest full;
        full.dataset = "synthetic"; // 60,000 + 10,000 images generated, loaded and analysed
        MainWindow window(full);
        window.show();
        QSignalSpy done(window.statsJob(), &StatsJob::finished);
        test::StallMeter meter;
        QVERIFY(done.wait(120000));
        QTest::qWait(200); // the views' first paint after the result
        const double worstMs = meter.stop();
        qInfo("worst event-loop stall during a 60,000-image stats run: %.1f ms (target < 50 ms)", worstMs);
        QCOMPARE(window.browser()->model()->rowCount(), 60000);
        QVERIFY2(worstMs < 250, "the GUI thread blocked; see the printed stall");
    }

    void closingMidRunIsCleanAndFast() {
        DatasetRequest full;
        full.dataset = "synthetic";
        auto* window = new MainWindow(full);
        window->show();
        QTest::qWait(50);
        const auto start = std::chrono::steady_clock::now();
        window->close();
        delete window;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        qInfo("window closed %lld ms after the request, mid-computation", static_cast<long long>(ms.count()));
        QVERIFY(ms.count() < 1000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
