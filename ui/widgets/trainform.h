#pragma once

#include <filesystem>
#include <vector>

#include <QWidget>

#include "core/session/experimentbuilder.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/config/trainconfig.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace normlab {

class EngineStatus;
class GridTable;

// The training page's form: data set, model, optimizer and the other settings of a run, the
// normalizations to compare, other options to vary (a grid, like the lesson's RunBuilder), the
// number of seeds with the resulting count of runs, and the Lesson / Start / Stop buttons. It only
// edits an experiment; the page decides what a button does.
class TrainForm : public QWidget {
    Q_OBJECT

public:
    explicit TrainForm(QWidget* parent = nullptr);

    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    std::vector<Method> methods() const;
    void setMethods(const std::vector<Method>& methods);
    int seeds() const;
    void setSeeds(int seeds);
    GridTable* gridTable() const { return m_grid; }
    // Everything the form says, checked by the session's ExperimentBuilder: config(), the grid (the
    // varied options, then the checked normalizations as the `normalize` axis, as `train --vary …
    // --compare …` builds it), seeds; with the runs it expands to. Throws Error saying what is wrong:
    // no normalization ticked, a setting validateConfig refuses, or a value of the grid.
    ComparisonPlan plan() const;
    Experiment experiment() const; // plan().experiment
    // Shows an experiment file's settings; a normalize axis becomes the checkboxes (in their order).
    void setExperiment(const Experiment& experiment);
    // The lesson's experiment (core's lessonPreset/lessonMethods) with `seeds` seeds.
    void applyLessonPreset(int seeds);
    std::vector<GridRun> runs() const; // plan().runs
    // "2 configurations × 3 seeds = 6 runs", or what is wrong with the grid.
    QString runCountText() const;
    // How long the runs take on this machine (TrainEstimate), under the count of runs.
    void setEstimate(const QString& text);
    QString estimate() const;
    // The data set the window shows: the form trains on it too, until the user picks another in
    // the form or a configuration is set (the lesson, an experiment file); then that stays. A data
    // set the form's list does not hold (an opened folder) is not followed.
    void followDataset(const QString& id);
    // The data directory training reads from (empty: the default); refreshes the data set list.
    void setDataDir(const std::filesystem::path& dataDir);
    void refreshDatasets();

    // While a comparison runs, Start is disabled and Stop all enabled; "Stop run" names the run it
    // stops and is disabled when there is none.
    void setRunning(bool running);
    // The devices the training engine offers, and its description as the device tooltip.
    void showEngine(const EngineStatus& engine);
    void setStopRunTarget(const QString& runName);

private:
    void updateRunCount();

Q_SIGNALS:
    void lessonRequested();
    void startRequested();
    void stopRunRequested();
    void stopAllRequested();
    // Anything the runs or their cost depend on changed (count, epochs, model, data …).
    void planChanged();

private:
    std::filesystem::path m_dataDir;
    bool m_datasetPicked = false; // the user chose the form's data set: it no longer follows the window
    QComboBox* m_dataset;
    QSpinBox* m_limit;
    QComboBox* m_model;
    QComboBox* m_optimizer;
    QDoubleSpinBox* m_lr;
    QSpinBox* m_batch;
    QSpinBox* m_epochs;
    QSpinBox* m_seed;
    QSpinBox* m_seeds;
    GridTable* m_grid;
    QLabel* m_runCount;
    QLabel* m_estimate;
    QComboBox* m_device;
    std::vector<QCheckBox*> m_methodChecks;
    QPushButton* m_start;
    QPushButton* m_stopRun;
    QPushButton* m_stopAll;
};

} // namespace normlab
