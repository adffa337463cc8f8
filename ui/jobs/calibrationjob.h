#pragma once

#include <QObject>
#include <QString>

#include "core/train/config/trainconfig.h"
#include "ui/jobs/jobrunner.h"

namespace normlab {

// Times a configuration's epoch on this machine before any run (core/session/epochtime.h): loads
// its data and trains a few batches on a worker thread. A new start replaces a calibration still
// running (the form changed again); nothing it does reaches the comparison's results.
class CalibrationJob : public QObject {
    Q_OBJECT

public:
    explicit CalibrationJob(QObject* parent = nullptr);

    void start(const TrainConfig& config);
    void cancel() { m_runner.cancel(); }
    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    // deviceKind: "cpu" or "cuda", what the configuration's device resolved to.
    void calibrated(const normlab::TrainConfig& config, const QString& deviceKind, double epochSeconds);
    void failed(const QString& message);

private:
    JobRunner m_runner{JobRunner::Policy::Replace};
};

} // namespace normlab
