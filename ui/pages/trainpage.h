#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include <QWidget>

#include "core/session/comparisonresults.h"
#include "core/train/config/trainconfig.h"
#include "core/train/config/trainresult.h"

class QLabel;
class QProgressBar;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace normlab {

class BandPlot;
class CurvePlot;
class EngineStatus;
class EpochResultsModel;
class RunsModel;
class SeedSummaryModel;
class SampleStrip;
class TrainCurves;
class TrainFileActions;
class TrainEstimate;
class TrainForm;
class TrainJob;

// The training dashboard: the form (TrainForm), the curves (TrainCurves), what the network sees
// for each run (SampleStrip), the runs, the lesson's results table and mean ± std over seeds with a
// plain verdict on noise; its files go through TrainFileActions. The page lays these out and
// wires them: every run lives in one ComparisonResults (the session layer's store), which the
// training job's signals and reopened files feed through the same calls, and which the models
// and curves only show.
class TrainPage : public QWidget {
    Q_OBJECT

public:
    explicit TrainPage(QWidget* parent = nullptr);

    TrainForm* form() const { return m_form; }
    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    std::vector<Method> methods() const;
    void setMethods(const std::vector<Method>& methods);
    void setDataDir(const std::filesystem::path& dataDir);
    void refreshDatasets();

    TrainJob* job() const { return m_job; }
    // The training engine: loaded in the background the first time this page is shown.
    EngineStatus* engine() const { return m_engine; }
    const ComparisonResults& comparison() const { return m_results; }
    TrainCurves* curves() const { return m_curves; }
    CurvePlot* lossPlot() const;
    CurvePlot* accuracyPlot() const;
    BandPlot* lossBands() const;
    BandPlot* accuracyBands() const;
    const RunsModel* runsModel() const { return m_runsModel; }
    const EpochResultsModel* resultsModel() const { return m_resultsModel; }
    const SeedSummaryModel* seedSummaryModel() const { return m_seedModel; }
    // Whether the plots show each run, or each configuration's mean and band over its seeds.
    bool showingBands() const;
    void setShowingBands(bool bands);
    // The verdicts on noise: one sentence per pair of configurations (core's compareGroups).
    QString verdictText() const;
    // The runs that have ended, as an export writes them.
    std::vector<RunResult> results() const;
    QString runState(int run) const;
    QString message() const;
    TrainEstimate* estimate() const { return m_estimate; }

public Q_SLOTS:
    void start();
    void stopAll();
    void stopRun();
    void applyLessonPreset();
    void openExperiment();
    void saveExperiment();
    void exportPython();
    void exportResults();
    void openResults();
    void savePlots();

Q_SIGNALS:
    // A start needs a catalog data set that is not on this machine: the main window offers the
    // download (its progress bar and Cancel are in the status bar).
    void downloadRequested(const QString& datasetId);

protected:
    void showEvent(QShowEvent* event) override;

private:
    QWidget* buildFormColumn();
    QWidget* buildResultsColumn();
    void connectJob();
    void engineChanged();
    void resultsReplaced();
    void summaryChanged();
    // The form's time estimate follows the plan (after a short pause in typing).
    void updateEstimate();
    QString deviceKindFor(const TrainConfig& config) const;
    void setMessage(const QString& text);
    void updateStopTarget();
    int stopTarget() const;

    ComparisonResults m_results; // every run on screen: the one copy
    std::optional<ComparisonPlan> m_pending; // what the job will train once its data has loaded
    EngineStatus* m_engine;
    TrainJob* m_job;
    TrainForm* m_form;
    RunsModel* m_runsModel;
    EpochResultsModel* m_resultsModel;
    SeedSummaryModel* m_seedModel;
    TrainCurves* m_curves;
    TrainFileActions* m_files;
    TrainEstimate* m_estimate;
    QTimer* m_estimateDelay;
    QTableView* m_runs = nullptr;
    QTabWidget* m_tables = nullptr;
    QLabel* m_verdict = nullptr;
    SampleStrip* m_samples = nullptr;
    QProgressBar* m_progress = nullptr;
    QLabel* m_message = nullptr;
    QPushButton* m_download = nullptr;
    QString m_missingDataset;
    bool m_failed = false;
    bool m_startWhenLoaded = false; // Start was pressed while the engine loaded
};

} // namespace normlab
