#include "ui/jobs/calibrationjob.h"

#include "core/session/epochtime.h"
#include "core/train/config/trainingdata.h"
#include "core/train/engine/engineloader.h"
#include "core/train/engine/trainengine.h"

namespace normlab {

CalibrationJob::CalibrationJob(QObject* parent) : QObject(parent) {
    connect(&m_runner, &JobRunner::failed, this, &CalibrationJob::failed);
}

void CalibrationJob::start(const TrainConfig& config) {
    m_runner.start([this, config](const JobRunner::Context& job) {
        const TrainingData data = loadTrainingData(config, Progress{{}, job.stop()});
        const TrainEngine& engine = trainEngine();
        const QString kind = QString::fromStdString(deviceKind(engine.resolveDevice(config.device)));
        const double seconds = calibrateEpoch(engine, config, data, job.stop()).epochSeconds;
        return std::function<void()>([this, config, kind, seconds] { Q_EMIT calibrated(config, kind, seconds); });
    });
}

} // namespace normlab
