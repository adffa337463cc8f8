#pragma once

#include <functional>

#include <QMainWindow>

#include "core/data/datasetopener.h"
#include "ui/loadeddataset.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSplitter;
class QTabWidget;

namespace normlab {

class DownloadJob;
class ImageBrowser;
class NormalizationPage;
class StatsJob;
class StatsPage;
class TrainPage;

// NormLab's main window: choose a data set and split, browse its images, see each image and the
// data set before and after a normalization, read exact statistics, export them. Loading,
// statistics and downloads run on workers; the GUI thread only shows results.
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // Asks for a file or folder; returns an empty string when the user cancels. Replaced in
    // tests, which cannot answer a modal dialog.
    using PathChooser = std::function<QString(const QString& title, const QString& filter, bool directory)>;

    // `defaults` supplies the data directory, seed and image limit; the data set and split come
    // from the last session (QSettings) unless `defaults.dataset` is not "auto".
    explicit MainWindow(const DatasetRequest& defaults = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    const LoadedDatasetPtr& current() const { return m_current; }
    std::string currentSplit() const;
    StatsJob* statsJob() const { return m_job; }
    DownloadJob* downloadJob() const { return m_download; }
    ImageBrowser* browser() const { return m_browser; }
    NormalizationPage* normalizationPage() const { return m_normalization; }
    StatsPage* statsPage() const { return m_stats; }
    TrainPage* trainPage() const { return m_train; }
    QTabWidget* tabs() const { return m_tabs; }
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }

public Q_SLOTS:
    void reload();
    void openFolder();
    void downloadMissing();
    void exportStatistics();
    void exportNumpyMaps();
    void saveHistogramPlot();
    void savePixelMaps();
    void setLargeFonts(bool large);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void buildMenus();
    // Rebuilds the data set lists (main chooser and training page) from where data is found now.
    void refreshDatasetLists();
    void showResult(const LoadedDatasetPtr& result);
    void showFailure(const QString& message);
    void showSplit();
    void showMessage(const QString& text, bool isError);
    void setBusy(bool busy);
    void selectDataset(const QString& id);
    void restoreSettings(const DatasetRequest& defaults);
    void saveSettings() const;
    QString dataDir() const;

    DatasetRequest m_request;
    StatsJob* m_job = nullptr;
    DownloadJob* m_download = nullptr;
    LoadedDatasetPtr m_current;
    QString m_missingDataset; // catalog data set that was asked for but is not on disk
    PathChooser m_choosePath;
    QComboBox* m_dataset = nullptr;
    QComboBox* m_split = nullptr;
    QPushButton* m_downloadButton = nullptr;
    QLabel* m_banner = nullptr;
    QSplitter* m_splitter = nullptr;
    ImageBrowser* m_browser = nullptr;
    QTabWidget* m_tabs = nullptr;
    NormalizationPage* m_normalization = nullptr;
    StatsPage* m_stats = nullptr;
    TrainPage* m_train = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
    QFont m_baseFont;
};

} // namespace normlab
