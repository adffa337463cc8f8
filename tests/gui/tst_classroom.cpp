// The main window in front of a class: a 1280x720 projector, normal and larger fonts, every tab,
// a training run, a banner and a failed start. The window must never grow past the screen, text
// must scale with View ▸ Larger fonts, and a start that cannot run keeps what was on screen.
#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QHeaderView>
#include <QTableView>
#include <QTableWidget>
#include <QSettings>
#include <QSignalSpy>
#include <QSlider>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

#include "core/train/engine/engineloader.h"
#include "tests/support/quickruns.h"
#include "tests/support/trainingwindow.h"
#include "ui/plots/bandplot.h"
#include "ui/plots/curveplot.h"
#include "ui/plots/traincurves.h"
#include "ui/widgets/gridtable.h"
#include "ui/jobs/enginestatus.h"
#include "ui/widgets/filedialog.h"
#include "ui/plots/histogramplot.h"
#include "ui/mainwindow.h"
#include "ui/widgets/messagebanner.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/runsmodel.h"
#include "ui/pages/normalizationpage.h"
#include "ui/plots/pixelmapplot.h"
#include "ui/widgets/pixelimageview.h"
#include "ui/jobs/statsjob.h"
#include "ui/pages/statspage.h"
#include "ui/widgets/trainform.h"
#include "ui/jobs/trainjob.h"
#include "ui/pages/trainpage.h"

using namespace normlab;

namespace {

const QSize kProjector(1280, 720);

void trigger(MainWindow& window, const char* action) {
    auto* a = window.findChild<QAction*>(QLatin1String(action));
    QVERIFY2(a, action);
    a->trigger();
}

// The window keeps the projector's size and nothing inside it asks for more.
#define QVERIFY_FITS(window, what)                                                                                     \
    do {                                                                                                               \
        QCoreApplication::processEvents();                                                                             \
        const QSize size = (window).size(), hint = (window).minimumSizeHint();                                         \
        QVERIFY2(                                                                                                      \
            size.width() <= kProjector.width() && size.height() <= kProjector.height(),                                \
            qPrintable(                                                                                                \
                QStringLiteral("%1: window %2x%3").arg(QLatin1String(what)).arg(size.width()).arg(size.height())));    \
        QVERIFY2(                                                                                                      \
            hint.width() <= kProjector.width() && hint.height() <= kProjector.height(),                                \
            qPrintable(                                                                                                \
                QStringLiteral("%1: minimum %2x%3").arg(QLatin1String(what)).arg(hint.width()).arg(hint.height())));   \
    } while (false)

// The window on a 1280x720 projector with its statistics painted, in larger fonts if asked.
[[nodiscard]] bool showOnProjector(MainWindow& window, bool largeFonts) {
    window.resize(kProjector);
    window.show();
    QSignalSpy stats(window.statsJob(), &StatsJob::finished);
    if (!stats.wait(30000)) return false;
    if (largeFonts) window.findChild<QAction*>(QStringLiteral("largeFontsAction"))->trigger();
    return true;
}

} // namespace

class TestClassroom : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QFont m_font;

private Q_SLOTS:
    void initTestCase() {
        m_font = QApplication::font();
        setTrainEngineThreads(2);
        QStandardPaths::setTestModeEnabled(true);
    }
    void init() { QSettings().clear(); }
    void cleanup() { QApplication::setFont(m_font); }

    // One owner per key: every action's and button's shortcuts, counted over the whole window
    // (Reload had Ctrl+R through QKeySequence::Refresh, and the Start button a copy of it).
    void everyShortcutHasOneOwner() {
        MainWindow window(test::smallSynthetic(500));
        QMap<QString, QStringList> owners;
        for (QAction* a : window.findChildren<QAction*>())
            for (const QKeySequence& key : a->shortcuts())
                owners[key.toString()] << a->objectName() + QLatin1Char('/') + a->text();
        for (QAbstractButton* b : window.findChildren<QAbstractButton*>())
            if (!b->shortcut().isEmpty()) owners[b->shortcut().toString()] << b->objectName();
        QVERIFY(owners.contains(QStringLiteral("Ctrl+R")));
        for (auto it = owners.cbegin(); it != owners.cend(); ++it)
            QVERIFY2(it.value().size() == 1, qPrintable(it.key() + QStringLiteral(": ") + it.value().join(u", ")));
    }

    // Ctrl+R starts the comparison from the Training tab, whatever has the focus there.
    void ctrlRStartsFromTheTrainingTab() {
        MainWindow window(test::smallSynthetic(500));
        window.resize(kProjector);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.tabs()->setCurrentIndex(2);
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(1));
        auto* seed = page->findChild<QSpinBox*>(QStringLiteral("seedSpin"));
        seed->setFocus();
        QTRY_VERIFY(seed->hasFocus());
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        QTest::keyClick(seed, Qt::Key_R, Qt::ControlModifier);
        QVERIFY2(done.wait(60000), qPrintable(page->message()));
        QCOMPARE(page->runState(0), QStringLiteral("finished"));
    }

    // The runs table never elides a run's name or its progress ("running: e…atch 27/60"), at
    // 1280x720 in larger fonts, while the runs go.
    void runNamesAndStatesAreNeverElided() {
        test::TrainingWindow training(2000);
        MainWindow& window = training.window();
        window.resize(kProjector);
        window.show();
        trigger(window, "largeFontsAction");
        window.tabs()->setCurrentIndex(2);
        TrainPage* page = training.page();
        GridTable* grid = page->form()->gridTable();
        grid->table()->item(grid->addRow(QStringLiteral("lr")), 1)->setText(QStringLiteral("0.01, 0.001"));
        page->setConfig(test::quickRun(200));
        page->setMethods({Method::None, Method::ZScore});
        QSignalSpy batch(page->job(), &TrainJob::batchProgress);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        page->start();
        QVERIFY(batch.wait(60000));
        QTRY_VERIFY(page->runState(0).startsWith(QStringLiteral("running: epoch")));
        auto* runs = page->findChild<QTableView*>(QStringLiteral("runsTable"));
        const QAbstractItemView* cells = runs;
        QCoreApplication::processEvents();
        // Names whole; the state wraps within its cell: every column inside the table's width,
        // every row as tall as its wrapped text.
        QVERIFY2(runs->columnWidth(RunsModel::NameColumn) >= cells->sizeHintForColumn(RunsModel::NameColumn),
                 qPrintable(QString::number(runs->columnWidth(RunsModel::NameColumn))));
        const int last = RunsModel::ColumnCount - 1;
        QVERIFY(runs->horizontalHeader()->sectionViewportPosition(last) + runs->columnWidth(last) <=
                runs->viewport()->width());
        const QString state = page->runState(0);
        const QRect needed = runs->fontMetrics().boundingRect(QRect(0, 0, runs->columnWidth(RunsModel::StateColumn) - 8, 10000),
                                                              Qt::TextWordWrap, state);
        QVERIFY2(runs->rowHeight(0) >= needed.height(),
                 qPrintable(QStringLiteral("%1: row %2 px, text %3 px").arg(state).arg(runs->rowHeight(0)).arg(needed.height())));
        page->stopAll();
        QVERIFY(done.wait(60000));
    }

    // The wheel over a spin box or combo box that has not the focus leaves its value alone.
    void theWheelChangesOnlyAFocusedValue() {
        MainWindow window(test::smallSynthetic(500));
        window.resize(kProjector);
        window.show();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.tabs()->setCurrentIndex(2);
        auto* seed = window.trainPage()->findChild<QSpinBox*>(QStringLiteral("seedSpin"));
        auto* model = window.trainPage()->findChild<QComboBox*>(QStringLiteral("modelCombo"));
        window.trainPage()->findChild<QPushButton*>(QStringLiteral("lessonButton"))->setFocus();
        const auto wheel = [](QWidget* w) {
            const QPointF at(w->width() / 2.0, w->height() / 2.0);
            QWheelEvent event(at, w->mapToGlobal(at), {}, QPoint(0, 120), Qt::NoButton, Qt::NoModifier,
                              Qt::NoScrollPhase, false);
            QApplication::sendEvent(w, &event);
        };
        const int seedBefore = seed->value(), modelBefore = model->currentIndex();
        wheel(seed);
        wheel(model);
        QCOMPARE(seed->value(), seedBefore);
        QCOMPARE(model->currentIndex(), modelBefore);
        seed->setFocus();
        QTRY_VERIFY(seed->hasFocus());
        wheel(seed);
        QCOMPARE(seed->value(), seedBefore + 1); // focused, it takes the wheel as before
    }

    // No number on screen is cut: in every table of the Normalization tab, its constants panel and
    // the Statistics tab, at 1280x720 in both font sizes, each column is at least as wide as its
    // cells need.
    void tablesNeverElideNumbers() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            // The Normalization tab, its Check constants panel (the recipes' table), the Statistics tab.
            for (int pass : {0, 1, 2}) {
                const int tab = pass == 2 ? 1 : 0;
                window.tabs()->setCurrentIndex(tab);
                auto* constants = window.findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"));
                QVERIFY(constants);
                constants->setChecked(pass == 1);
                QCoreApplication::processEvents();
                for (QTableView* view : window.tabs()->widget(tab)->findChildren<QTableView*>()) {
                    if (!view->isVisible() || !view->model()) continue;
                    const QAbstractItemView* cells = view; // sizeHintForColumn is public here: what the cells need
                    const QAbstractItemModel* model = view->model();
                    // Columns of numbers ("0.3256", "0.4914 / 0.4822", "12,000", "0.51 ± 0.05"); paths
                    // and digests may keep their ends and elide the middle.
                    static const QRegularExpression number(QStringLiteral("^[-+−0-9.,/±e \n]*$"));
                    for (int c = 0; c < model->columnCount(); ++c) {
                        bool numbers = model->rowCount() > 0;
                        for (int r = 0; r < model->rowCount() && numbers; ++r)
                            numbers = number.match(model->index(r, c).data().toString()).hasMatch();
                        if (!numbers) continue;
                        QVERIFY2(view->columnWidth(c) >= cells->sizeHintForColumn(c),
                                 qPrintable(QStringLiteral("%1, %2 column %3: %4 < %5")
                                                .arg(large ? QStringLiteral("larger fonts") : QStringLiteral("normal"),
                                                     view->objectName())
                                                .arg(c)
                                                .arg(view->columnWidth(c))
                                                .arg(cells->sizeHintForColumn(c))));
                    }
                }
            }
        }
    }

    // The Statistics tab at 1280x720 never scrolls sideways: the per-class std column and the data
    // check's digests were behind a horizontal scroll bar.
    void statisticsTabNeverScrollsSideways() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            window.tabs()->setCurrentIndex(1);
            QCoreApplication::processEvents();
            for (const char* name : {"perClassTable", "dataCheckTable"}) {
                auto* view = window.findChild<QTableView*>(QLatin1String(name));
                QVERIFY(view && view->isVisible());
                const int last = view->model()->columnCount() - 1;
                const int right = view->horizontalHeader()->sectionViewportPosition(last) + view->columnWidth(last);
                QVERIFY2(right <= view->viewport()->width(),
                         qPrintable(QStringLiteral("%1 (%2): columns end at %3, viewport %4 wide")
                                        .arg(QLatin1String(name), large ? QStringLiteral("larger fonts") : QStringLiteral("normal"))
                                        .arg(right)
                                        .arg(view->viewport()->width())));
                QCOMPARE(view->horizontalScrollBar()->maximum(), 0);
            }
            QVERIFY_FITS(window, large ? "statistics, larger fonts" : "statistics, normal fonts");
        }
    }

    // Combos show their longest entry whole at 1280x720 ("All classe", "one class vs all (afte"):
    // each is at least as wide as a combo sized to its contents, in normal fonts; in larger fonts
    // those of the image panel too.
    void combosShowTheirEntriesWhole() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            window.tabs()->setCurrentIndex(0);
            QCoreApplication::processEvents();
            const QStringList names = large ? QStringList{QStringLiteral("classFilter"), QStringLiteral("sortCombo")}
                                            : QStringList{QStringLiteral("classFilter"), QStringLiteral("sortCombo"),
                                                          QStringLiteral("overlayCombo"), QStringLiteral("histogramClass")};
            for (const QString& name : names) {
                auto* combo = window.findChild<QComboBox*>(name);
                QVERIFY2(combo && combo->isVisible(), qPrintable(name));
                QComboBox whole;
                whole.setFont(combo->font());
                whole.setSizeAdjustPolicy(QComboBox::AdjustToContents);
                for (int i = 0; i < combo->count(); ++i)
                    whole.addItem(combo->itemText(i));
                QVERIFY2(combo->width() >= whole.sizeHint().width(),
                         qPrintable(QStringLiteral("%1 (%2): %3 < %4")
                                        .arg(name, large ? QStringLiteral("larger fonts") : QStringLiteral("normal"))
                                        .arg(combo->width())
                                        .arg(whole.sizeHint().width())));
            }
        }
    }

    // Larger fonts keep the before/after images large (they shrank from 196 to 84 px above the
    // histogram): beside it, they draw a 28x28 digit at 5x or more in both font sizes.
    void imagesKeepTheirSizeInLargerFonts() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            window.tabs()->setCurrentIndex(0);
            QCoreApplication::processEvents();
            for (const char* name : {"beforeImage", "afterImage"}) {
                auto* view = window.findChild<PixelImageView*>(QLatin1String(name));
                QVERIFY(view && view->isVisible());
                QVERIFY2(view->zoom() >= 5, qPrintable(QStringLiteral("%1 (%2): zoom %3")
                                                           .arg(QLatin1String(name),
                                                                large ? QStringLiteral("larger fonts") : QStringLiteral("normal"))
                                                           .arg(view->zoom())));
            }
        }
    }

    // The per-pixel maps' x tick labels never run into each other ("10152025"), in either font size.
    void mapTickLabelsDoNotOverlap() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            window.tabs()->setCurrentIndex(1);
            QCoreApplication::processEvents();
            // As laid out at 1280x720, and squeezed to the smallest a map gets (colour data's wider table).
            PixelMapPlot narrow;
            narrow.setFont(QApplication::font());
            narrow.resize(narrow.minimumSize());
            narrow.show();
            narrow.setMap(std::vector<double>(28 * 28, 0.5), 28, 28, QStringLiteral("mean"), QCPColorGradient::gpGrayscale);
            for (PixelMapPlot* map : {window.statsPage()->meanMap(), window.statsPage()->stdMap(), &narrow}) {
                map->replot();
                const QVector<double> ticks = map->xAxis->tickVector();
                const QVector<QString> labels = map->xAxis->tickVectorLabels();
                const QFontMetrics metrics(map->xAxis->tickLabelFont());
                QVERIFY(ticks.size() >= 2);
                for (int i = 0; i + 1 < ticks.size(); ++i) {
                    const double gap = map->xAxis->coordToPixel(ticks[i + 1]) - map->xAxis->coordToPixel(ticks[i]);
                    const double needed = (metrics.horizontalAdvance(labels[i]) + metrics.horizontalAdvance(labels[i + 1])) / 2.0;
                    QVERIFY2(gap > needed, qPrintable(QStringLiteral("%1 and %2: %3 px apart, %4 needed")
                                                          .arg(labels[i], labels[i + 1]).arg(gap).arg(needed)));
                }
            }
        }
    }

    void everyStateFitsA1280x720Projector() {
        for (bool large : {false, true}) {
            MainWindow window(test::smallSynthetic(2000));
            QVERIFY(showOnProjector(window, large));
            const char* mode = large ? "larger fonts" : "normal fonts";
            for (int tab = 0; tab < 3; ++tab) {
                window.tabs()->setCurrentIndex(tab);
                QVERIFY_FITS(window, mode);
            }
            window.banner()->showMessage(QStringLiteral("A very long message that a teacher might see, ").repeated(12),
                                         true);
            QVERIFY_FITS(window, "banner");
            // A comparison of three runs: names, samples, states and the results table all appear.
            TrainPage* page = window.trainPage();
            page->setConfig(test::quickRun(2));
            page->setMethods({Method::None, Method::ZScore, Method::PerSample});
            QSignalSpy done(page->job(), &TrainJob::allFinished);
            QSignalSpy started(page->job(), &TrainJob::runStarted);
            trigger(window, "startTrainingAction");
            QVERIFY(started.wait(60000));
            QVERIFY_FITS(window, "training");
            QVERIFY(done.wait(120000));
            QVERIFY_FITS(window, "trained");
            QCOMPARE(window.size(), kProjector); // never grew, never shrank by itself
        }
    }

    // Larger fonts remembered from the last session: the window turns them on while it is built.
    void startingInLargerFontsFits() {
        QSettings().setValue(QStringLiteral("view/largeFonts"), true);
        MainWindow window(test::smallSynthetic(2000));
        QVERIFY(showOnProjector(window, false));
        QVERIFY(QApplication::font().pointSizeF() > m_font.pointSizeF() * 1.4);
        for (int tab = 0; tab < 3; ++tab) {
            window.tabs()->setCurrentIndex(tab);
            QVERIFY_FITS(window, "started in larger fonts");
        }
    }

    void largerFontsScaleEveryPlot() {
        MainWindow window(test::smallSynthetic(2000));
        QVERIFY(showOnProjector(window, false));
        const double normal = window.normalizationPage()->histogram()->xAxis->tickLabelFont().pointSizeF();
        trigger(window, "largeFontsAction");
        QCoreApplication::processEvents();
        const double larger = QApplication::font().pointSizeF();
        QVERIFY(larger > normal * 1.4);
        QCustomPlot* plots[] = {window.normalizationPage()->histogram(), window.statsPage()->meanMap(),
                                window.trainPage()->lossPlot(), window.trainPage()->accuracyPlot()};
        for (QCustomPlot* plot : plots) {
            QCOMPARE(plot->xAxis->tickLabelFont().pointSizeF(), larger);
            QCOMPARE(plot->yAxis->labelFont().pointSizeF(), larger);
            QCOMPARE(plot->legend->font().pointSizeF(), larger);
        }
        // The histogram keeps a readable height on the projector.
        window.tabs()->setCurrentIndex(0);
        QCoreApplication::processEvents();
        QVERIFY2(window.normalizationPage()->histogram()->height() >= 200,
                 qPrintable(QString::number(window.normalizationPage()->histogram()->height())));
    }

    void perPixelMapsAreSquare() {
        MainWindow window(test::smallSynthetic(2000));
        QVERIFY(showOnProjector(window, false));
        window.tabs()->setCurrentIndex(1);
        QTest::qWait(50);
        for (PixelMapPlot* map : {window.statsPage()->meanMap(), window.statsPage()->stdMap()}) {
            // The axes span the image exactly (not -15…45 around a 28-row image); the shape's spare
            // space is margin around the map.
            map->replot();
            for (QCPAxis* axis : {map->xAxis, map->yAxis}) {
                QCOMPARE(axis->range().lower, -0.5);
                QCOMPARE(axis->range().upper, 27.5);
                QVERIFY(!axis->tickVector().isEmpty());
                for (double tick : axis->tickVector()) // whole pixels, never "2.5"
                    QCOMPARE(tick, std::floor(tick));
            }
            const double x = map->xAxis->coordToPixel(10) - map->xAxis->coordToPixel(0);
            const double y = std::abs(map->yAxis->coordToPixel(10) - map->yAxis->coordToPixel(0));
            QVERIFY2(std::abs(x - y) <= 1.0, qPrintable(QStringLiteral("%1 vs %2 px per 10 pixels").arg(x).arg(y)));
        }
    }

    // The lesson on a machine without FashionMNIST: the start says why, offers the download, and
    // the previous comparison stays on screen, finished, not "queued".
    void aFailedStartKeepsThePreviousResults() {
        test::TrainingWindow training(2000);
        MainWindow& window = training.window();
        TrainPage* page = training.page();
        QVERIFY(training.finishComparison(test::quickRun(1), {Method::None, Method::ZScore}, 60000));
        const int rows = page->resultsModel()->rowCount();
        QCOMPARE(rows, 2);

        window.resize(kProjector);
        window.show();
        window.tabs()->setCurrentIndex(2);
        page->setDataDir(m_dir.filePath(QStringLiteral("no-data")).toStdString());
        trigger(window, "lessonAction");
        page->start();
        QVERIFY_FITS(window, "failed start"); // the long reason wraps; the window does not grow
        QVERIFY2(page->message().contains(QStringLiteral("FashionMNIST is not on this machine")),
                 qPrintable(page->message()));
        auto* download = page->findChild<QPushButton*>(QStringLiteral("trainDownloadButton"));
        QVERIFY(download->isVisibleTo(page));
        QCOMPARE(download->text(), QStringLiteral("Download FashionMNIST"));
        QVERIFY(!page->job()->isRunning());
        QCOMPARE(page->resultsModel()->rowCount(), rows);
        QCOMPARE(page->runState(0), QStringLiteral("finished"));
        QCOMPARE(page->runState(1), QStringLiteral("finished"));
    }

    // A start whose data cannot be loaded (a folder with no IDX files) says why and keeps them too.
    void aStartWhoseDataFailsKeepsThePreviousResults() {
        test::TrainingWindow training(2000);
        TrainPage* page = training.page();
        QVERIFY(training.finishComparison(test::quickRun(1), {Method::None, Method::ZScore}, 60000));
        TrainConfig broken = test::quickRun(1);
        broken.dataset = m_dir.filePath(QStringLiteral("not-a-data-folder")).toStdString();
        QVERIFY(QDir().mkpath(QString::fromStdString(broken.dataset)));
        TrainJob* job = page->job();
        QSignalSpy failed(job, &TrainJob::failed);
        QSignalSpy done(job, &TrainJob::allFinished);
        // The form lists catalog sets only, so the broken folder goes straight to the job, as a
        // reopened experiment would.
        std::vector<TrainConfig> runs = {broken};
        QVERIFY(job->start(runs));
        QVERIFY(failed.wait(30000));
        QTRY_COMPARE_WITH_TIMEOUT(done.count(), 1, 10000);
        QCOMPARE(page->resultsModel()->rowCount(), 2);
        QCOMPARE(page->runState(0), QStringLiteral("finished"));
        QVERIFY2(page->message().startsWith(QStringLiteral("Could not start: ")), qPrintable(page->message()));
    }

    void stopRunIsClearAboutWhatItStops() {
        MainWindow window(test::smallSynthetic(2000));
        TrainPage* page = window.trainPage();
        auto* stopRun = page->findChild<QPushButton*>(QStringLiteral("stopRunButton"));
        QVERIFY(!stopRun->isEnabled()); // nothing to stop
        page->setConfig(test::quickRun(200));
        page->setMethods({Method::None, Method::ZScore});
        QSignalSpy epoch(page->job(), &TrainJob::epochFinished);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        page->start();
        QVERIFY(epoch.wait(60000));
        // No row selected: it acts on the running run, and says so.
        QVERIFY(stopRun->isEnabled());
        QVERIFY2(stopRun->toolTip().contains(QStringLiteral("none")), qPrintable(stopRun->toolTip()));
        QTest::mouseClick(stopRun, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(page->runState(0).startsWith(QStringLiteral("cancelled: stopped in epoch")), 10000);
        QTRY_VERIFY_WITH_TIMEOUT(page->runsModel()->run(1).status == RunStatus::Running, 10000);
        trigger(window, "stopAllAction");
        QVERIFY(done.wait(10000));
        QVERIFY(!stopRun->isEnabled());
    }

    void stopAllSaysQueuedRunsNeverStarted() {
        MainWindow window(test::smallSynthetic(2000));
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(200));
        page->setMethods({Method::None, Method::ZScore, Method::MinMax});
        QSignalSpy step(page->job(), &TrainJob::stepReported);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        page->start();
        QVERIFY(step.wait(60000));
        page->stopAll();
        QVERIFY(done.wait(10000));
        QVERIFY2(page->runState(0).startsWith(QStringLiteral("cancelled: stopped")), qPrintable(page->runState(0)));
        QCOMPARE(page->runState(1), QStringLiteral("cancelled: not started: the comparison was stopped"));
        QCOMPARE(page->runState(2), QStringLiteral("cancelled: not started: the comparison was stopped"));
    }

    void progressWithinAnEpochIsShown() {
        MainWindow window(test::smallSynthetic(2000));
        TrainPage* page = window.trainPage();
        page->setConfig(test::quickRun(1));
        page->setMethods({Method::ZScore});
        QSignalSpy batch(page->job(), &TrainJob::batchProgress);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        QStringList states;
        connect(page->job(), &TrainJob::batchProgress, this, [&] { states << page->runState(0); });
        page->start();
        QVERIFY(done.wait(60000));
        QVERIFY(batch.count() >= 15);
        QVERIFY2(states.contains(QStringLiteral("running: epoch 1/1, batch 7/15")), qPrintable(states.join(u'|')));
    }

    void plotsAndControlsStayReadable() {
        MainWindow window(test::smallSynthetic(2000));
        QVERIFY(showOnProjector(window, true));
        QCoreApplication::processEvents();
        // The thumbnail slider is a slider, not a checkbox-sized stub.
        QVERIFY(window.findChild<QSlider*>(QStringLiteral("thumbnailSize"))->width() >= 80);
        // Histogram: the background spike at the lowest value is inside the plot, drawn from the floor.
        HistogramPlot* histogram = window.normalizationPage()->histogram();
        const QCPGraph* before = histogram->graph(0);
        QVERIFY(histogram->xAxis->range().lower < before->data()->at(0)->key);
        QCOMPARE(before->data()->at(1)->key, before->data()->at(0)->key); // a vertical side at the first edge
        QVERIFY(before->data()->at(0)->value < before->data()->at(1)->value);
        // The log count axis writes every decade the same way: as a power of ten.
        histogram->replot();
        QVERIFY(!histogram->yAxis->tickVectorLabels().isEmpty());
        for (const QString& label : histogram->yAxis->tickVectorLabels()) // drawn as 10 to the power
            QVERIFY2(label.startsWith(QStringLiteral("1e")), qPrintable(label));
    }

    // The lesson's view over seeds draws live: each seed's faint curve from its first epoch, and
    // after Stop all what finished stays drawn, its configuration marked as stopped.
    void seedsDrawLiveAndStayAfterStop() {
        test::TrainingWindow training(2000);
        MainWindow& window = training.window();
        window.resize(kProjector);
        window.show();
        window.tabs()->setCurrentIndex(2);
        TrainPage* page = training.page();
        page->setConfig(test::quickRun(200));
        page->setMethods({Method::None, Method::ZScore});
        page->form()->setSeeds(3);
        QSignalSpy epoch(page->job(), &TrainJob::epochFinished);
        QSignalSpy done(page->job(), &TrainJob::allFinished);
        page->start();
        QVERIFY(epoch.wait(60000));
        QVERIFY(page->showingBands());
        const auto plotted = [](const QCustomPlot* plot) {
            int points = 0;
            for (int g = 0; g < plot->graphCount(); ++g)
                points += plot->graph(g)->dataCount();
            return points;
        };
        QTRY_VERIFY(plotted(page->lossBands()) >= 1); // one seed, one epoch: already on screen
        QVERIFY(plotted(page->accuracyBands()) >= 1);
        page->lossBands()->replot();
        for (double tick : page->lossBands()->xAxis->tickVector()) // whole epochs, never 1.2
            QCOMPARE(tick, std::round(tick));
        const QCPRange x = page->lossBands()->xAxis->range();
        QVERIFY2(x.contains(1) && x.size() < 3,
                 qPrintable(QStringLiteral("the axes fit the epochs drawn: %1 to %2").arg(x.lower).arg(x.upper)));
        page->stopAll();
        QVERIFY(done.wait(60000));
        QVERIFY(plotted(page->lossBands()) >= 1);
        const QString legend = page->curves()->legend()->text();
        QVERIFY2(legend.contains(QStringLiteral("stopped")), qPrintable(legend));
        // Not "Done.": the message says the comparison was stopped, and how far it got.
        QVERIFY2(page->message().startsWith(QStringLiteral("Stopped: ")) &&
                     page->message().contains(QStringLiteral(" of 6 runs finished")),
                 qPrintable(page->message()));
    }

    // One legend for both plots, above them: at 1280x720, in both font sizes and both views, with a
    // 2x2 grid's runs, it covers no plot, and it has one entry per run or per configuration.
    void theLegendCoversNoPlot() {
        for (bool large : {false, true}) {
            test::TrainingWindow training(2000);
            MainWindow& window = training.window();
            window.resize(kProjector);
            window.show();
            if (large) trigger(window, "largeFontsAction");
            window.tabs()->setCurrentIndex(2);
            TrainPage* page = training.page();
            GridTable* grid = page->form()->gridTable();
            grid->table()->item(grid->addRow(QStringLiteral("lr")), 1)->setText(QStringLiteral("0.01, 0.001"));
            QVERIFY(training.finishComparison(test::quickRun(1), {Method::None, Method::ZScore}, 60000));
            for (bool bands : {false, true}) {
                page->setShowingBands(bands);
                QCoreApplication::processEvents();
                QLabel* legend = page->curves()->legend();
                QVERIFY(legend->isVisible());
                QCOMPARE(legend->text().count(QStringLiteral("&#9632;")), 4); // 4 runs = 4 configurations
                const QRect legendRect(legend->mapTo(&window, QPoint(0, 0)), legend->size());
                for (const QCustomPlot* plot : {static_cast<const QCustomPlot*>(page->lossPlot()),
                                                static_cast<const QCustomPlot*>(page->accuracyPlot()),
                                                static_cast<const QCustomPlot*>(page->lossBands()),
                                                static_cast<const QCustomPlot*>(page->accuracyBands())}) {
                    QVERIFY(!plot->legend->visible());
                    if (!plot->isVisible()) continue;
                    const QRect axes(plot->mapTo(&window, plot->axisRect()->rect().topLeft()),
                                     plot->axisRect()->rect().size());
                    QVERIFY2(!legendRect.intersects(axes), large ? "larger fonts" : "normal fonts");
                }
            }
            QVERIFY_FITS(window, large ? "legend, larger fonts" : "legend, normal fonts");
        }
    }

    void savePlotsWritesTwoNamedFilesAndDialogsRememberTheFolder() {
        MainWindow window(test::smallSynthetic(500));
        window.resize(kProjector);
        window.show();
        const QString path = m_dir.filePath(QStringLiteral("lesson.png"));
        FileDialog::instance()->setNextFileName(path);
        trigger(window, "savePlotsAction");
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("lesson-loss.png"))).size() > 500);
        QVERIFY(QFileInfo(m_dir.filePath(QStringLiteral("lesson-accuracy.png"))).size() > 500);
        QVERIFY(!QFile::exists(path));
        QVERIFY2(window.trainPage()->message().contains(QStringLiteral("lesson-loss.png")),
                 qPrintable(window.trainPage()->message()));
        QCOMPARE(QSettings().value(QStringLiteral("dialogs/lastDir")).toString(), QFileInfo(path).absolutePath());
    }

    void bannerCanBeDismissed() {
        MainWindow window(test::smallSynthetic(2000));
        window.show();
        window.banner()->showMessage(QStringLiteral("note"), false);
        QVERIFY(window.banner()->isVisible());
        QTest::mouseClick(window.banner()->findChild<QAbstractButton*>(QStringLiteral("dismissBanner")),
                          Qt::LeftButton);
        QVERIFY(!window.banner()->isVisible());
    }

    void aFolderThatFailsLeavesTheList() {
        MainWindow window(test::smallSynthetic(2000));
        QSignalSpy stats(window.statsJob(), &StatsJob::finished);
        QVERIFY(stats.wait(30000));
        auto* combo = window.findChild<QComboBox*>(QStringLiteral("datasetCombo"));
        const int items = combo->count();
        const QString empty = m_dir.filePath(QStringLiteral("empty-folder"));
        QVERIFY(QDir().mkpath(empty));
        QSignalSpy failed(window.statsJob(), &StatsJob::failed);
        FileDialog::instance()->setNextFileName(empty);
        trigger(window, "openFolderAction");
        QVERIFY(failed.wait(30000));
        QCOMPARE(combo->count(), items);                                        // not piled up
        QCOMPARE(combo->currentData().toString(), QStringLiteral("synthetic")); // names what is shown
        QVERIFY(window.banner()->text().contains(QStringLiteral("no data set here")));
    }

    void aboutNamesTheVersions() {
        MainWindow window(test::smallSynthetic(2000));
        // LibTorch loads once the first data is shown; About says so until then.
        QTRY_VERIFY_WITH_TIMEOUT(window.trainPage()->engine()->state() == EngineStatus::State::Ready, 30000);
        trigger(window, "aboutAction");
        auto* box = window.findChild<QMessageBox*>(QStringLiteral("aboutBox"));
        QVERIFY(box);
        QVERIFY(box->text().contains(QStringLiteral(NORMLAB_VERSION)));
        QVERIFY(box->text().contains(QString::fromLatin1(qVersion())));
        QVERIFY(box->text().contains(QStringLiteral("LibTorch")));
        QVERIFY(box->text().contains(QStringLiteral("cpu")));
        box->close();
    }
};

QTEST_MAIN(TestClassroom)
#include "tst_classroom.moc"
