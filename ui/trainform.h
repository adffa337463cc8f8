#pragma once

#include <filesystem>
#include <vector>

#include <QWidget>

#include "core/train/trainconfig.h"

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace normlab {

class EngineStatus;

// The training page's form: data set, model, optimizer and the other settings of a run, the
// normalizations to compare, and the Lesson / Start / Stop buttons. It only edits a
// configuration; the page decides what a button does.
class TrainForm : public QWidget {
    Q_OBJECT

public:
    explicit TrainForm(QWidget* parent = nullptr);

    TrainConfig config() const;
    void setConfig(const TrainConfig& config);
    std::vector<Method> methods() const;
    void setMethods(const std::vector<Method>& methods);
    // The lesson's experiment (core's lessonPreset/lessonMethods): the button and the menu action.
    void applyLessonPreset();
    // The data directory training reads from (empty: the default); refreshes the data set list.
    void setDataDir(const std::filesystem::path& dataDir);
    void refreshDatasets();

    // While a comparison runs, Start is disabled and Stop all enabled; "Stop run" names the run it
    // stops and is disabled when there is none.
    void setRunning(bool running);
    // The devices the training engine offers, and its description as the device tooltip.
    void showEngine(const EngineStatus& engine);
    void setStopRunTarget(const QString& runName);

Q_SIGNALS:
    void startRequested();
    void stopRunRequested();
    void stopAllRequested();

private:
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
    std::vector<QCheckBox*> m_methodChecks;
    QPushButton* m_start;
    QPushButton* m_stopRun;
    QPushButton* m_stopAll;
};

} // namespace normlab
