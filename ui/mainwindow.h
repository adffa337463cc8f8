#pragma once

#include <QMainWindow>

#include "core/data/datasetopener.h"
#include "ui/models/loadeddataset.h"

class QAction;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace normlab {

class DatasetChooser;
class DownloadJob;
class ImageBrowser;
class MessageBanner;
class NormalizationPage;
class StatsJob;
class StatsPage;
class TrainPage;

// NormLab's main window: choose a data set and split, browse its images, see each image and the
// data set before and after a normalization, read exact statistics, export them, train. Loading,
// statistics, downloads and training run on workers; the GUI thread only shows results. Every
// menu action has an object name, so tests trigger the real actions.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // `defaults` supplies the data directory, seed and image limit; the data set and split come
    // from the last session (QSettings) unless `defaults.dataset` is not "auto".
    explicit MainWindow(const DatasetRequest& defaults = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    const LoadedDatasetPtr& current() const { return m_current; }
    std::string currentSplit() const;
    StatsJob* statsJob() const { return m_job; }
    DownloadJob* downloadJob() const { return m_download; }
    ImageBrowser* browser() const { return m_browser; }
    // Shows a data set: a catalog id, "synthetic", or a folder or file path (as File > Open does).
    void selectDataset(const QString& id);
    NormalizationPage* normalizationPage() const { return m_normalization; }
    StatsPage* statsPage() const { return m_stats; }
    TrainPage* trainPage() const { return m_train; }
    QTabWidget* tabs() const { return m_tabs; }
    DatasetChooser* chooser() const { return m_chooser; }
    MessageBanner* banner() const { return m_banner; }

public Q_SLOTS:
    void reload();
    void openFolder();
    void openFile();
    void downloadMissing();
    void download(const QString& datasetId);
    void exportStatistics();
    void exportNumpyMaps();
    void saveHistogramPlot();
    void savePixelMaps();
    void setLargeFonts(bool large);
    void showAbout();
    void chooseThumbnailCache();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    QAction* addAction(QMenu* menu, const QString& objectName, const QString& text, const QKeySequence& shortcut,
                       void (MainWindow::*slot)());
    // Rebuilds the data set lists (main chooser and training page) from where data is found now.
    void refreshDatasetLists();
    void showIndex(const LoadedDatasetPtr& index);
    void showResult(const LoadedDatasetPtr& result);
    void showFailure(const QString& message);
    void restoreComplete();
    void showSplit();
    void showMessage(const QString& text, bool isError);
    void setBusy(bool busy);
    void restoreSettings(const DatasetRequest& defaults);
    void saveSettings() const;
    void fitToScreen();
    QString dataDir() const;

    DatasetRequest m_request;
    StatsJob* m_job = nullptr;
    DownloadJob* m_download = nullptr;
    LoadedDatasetPtr m_current;  // shown now: complete, or a folder's index while it is counted
    LoadedDatasetPtr m_complete; // the last one shown with its statistics
    bool m_countingBanner = false; // the banner says a folder's statistics are being counted
    QString m_missingDataset; // catalog data set that was asked for but is not on disk
    QString m_shownDataset;   // what the window shows now (the chooser goes back to it on failure)
    DatasetChooser* m_chooser = nullptr;
    MessageBanner* m_banner = nullptr;
    QSplitter* m_splitter = nullptr;
    ImageBrowser* m_browser = nullptr;
    QTabWidget* m_tabs = nullptr;
    NormalizationPage* m_normalization = nullptr;
    StatsPage* m_stats = nullptr;
    TrainPage* m_train = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QAction* m_largeFonts = nullptr;
    QFont m_baseFont;
};

} // namespace normlab
