#include "ui/mainwindow.h"

#include <utility>

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QFileInfo>
#include <QInputDialog>
#include <QMenuBar>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include "core/data/catalog/datasetavailability.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/datasetlisting.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/common/atomicfile.h"
#include "core/export/statsexport.h"
#include "core/session/resultsfiles.h"
#include "ui/widgets/datasetchooser.h"
#include "ui/widgets/datasetcombo.h"
#include "ui/jobs/downloadjob.h"
#include "ui/jobs/enginestatus.h"
#include "ui/widgets/filedialog.h"
#include "ui/plots/histogramplot.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/models/imagelistmodel.h"
#include "ui/widgets/messagebanner.h"
#include "ui/pages/normalizationpage.h"
#include "ui/plots/pixelmapplot.h"
#include "ui/plots/plotexport.h"
#include "ui/jobs/statsjob.h"
#include "ui/pages/statspage.h"
#include "ui/pages/trainpage.h"
#include "ui/viewsettings.h"
#include "ui/widgets/trainform.h"
#include "ui/widgets/wheelguard.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;
constexpr double kLargeFontFactor = 1.5; // projector mode
constexpr int kMessageMs = 6000;
constexpr int kMinCacheMB = 16, kMaxCacheMB = 4096; // the thumbnail cache
constexpr int kEngineLoadDelayMs = 1000; // after the first data: the window has painted and is idle
const QSize kPreferredSize(1200, 760);

} // namespace

MainWindow::MainWindow(const DatasetRequest& defaults, QWidget* parent)
    : QMainWindow(parent), m_request(defaults), m_job(new StatsJob(this)), m_download(new DownloadJob(this)),
      m_baseFont(QApplication::font()) {
    setWindowTitle(QStringLiteral("NormLab"));
    qApp->installEventFilter(new WheelGuard(this)); // removed with the window
    buildUi();
    buildMenus();
    refreshDatasetLists();
    restoreSettings(defaults);

    connect(m_job, &StatsJob::progressChanged, this,
            [this](double f) { m_progress->setValue(static_cast<int>(f * kProgressSteps)); });
    connect(m_job, &StatsJob::indexed, this, &MainWindow::showIndex);
    connect(m_job, &StatsJob::finished, this, &MainWindow::showResult);
    connect(m_job, &StatsJob::failed, this, &MainWindow::showFailure);
    connect(m_job, &StatsJob::cancelled, this, [this] {
        setBusy(false);
        restoreComplete();
        showMessage(tr("Cancelled."), false);
    });
    connect(m_download, &DownloadJob::progressChanged, this, [this](double f, const QString& file) {
        m_progress->setValue(static_cast<int>(f * kProgressSteps));
        statusBar()->showMessage(tr("Downloading %1…").arg(file));
    });
    connect(m_download, &DownloadJob::finished, this, [this](const QString& folder) {
        setBusy(false);
        showMessage(tr("Downloaded and verified into %1.").arg(folder), false);
        const QString id = m_missingDataset;
        m_missingDataset.clear();
        m_chooser->offerDownload({});
        refreshDatasetLists();
        selectDataset(id);
    });
    connect(m_download, &DownloadJob::failed, this, [this](const QString& message) {
        setBusy(false);
        showMessage(tr("Download failed: %1").arg(message), true);
    });
    connect(m_download, &DownloadJob::cancelled, this, [this] {
        setBusy(false);
        showMessage(tr("Download cancelled; nothing partial was kept."), false);
    });
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_job->cancel();
        m_download->cancel();
    });
    connect(m_chooser, &DatasetChooser::datasetChanged, this, &MainWindow::reload);
    connect(m_chooser, &DatasetChooser::splitChanged, this, &MainWindow::showSplit);
    connect(m_chooser, &DatasetChooser::openFolderRequested, this, &MainWindow::openFolder);
    connect(m_chooser, &DatasetChooser::downloadRequested, this, &MainWindow::downloadMissing);
    connect(m_train, &TrainPage::downloadRequested, this, &MainWindow::download);
    connect(m_browser, &ImageBrowser::imageSelected, this, [this](int image) {
        // While a folder's statistics are counted the page still shows the previous data set.
        if (m_current && m_current->statsReady) m_normalization->setImage(image);
    });
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    m_chooser = new DatasetChooser(central);
    layout->addWidget(m_chooser);
    m_banner = new MessageBanner(central);
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_browser = new ImageBrowser(m_splitter);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_normalization = new NormalizationPage(m_tabs);
    m_stats = new StatsPage(m_tabs);
    m_train = new TrainPage(m_tabs);
    m_train->setObjectName(QStringLiteral("trainPage"));
    m_tabs->addTab(m_normalization, tr("&Normalization"));
    m_tabs->addTab(m_stats, tr("&Statistics"));
    m_tabs->addTab(m_train, tr("&Training"));
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 3);
    layout->addWidget(m_splitter, 1);
    setCentralWidget(central);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("statsProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setMaximumWidth(240);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    setBusy(false);
}

QAction* MainWindow::addAction(QMenu* menu, const QString& objectName, const QString& text,
                               const QKeySequence& shortcut, void (MainWindow::*slot)()) {
    QAction* action = menu->addAction(text, shortcut, this, slot);
    action->setObjectName(objectName);
    return action;
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    addAction(file, QStringLiteral("openFolderAction"), tr("&Open folder…"), QKeySequence::Open,
              &MainWindow::openFolder);
    addAction(file, QStringLiteral("openFileAction"), tr("Open NumPy &file…"), QKeySequence(tr("Ctrl+Shift+O")),
              &MainWindow::openFile);
    addAction(file, QStringLiteral("downloadAction"), tr("&Download data set"), {}, &MainWindow::downloadMissing);
    file->addSeparator();
    addAction(file, QStringLiteral("exportStatisticsAction"), tr("&Export statistics (JSON/CSV)…"),
              QKeySequence(tr("Ctrl+E")), &MainWindow::exportStatistics);
    addAction(file, QStringLiteral("exportNumpyAction"), tr("Export &NumPy maps…"), {}, &MainWindow::exportNumpyMaps);
    addAction(file, QStringLiteral("saveHistogramAction"), tr("&Save histogram plot (PNG/PDF/SVG)…"),
              QKeySequence::Save, &MainWindow::saveHistogramPlot);
    addAction(file, QStringLiteral("savePixelMapsAction"), tr("Save &per-pixel maps (PNG/PDF/SVG)…"), {},
              &MainWindow::savePixelMaps);
    file->addSeparator();
    // F5 only: QKeySequence::Refresh is F5 *and* Ctrl+R on X11, and Ctrl+R is Start.
    addAction(file, QStringLiteral("reloadAction"), tr("&Reload"), QKeySequence(Qt::Key_F5), &MainWindow::reload);
    QAction* quit = file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    quit->setObjectName(QStringLiteral("quitAction"));

    QMenu* view = menuBar()->addMenu(tr("&View"));
    const QString tabNames[] = {tr("&Normalization"), tr("&Statistics"), tr("&Training")};
    for (int i = 0; i < 3; ++i) {
        QAction* tab = view->addAction(tabNames[i], QKeySequence(QStringLiteral("Ctrl+%1").arg(i + 1)), this,
                                       [this, i] { m_tabs->setCurrentIndex(i); });
        tab->setObjectName(QStringLiteral("showTab%1Action").arg(i + 1));
    }
    m_largeFonts = view->addAction(tr("&Larger fonts (projector)"));
    m_largeFonts->setObjectName(QStringLiteral("largeFontsAction"));
    m_largeFonts->setCheckable(true);
    m_largeFonts->setShortcut(QKeySequence(tr("Ctrl+L")));
    connect(m_largeFonts, &QAction::toggled, this, &MainWindow::setLargeFonts);
    QAction* cache = view->addAction(tr("Thumbnail &cache…"), this, &MainWindow::chooseThumbnailCache);
    cache->setObjectName(QStringLiteral("thumbnailCacheAction"));

    QMenu* training = menuBar()->addMenu(tr("T&raining"));
    QAction* start =
        training->addAction(tr("&Start comparison"), QKeySequence(tr("Ctrl+R")), m_train, &TrainPage::start);
    start->setObjectName(QStringLiteral("startTrainingAction"));
    QAction* lesson = training->addAction(tr("&Lesson experiment"), m_train, &TrainPage::applyLessonPreset);
    lesson->setObjectName(QStringLiteral("lessonAction"));
    QAction* stopAll = training->addAction(tr("Stop &all"), m_train, &TrainPage::stopAll);
    stopAll->setObjectName(QStringLiteral("stopAllAction"));
    QAction* exportResults = training->addAction(tr("&Export results…"), m_train, &TrainPage::exportResults);
    exportResults->setObjectName(QStringLiteral("exportResultsAction"));
    QAction* openResults = training->addAction(tr("&Open results…"), m_train, &TrainPage::openResults);
    openResults->setObjectName(QStringLiteral("openResultsAction"));
    QAction* savePlots = training->addAction(tr("Save &plots…"), m_train, &TrainPage::savePlots);
    savePlots->setObjectName(QStringLiteral("savePlotsAction"));
    training->addSeparator();
    QAction* openExperiment = training->addAction(tr("Open e&xperiment…"), m_train, &TrainPage::openExperiment);
    openExperiment->setObjectName(QStringLiteral("openExperimentAction"));
    QAction* saveExperiment = training->addAction(tr("Sa&ve experiment…"), m_train, &TrainPage::saveExperiment);
    saveExperiment->setObjectName(QStringLiteral("saveExperimentAction"));
    QAction* exportPython = training->addAction(tr("Export as P&yTorch script…"), m_train, &TrainPage::exportPython);
    exportPython->setObjectName(QStringLiteral("exportPythonAction"));

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    addAction(help, QStringLiteral("aboutAction"), tr("&About NormLab"), {}, &MainWindow::showAbout);
}

void MainWindow::refreshDatasetLists() {
    m_chooser->setChoices(listDatasets(dataDirOf(m_request)));
    m_train->setDataDir(m_request.dataDir);
}

QString MainWindow::dataDir() const {
    return QString::fromStdString(dataDirOf(m_request).string());
}

std::string MainWindow::currentSplit() const {
    return m_chooser->split();
}

void MainWindow::fitToScreen() {
    const QScreen* screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    if (!screen) return;
    const QRect available = screen->availableGeometry();
    const QSize size = this->size().boundedTo(available.size());
    if (size != this->size()) resize(size);
    if (!available.contains(frameGeometry())) move(available.topLeft());
}

void MainWindow::restoreSettings(const DatasetRequest& defaults) {
    const ViewSettings v = ViewSettings::load();
    if (v.geometry.isEmpty() || !restoreGeometry(v.geometry)) resize(kPreferredSize);
    fitToScreen(); // a layout saved on a bigger screen must not put the window off this one
    m_splitter->restoreState(v.splitter);
    QString dataset = v.dataset;
    if (defaults.dataset != "auto") dataset = QString::fromStdString(defaults.dataset);
    if (dataset.isEmpty()) dataset = QString::fromStdString(resolveDatasetId(defaults));
    m_chooser->select(dataset);
    m_chooser->selectSplit(v.split);
    m_browser->setThumbnailSize(v.thumbnail);
    m_browser->model()->setCacheBytes(qsizetype{std::clamp(v.thumbnailCacheMB, kMinCacheMB, kMaxCacheMB)} << 20);
    if (auto m = parseMethod(v.method.toStdString())) m_normalization->setMethod(*m);
    m_normalization->setHistogramChannel(v.histogramChannel);
    m_stats->setMapChannel(v.mapChannel);
    if (v.largeFonts) m_largeFonts->setChecked(true);
}

void MainWindow::saveSettings() const {
    ViewSettings v;
    v.geometry = saveGeometry();
    v.splitter = m_splitter->saveState();
    v.dataset = m_chooser->dataset();
    v.split = QString::fromStdString(m_chooser->split());
    v.method = QString::fromStdString(methodName(m_normalization->method()));
    v.histogramChannel = m_normalization->histogramChannel();
    v.mapChannel = m_stats->mapChannel();
    v.thumbnail = m_browser->thumbnailSize();
    v.thumbnailCacheMB = static_cast<int>(m_browser->model()->cacheBytes() >> 20);
    v.largeFonts = m_largeFonts->isChecked();
    v.save();
}

void MainWindow::selectDataset(const QString& id) {
    m_chooser->select(id);
    reload();
}

void MainWindow::reload() {
    DatasetRequest request = m_request;
    request.dataset = m_chooser->dataset().toStdString();
    // A catalog data set that is not on disk: say so, offer the download, show the synthetic
    // digits meanwhile, so the app is useful offline too.
    if (const DatasetAvailability a = datasetAvailability(request.dataset, dataDirOf(request)); !a.found) {
        m_missingDataset = QString::fromStdString(a.id);
        showMessage(tr("%1 is not in %2 (nor in a torchvision layout there, nor in /usr/share/datasets). Showing the "
                       "synthetic digits instead — click Download to fetch it, or Open folder… to use a torchvision "
                       "./data folder.%3")
                        .arg(QString::fromStdString(a.displayName), dataDir(), offlineInstallHint(a)),
                    false);
        m_chooser->offerDownload(tr("Download %1").arg(QString::fromStdString(a.displayName)));
        m_chooser->select(QStringLiteral("synthetic"));
        request.dataset = "synthetic";
    } else if (request.dataset != "synthetic") {
        m_banner->hide();
    }
    setBusy(true);
    statusBar()->showMessage(tr("Loading %1…").arg(QString::fromStdString(request.dataset)));
    m_job->start(request);
}

void MainWindow::showResult(const LoadedDatasetPtr& result) {
    m_current = m_complete = result;
    if (std::exchange(m_countingBanner, false)) m_banner->hide();
    m_shownDataset = m_chooser->dataset();
    m_train->form()->followDataset(m_shownDataset); // until the user picks another there
    setBusy(false);
    m_chooser->setHeldOutSplit(result->images[1]->count() ? QString::fromStdString(result->images[1]->about().split)
                                                          : QString());
    showSplit();
    statusBar()->showMessage(tr("Statistics ready"), 3000);
    // LibTorch loads in the background once the first data has been painted and the window is
    // idle, so the Training tab is ready when the user gets there. Not at once: while glibc loads
    // it, the GUI thread waits for any library or thread of its own (an X11 paint did: the first
    // paint came 0.3 s later under Xvfb).
    QTimer::singleShot(kEngineLoadDelayMs, m_train->engine(), &EngineStatus::load);
}

void MainWindow::showIndex(const LoadedDatasetPtr& index) {
    // An image folder, listed: its images can be browsed while the statistics are counted (the
    // progress bar and Cancel stay); the pages that show statistics wait for showResult.
    m_current = index;
    m_chooser->setHeldOutSplit(index->images[1]->count() ? QString::fromStdString(index->images[1]->about().split)
                                                         : QString());
    showSplit();
    const QString images = QLocale().toString(qulonglong(index->images[0]->count() + index->images[1]->count()));
    statusBar()->showMessage(tr("Counting statistics of %1 images…").arg(images));
    // The greyed pages say nothing themselves: a class should know what it is waiting for.
    m_banner->showMessage(tr("Browse the images while NormLab counts the statistics of %1 images; the "
                             "Normalization and Statistics tabs fill in when it is done (Cancel stops it).")
                              .arg(images),
                          false);
    m_countingBanner = true;
}

void MainWindow::chooseThumbnailCache() {
    bool ok = false;
    const int mb = QInputDialog::getInt(
        this, tr("Thumbnail cache"),
        tr("An image folder's images are decoded as they are shown, and their thumbnails kept\n"
           "in memory up to this size (the least recently seen are dropped first), in MB:"),
        static_cast<int>(m_browser->model()->cacheBytes() >> 20), kMinCacheMB, kMaxCacheMB, 16, &ok);
    if (ok) m_browser->model()->setCacheBytes(qsizetype{mb} << 20);
}

void MainWindow::showSplit() {
    if (!m_current) return;
    const std::string split = currentSplit();
    m_browser->setSplit(m_current, split);
    // The statistics pages wait for the statistics (an image folder is browsed before); they
    // would otherwise show the previous data set beside this one's images.
    m_normalization->setEnabled(m_current->statsReady);
    m_stats->setEnabled(m_current->statsReady);
    if (!m_current->statsReady) return; // showResult shows the rest
    m_normalization->setDataset(m_current, split);
    m_stats->setDataset(m_current, split);
    if (m_browser->model()->rowCount() > 0) m_normalization->setImage(m_browser->model()->imageIndexAt(0));
}

void MainWindow::restoreComplete() {
    // A folder browsed while its statistics were counted goes when they fail or are cancelled:
    // the window goes back to the last data set it showed whole, and the chooser with it.
    if (!m_current || m_current->statsReady) return;
    m_current = m_complete;
    if (!m_current) return;
    m_chooser->setHeldOutSplit(
        m_current->images[1]->count() ? QString::fromStdString(m_current->images[1]->about().split) : QString());
    showSplit();
    if (!m_shownDataset.isEmpty()) m_chooser->select(m_shownDataset);
}

void MainWindow::showFailure(const QString& message) {
    setBusy(false);
    restoreComplete();
    showMessage(message, true);
    // The chooser must name what is shown: a folder whose data could not be read leaves the list
    // and the chooser goes back to the data set on screen.
    const QString failed = m_chooser->dataset();
    m_chooser->removeFolder(failed);
    if (!m_shownDataset.isEmpty()) m_chooser->select(m_shownDataset);
}

void MainWindow::showMessage(const QString& text, bool isError) {
    m_countingBanner = false; // replaced
    m_banner->showMessage(text, isError);
    statusBar()->showMessage(text, kMessageMs);
}

void MainWindow::setBusy(bool busy) {
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) m_progress->setValue(0);
}

void MainWindow::openFolder() {
    const QString folder = FileDialog::instance()->getExistingDirectory(
        this, tr("Open a data set folder: IDX files, a torchvision root, CIFAR, or an image folder"));
    if (folder.isEmpty()) return;
    selectDataset(folder);
}

void MainWindow::openFile() {
    const QString file = FileDialog::instance()->getOpenFileName(
        this, tr("Open NumPy images (x_train.npy with y_train.npy beside it) or a MedMNIST .npz"),
        tr("NumPy data (*.npy *.npz)"));
    if (file.isEmpty()) return;
    selectDataset(file);
}

void MainWindow::downloadMissing() {
    download(m_missingDataset.isEmpty() ? m_chooser->dataset() : m_missingDataset);
}

void MainWindow::download(const QString& datasetId) {
    const DatasetInfo* info = findCatalogDataset(datasetId.toStdString());
    if (!info) {
        showMessage(tr("Only the catalog's data sets can be downloaded (normlab-cli datasets lists them)."), true);
        return;
    }
    if (m_download->isRunning()) return;
    m_missingDataset = datasetId;
    setBusy(true);
    m_download->start(*info, dataDir());
}

void MainWindow::exportStatistics() {
    if (!m_current) return;
    const QString path =
        FileDialog::instance()->getSaveFileName(this, tr("Export statistics"), tr("JSON (*.json);;CSV (*.csv)"));
    if (path.isEmpty()) return;
    try {
        writeStatsFile(path.toStdString(), m_current->statsOf(currentSplit()));
        statusBar()->showMessage(tr("Statistics written to %1").arg(path), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Export failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::exportNumpyMaps() {
    if (!m_current) return;
    const QString dir = FileDialog::instance()->getExistingDirectory(this, tr("Folder for the .npy files"));
    if (dir.isEmpty()) return;
    try {
        writeStatsNpy(m_current->statsOf(currentSplit()), dir.toStdString());
        statusBar()->showMessage(tr("NumPy files written to %1").arg(dir), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Export failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::saveHistogramPlot() {
    const QString path =
        FileDialog::instance()->getSaveFileName(this, tr("Save plot"), tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
    if (path.isEmpty()) return;
    try {
        savePlot(m_normalization->histogram(), path);
        statusBar()->showMessage(tr("Plot saved to %1").arg(path), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Saving the plot failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::savePixelMaps() {
    if (m_current && !m_stats->hasPixelMaps()) { // images of different sizes have none
        showMessage(m_stats->pixelMapsText(), true);
        return;
    }
    const QString path =
        FileDialog::instance()->getSaveFileName(this, tr("Save per-pixel maps (two files: NAME-mean and NAME-std)"),
                                                tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
    if (path.isEmpty()) return;
    try {
        const auto [meanPath, stdPath] = savePlotPair(path, m_stats->meanMap(), QStringLiteral("mean"),
                                                      m_stats->stdMap(), QStringLiteral("std"));
        statusBar()->showMessage(tr("Maps saved: %1 and %2").arg(meanPath, stdPath), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Saving the maps failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::setLargeFonts(bool large) {
    QFont font = m_baseFont;
    if (large) font.setPointSizeF(m_baseFont.pointSizeF() * kLargeFontFactor);
    QApplication::setFont(font);
}

void MainWindow::showAbout() {
    const EngineStatus* engine = m_train->engine();
    auto* box =
        new QMessageBox(QMessageBox::Information, tr("About NormLab"),
                        tr("<b>NormLab %1</b><br>See how input normalization changes image data and "
                           "training.<br><br>Qt %2 (built with %3)<br>%4<br>%5<br><br>"
                           "GPL-3.0-or-later")
                            .arg(QStringLiteral(NORMLAB_VERSION), QString::fromLatin1(qVersion()),
                                 QStringLiteral(QT_VERSION_STR), engine->description().toHtmlEscaped(),
                                 engine->state() == EngineStatus::State::Ready
                                     ? tr("Training devices: %1").arg(engine->devices().join(QStringLiteral(", ")))
                                     : QString()),
                        QMessageBox::Close, this);
    box->setObjectName(QStringLiteral("aboutBox"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open(); // not exec(): the event loop, and training, go on
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    m_job->cancel();
    m_download->cancel();
    event->accept();
}

} // namespace normlab
