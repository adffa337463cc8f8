#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <vector>

#include <QWidget>

#include "core/train/experiment/experimentfile.h"
#include "core/train/config/trainconfig.h"
#include "core/train/config/trainresult.h"
#include "ui/jobs/jobrunner.h"

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace normlab {

class BandPlot;
class CurvePlot;
class EngineStatus;
class EpochResultsModel;
class RunsModel;
class SeedSummaryModel;
class SampleStrip;
class TrainForm;
class TrainJob;

// The training dashboard: the form (TrainForm), live loss and accuracy curves side by side (one
// colour per run everywhere) or, over seeds, each configuration's mean with a min–max band
// (BandPlot), what the network sees for each run (SampleStrip), the runs, the lesson's results
// table (RunsModel, EpochResultsModel) and mean ± std over seeds with a plain verdict on noise
// (SeedSummaryModel, core's compareGroups), exportable and reopenable; experiment files open,
// save and export as a Python script. Live signals and reopened files feed the models through the
// same calls.
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
    CurvePlot* lossPlot() const { return m_loss; }
    CurvePlot* accuracyPlot() const { return m_accuracy; }
    const RunsModel* runsModel() const { return m_runsModel; }
    const EpochResultsModel* resultsModel() const { return m_resultsModel; }
    const SeedSummaryModel* seedSummaryModel() const { return m_seedModel; }
    BandPlot* lossBands() const { return m_lossBands; }
    BandPlot* accuracyBands() const { return m_accuracyBands; }
    // Whether the plots show each run, or each configuration's mean and band over its seeds.
    bool showingBands() const;
    void setShowingBands(bool bands);
    // The verdicts on noise: one sentence per pair of configurations (core's compareGroups).
    QString verdictText() const;
    std::vector<RunResult> results() const;
    QString runState(int run) const;
    QString message() const;

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
    void connectJob();
    void engineChanged();
    void resetRuns(const std::vector<TrainConfig>& configs, const std::vector<QString>& names);
    void addEpoch(int run, const EpochMetric& epoch);
    void runEnded(const RunResult& result);
    void refreshSeedSummary();
    void rememberEpochTime(int run, const EpochMetric& epoch);
    void showResults(const std::vector<RunResult>& runs);
    void setMessage(const QString& text);
    void updateStopTarget();
    int stopTarget() const;

    EngineStatus* m_engine;
    TrainJob* m_job;
    TrainForm* m_form;
    RunsModel* m_runsModel;
    EpochResultsModel* m_resultsModel;
    SeedSummaryModel* m_seedModel;
    std::vector<TrainConfig> m_pending; // what the running job will train once its data is loaded
    std::vector<QString> m_pendingNames;
    std::optional<Experiment> m_experiment; // what the runs on screen came from, for their results file
    Experiment m_pendingExperiment;
    JobRunner m_scriptRunner{JobRunner::Policy::Refuse}; // loads the data an exported script needs
    std::map<int, RunResult> m_finished;
    std::vector<RunResult> m_live; // every run so far, finished or not: what the seed summary groups
    QTableView* m_runs;
    CurvePlot* m_loss;
    CurvePlot* m_accuracy;
    BandPlot* m_lossBands;
    BandPlot* m_accuracyBands;
    QStackedWidget* m_plotStack;
    QComboBox* m_plotView;
    QTabWidget* m_tables;
    QLabel* m_verdict;
    SampleStrip* m_samples;
    QTableView* m_results;
    QProgressBar* m_progress;
    QLabel* m_message;
    QPushButton* m_download;
    QString m_missingDataset;
    bool m_failed = false;
    bool m_startWhenLoaded = false; // Start was pressed while the engine loaded
};

} // namespace normlab
