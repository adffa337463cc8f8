#pragma once

#include <QMainWindow>

#include "core/data/datasetopener.h"
#include "ui/loadedsplit.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace normlab {

class StatsJob;
class StatsSummaryTable;

// NormLab's main window: choose a data set and split, see its size and exact statistics under
// every normalization. All loading and statistics run on a worker (StatsJob).
class MainWindow : public QMainWindow {
    Q_OBJECT

public:
    // `defaults` supplies the data directory, seed and image limit; the data set and split come
    // from the last session (QSettings) unless `defaults.dataset` is not "auto".
    explicit MainWindow(const DatasetRequest& defaults = {}, QWidget* parent = nullptr);
    ~MainWindow() override;

    const LoadedSplitPtr& current() const { return m_current; }
    StatsJob* statsJob() const { return m_job; }

public Q_SLOTS:
    void reload();

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void buildUi();
    void showResult(const LoadedSplitPtr& result);
    void showFailure(const QString& message);
    void setBusy(bool busy);
    void restoreSettings(const DatasetRequest& defaults);
    void saveSettings() const;

    DatasetRequest m_request;
    StatsJob* m_job = nullptr;
    LoadedSplitPtr m_current;
    QComboBox* m_dataset = nullptr;
    QComboBox* m_split = nullptr;
    QLabel* m_summary = nullptr;
    QLineEdit* m_torchvisionLine = nullptr;
    StatsSummaryTable* m_table = nullptr;
    QProgressBar* m_progress = nullptr;
    QPushButton* m_cancel = nullptr;
};

} // namespace normlab
