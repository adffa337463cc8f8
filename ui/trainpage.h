#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <vector>

#include <QWidget>

#include "core/train/trainconfig.h"
#include "core/train/trainresult.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QSpinBox;
class QTableWidget;
class QVBoxLayout;

namespace normlab {

class CurvePlot;
class TrainJob;

// The training dashboard: a run configuration, the normalizations to compare, live loss and
// accuracy curves side by side (one colour per run everywhere), what the network sees for each
// run, and the lesson's results table, exportable as CSV/JSON and reopenable later.
class TrainPage : public QWidget {
    Q_OBJECT

public:
    using PathChooser = std::function<QString(const QString& title, const QString& filter, bool save)>;

    explicit TrainPage(QWidget* parent = nullptr);

    // The data directory training reads from (empty: the default); refreshes the data set list.
    void setDataDir(const std::filesystem::path& dataDir);
    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    std::vector<Method> methods() const;
    void setMethods(const std::vector<Method>& methods);
    void setPathChooser(PathChooser chooser) { m_choosePath = std::move(chooser); }

    TrainJob* job() const { return m_job; }
    CurvePlot* lossPlot() const { return m_loss; }
    CurvePlot* accuracyPlot() const { return m_accuracy; }
    QTableWidget* runsTable() const { return m_runs; }
    QTableWidget* resultsTable() const { return m_results; }
    std::vector<RunResult> results() const;
    QString runState(int run) const;

public Q_SLOTS:
    void start();
    void stopAll();
    void stopSelectedRun();
    void applyLessonPreset();
    void exportResults();
    void openResults();
    void savePlots();

private:
    void buildForm(QVBoxLayout* layout);
    void resetRuns(const std::vector<TrainConfig>& configs);
    void addRun(int run, const QString& name, const QColor& color);
    void setRunState(int run, const QString& state);
    void addResultRow(const RunResult& run, const EpochMetric& epoch);
    void showSamples(int run, const QString& name, const std::vector<std::vector<float>>& samples, int w, int h);
    void showResults(const std::vector<RunResult>& runs);

    TrainJob* m_job;
    PathChooser m_choosePath;
    std::map<int, RunResult> m_finished;
    std::vector<TrainConfig> m_configs;
    std::filesystem::path m_dataDir;
    QComboBox* m_dataset;
    QSpinBox* m_limit;
    QComboBox* m_model;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_lr;
    QSpinBox* m_batch;
    QSpinBox* m_epochs;
    QSpinBox* m_seed;
    QComboBox* m_device;
    QLabel* m_deviceNote;
    std::vector<QCheckBox*> m_methodChecks;
    QTableWidget* m_runs;
    CurvePlot* m_loss;
    CurvePlot* m_accuracy;
    QVBoxLayout* m_samples;
    QTableWidget* m_results;
    QLabel* m_message;
};

} // namespace normlab
