#include "ui/mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QVBoxLayout>

#include "core/data/datasetcatalog.h"
#include "core/data/datasetlisting.h"
#include "core/data/datasetlocator.h"
#include "core/export/atomicfile.h"
#include "core/export/statsexport.h"
#include "ui/datasetcombo.h"
#include "ui/downloadjob.h"
#include "ui/histogramplot.h"
#include "ui/imagebrowser.h"
#include "ui/imagelistmodel.h"
#include "ui/normalizationpage.h"
#include "ui/pixelmapplot.h"
#include "ui/plotexport.h"
#include "ui/statsjob.h"
#include "ui/statspage.h"
#include "ui/trainpage.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;
constexpr double kLargeFontFactor = 1.5; // projector mode
constexpr int kMessageMs = 6000;

QString folderItemText(const QString& path) {
    return QObject::tr("Folder: %1").arg(QDir(path).dirName());
}

} // namespace

MainWindow::MainWindow(const DatasetRequest& defaults, QWidget* parent)
    : QMainWindow(parent), m_request(defaults), m_job(new StatsJob(this)), m_download(new DownloadJob(this)),
      m_baseFont(QApplication::font()) {
    setWindowTitle(QStringLiteral("NormLab"));
    m_choosePath = [this](const QString& title, const QString& filter, bool directory) {
        // QFileDialog asks before overwriting an existing file.
        return directory ? QFileDialog::getExistingDirectory(this, title)
                         : QFileDialog::getSaveFileName(this, title, QString(), filter);
    };
    buildUi();
    buildMenus();
    refreshDatasetLists();
    restoreSettings(defaults);

    connect(m_job, &StatsJob::progressChanged, this,
            [this](double f) { m_progress->setValue(static_cast<int>(f * kProgressSteps)); });
    connect(m_job, &StatsJob::finished, this, &MainWindow::showResult);
    connect(m_job, &StatsJob::failed, this, &MainWindow::showFailure);
    connect(m_job, &StatsJob::cancelled, this, [this] {
        setBusy(false);
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
        m_downloadButton->hide();
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
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &MainWindow::reload);
    connect(m_split, &QComboBox::currentIndexChanged, this, &MainWindow::showSplit);
    connect(m_browser, &ImageBrowser::imageSelected, m_normalization, &NormalizationPage::setImage);
    connect(m_downloadButton, &QPushButton::clicked, this, &MainWindow::downloadMissing);
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* chooser = new QHBoxLayout;
    m_dataset = new QComboBox(central);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_split = new QComboBox(central);
    m_split->setObjectName(QStringLiteral("splitCombo"));
    m_split->addItem(tr("train"), QStringLiteral("train"));
    m_split->addItem(tr("test"), QStringLiteral("test"));
    auto* open = new QPushButton(tr("Open folder…"), central);
    open->setObjectName(QStringLiteral("openFolderButton"));
    connect(open, &QPushButton::clicked, this, &MainWindow::openFolder);
    m_downloadButton = new QPushButton(tr("Download"), central);
    m_downloadButton->setObjectName(QStringLiteral("downloadButton"));
    m_downloadButton->hide();
    chooser->addWidget(new QLabel(tr("Data set:"), central));
    chooser->addWidget(m_dataset);
    chooser->addWidget(new QLabel(tr("Split:"), central));
    chooser->addWidget(m_split);
    chooser->addWidget(open);
    chooser->addWidget(m_downloadButton);
    chooser->addStretch();
    layout->addLayout(chooser);

    m_banner = new QLabel(central);
    m_banner->setObjectName(QStringLiteral("messageBanner"));
    m_banner->setWordWrap(true);
    m_banner->hide();
    layout->addWidget(m_banner);

    m_splitter = new QSplitter(Qt::Horizontal, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_browser = new ImageBrowser(m_splitter);
    m_tabs = new QTabWidget(m_splitter);
    m_tabs->setObjectName(QStringLiteral("viewTabs"));
    m_normalization = new NormalizationPage(m_tabs);
    m_stats = new StatsPage(m_tabs);
    m_tabs->addTab(m_normalization, tr("&Normalization"));
    m_train = new TrainPage(m_tabs);
    m_train->setObjectName(QStringLiteral("trainPage"));
    m_tabs->addTab(m_stats, tr("&Statistics"));
    m_tabs->addTab(m_train, tr("&Training"));
    m_splitter->addWidget(m_browser);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(1, 2);
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
    resize(1200, 760);
}

void MainWindow::buildMenus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open folder…"), QKeySequence::Open, this, &MainWindow::openFolder);
    file->addAction(tr("&Download data set"), this, &MainWindow::downloadMissing);
    file->addSeparator();
    file->addAction(tr("&Export statistics (JSON/CSV)…"), QKeySequence(tr("Ctrl+E")), this,
                    &MainWindow::exportStatistics);
    file->addAction(tr("Export &NumPy maps…"), this, &MainWindow::exportNumpyMaps);
    file->addAction(tr("&Save histogram plot (PNG/PDF/SVG)…"), QKeySequence::Save, this,
                    &MainWindow::saveHistogramPlot);
    file->addAction(tr("Save &per-pixel maps (PNG/PDF/SVG)…"), this, &MainWindow::savePixelMaps);
    file->addSeparator();
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &MainWindow::reload);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(tr("&Normalization"), QKeySequence(tr("Ctrl+1")), this, [this] { m_tabs->setCurrentIndex(0); });
    view->addAction(tr("&Statistics"), QKeySequence(tr("Ctrl+2")), this, [this] { m_tabs->setCurrentIndex(1); });
    view->addAction(tr("&Training"), QKeySequence(tr("Ctrl+3")), this, [this] { m_tabs->setCurrentIndex(2); });
    QAction* large = view->addAction(tr("&Larger fonts (projector)"));
    large->setObjectName(QStringLiteral("largeFontsAction"));
    large->setCheckable(true);
    large->setShortcut(QKeySequence(tr("Ctrl+L")));
    connect(large, &QAction::toggled, this, &MainWindow::setLargeFonts);
}

void MainWindow::refreshDatasetLists() {
    const auto choices = listDatasets(dataDirOf(m_request));
    fillDatasetCombo(m_dataset, choices);
    m_train->setDataDir(m_request.dataDir);
}

QString MainWindow::dataDir() const {
    return QString::fromStdString((m_request.dataDir.empty() ? defaultDataDir() : m_request.dataDir).string());
}

std::string MainWindow::currentSplit() const {
    return m_split->currentData().toString().toStdString();
}

void MainWindow::restoreSettings(const DatasetRequest& defaults) {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    QString dataset = settings.value(QStringLiteral("data/dataset")).toString();
    if (defaults.dataset != "auto") dataset = QString::fromStdString(defaults.dataset);
    if (dataset.isEmpty()) dataset = QString::fromStdString(resolveDatasetId(defaults));
    const QSignalBlocker blockDataset(m_dataset), blockSplit(m_split);
    if (m_dataset->findData(dataset) < 0 && QDir(dataset).exists())
        m_dataset->addItem(folderItemText(dataset), dataset);
    const int index = m_dataset->findData(dataset);
    m_dataset->setCurrentIndex(index >= 0 ? index : m_dataset->findData(QStringLiteral("synthetic")));
    const int split = m_split->findData(settings.value(QStringLiteral("data/split"), QStringLiteral("train")));
    m_split->setCurrentIndex(split >= 0 ? split : 0);
    m_browser->setThumbnailSize(settings.value(QStringLiteral("view/thumbnail"), 56).toInt());
    if (auto m = parseMethod(
            settings.value(QStringLiteral("view/method"), QStringLiteral("zscore")).toString().toStdString()))
        m_normalization->setMethod(*m);
    if (settings.value(QStringLiteral("view/largeFonts"), false).toBool())
        findChild<QAction*>(QStringLiteral("largeFontsAction"))->setChecked(true);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("data/dataset"), m_dataset->currentData());
    settings.setValue(QStringLiteral("data/split"), m_split->currentData());
    settings.setValue(QStringLiteral("view/thumbnail"), m_browser->thumbnailSize());
    settings.setValue(QStringLiteral("view/method"), QString::fromStdString(methodName(m_normalization->method())));
    settings.setValue(QStringLiteral("view/largeFonts"),
                      findChild<QAction*>(QStringLiteral("largeFontsAction"))->isChecked());
}

void MainWindow::selectDataset(const QString& id) {
    const int index = m_dataset->findData(id);
    if (index == m_dataset->currentIndex())
        reload();
    else
        m_dataset->setCurrentIndex(index);
}

void MainWindow::reload() {
    DatasetRequest request = m_request;
    request.dataset = m_dataset->currentData().toString().toStdString();
    // A catalog data set that is not on disk: say so, offer the download, show the synthetic
    // digits meanwhile, so the app is useful offline too.
    if (const DatasetInfo* info = findCatalogDataset(request.dataset);
        info && !locateCatalogDataset(*info, dataDirOf(request))) {
        m_missingDataset = QString::fromStdString(info->id);
        const QString apt = info->debianPackage.empty()
                                ? QString()
                                : tr(" Offline? 'sudo apt-get install %1' installs it from Debian.")
                                      .arg(QString::fromStdString(info->debianPackage));
        showMessage(tr("%1 is not in %2 (nor in a torchvision layout there, nor in /usr/share/datasets). Showing the "
                       "synthetic digits instead — click Download to fetch it, or Open folder… to use a torchvision "
                       "./data folder.%3")
                        .arg(QString::fromStdString(info->displayName), dataDir(), apt),
                    false);
        m_downloadButton->setText(tr("Download %1").arg(QString::fromStdString(info->displayName)));
        m_downloadButton->show();
        const QSignalBlocker block(m_dataset);
        m_dataset->setCurrentIndex(m_dataset->findData(QStringLiteral("synthetic")));
        request.dataset = "synthetic";
    } else if (request.dataset != "synthetic") {
        m_banner->hide();
    }
    setBusy(true);
    statusBar()->showMessage(tr("Loading %1…").arg(m_dataset->currentText()));
    m_job->start(request);
}

void MainWindow::showResult(const LoadedDatasetPtr& result) {
    m_current = result;
    setBusy(false);
    showSplit();
    statusBar()->showMessage(tr("Statistics ready"), 3000);
}

void MainWindow::showSplit() {
    if (!m_current) return;
    const std::string split = currentSplit();
    m_browser->setSplit(m_current, split);
    m_normalization->setDataset(m_current, split);
    m_stats->setDataset(m_current, split);
    if (m_browser->model()->rowCount() > 0) m_normalization->setImage(m_browser->model()->imageIndexAt(0));
}

void MainWindow::showFailure(const QString& message) {
    setBusy(false);
    showMessage(message, true);
}

void MainWindow::showMessage(const QString& text, bool isError) {
    m_banner->setText(text);
    m_banner->setStyleSheet(isError ? QStringLiteral("QLabel { background: #fde2e1; color: #7a1010; padding: 6px; }")
                                    : QStringLiteral("QLabel { background: #fff4d6; color: #5a4300; padding: 6px; }"));
    m_banner->show();
    statusBar()->showMessage(text, kMessageMs);
}

void MainWindow::setBusy(bool busy) {
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy) m_progress->setValue(0);
}

void MainWindow::openFolder() {
    const QString folder = m_choosePath(tr("Open a folder of IDX files or a torchvision data folder"), {}, true);
    if (folder.isEmpty()) return;
    if (m_dataset->findData(folder) < 0) m_dataset->addItem(folderItemText(folder), folder);
    selectDataset(folder);
}

void MainWindow::downloadMissing() {
    QString id = m_missingDataset;
    if (id.isEmpty()) id = m_dataset->currentData().toString();
    const DatasetInfo* info = findCatalogDataset(id.toStdString());
    if (!info) {
        showMessage(tr("Only MNIST and FashionMNIST can be downloaded."), true);
        return;
    }
    m_missingDataset = id;
    setBusy(true);
    m_download->start(*info, dataDir());
}

void MainWindow::exportStatistics() {
    if (!m_current) return;
    const QString path = m_choosePath(tr("Export statistics"), tr("JSON (*.json);;CSV (*.csv)"), false);
    if (path.isEmpty()) return;
    try {
        const SplitStats& stats = m_current->statsOf(currentSplit());
        const std::string text =
            path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive) ? statsToCsv(stats) : statsToJson(stats);
        writeFileAtomically(path.toStdString(), text);
        statusBar()->showMessage(tr("Statistics written to %1").arg(path), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Export failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::exportNumpyMaps() {
    if (!m_current) return;
    const QString dir = m_choosePath(tr("Folder for the .npy files"), {}, true);
    if (dir.isEmpty()) return;
    try {
        writeStatsNpy(m_current->statsOf(currentSplit()), dir.toStdString());
        statusBar()->showMessage(tr("NumPy files written to %1").arg(dir), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Export failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::saveHistogramPlot() {
    const QString path = m_choosePath(tr("Save plot"), tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"), false);
    if (path.isEmpty()) return;
    try {
        savePlot(m_normalization->histogram(), path);
        statusBar()->showMessage(tr("Plot saved to %1").arg(path), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Saving the plot failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::savePixelMaps() {
    const QString path = m_choosePath(tr("Save per-pixel maps (the std map gets -std)"),
                                      tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"), false);
    if (path.isEmpty()) return;
    try {
        const QFileInfo info(path);
        savePlot(m_stats->meanMap(), path);
        savePlot(m_stats->stdMap(),
                 info.dir().filePath(info.completeBaseName() + QStringLiteral("-std.") + info.suffix()));
        statusBar()->showMessage(tr("Maps saved beside %1").arg(path), kMessageMs);
    } catch (const std::exception& e) {
        showMessage(tr("Saving the maps failed: %1").arg(QString::fromStdString(e.what())), true);
    }
}

void MainWindow::setLargeFonts(bool large) {
    QFont font = m_baseFont;
    if (large) font.setPointSizeF(m_baseFont.pointSizeF() * kLargeFontFactor);
    QApplication::setFont(font);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    m_job->cancel();
    m_download->cancel();
    event->accept();
}

} // namespace normlab
