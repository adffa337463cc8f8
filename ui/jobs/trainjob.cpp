#include "ui/jobs/trainjob.h"

#include <future>

#include "core/train/engine/engineloader.h"
#include "core/train/config/trainingdata.h"

namespace normlab {
namespace {

constexpr int kSampleImages = 8;

QString deviceOf(const TrainEngine& engine, const TrainConfig& config) {
    try {
        return QString::fromStdString(engine.resolveDevice(config.device)); // "auto" -> what it runs on
    } catch (const std::exception&) {
        return QString::fromStdString(config.device); // the run reports the unavailable device
    }
}

} // namespace

TrainJob::TrainJob(QObject* parent) : QObject(parent) {
    connect(&m_runner, &JobRunner::succeeded, this, &TrainJob::allFinished);
    connect(&m_runner, &JobRunner::cancelled, this, &TrainJob::allFinished);
    connect(&m_runner, &JobRunner::failed, this, [this](const QString& message) {
        Q_EMIT failed(message);
        Q_EMIT allFinished();
    });
}

bool TrainJob::start(const std::vector<TrainConfig>& runs) {
    if (runs.empty() || m_runner.isRunning()) return false;
    m_stopRun->store(-1);
    return m_runner.start([this, runs, stopRun = m_stopRun](const JobRunner::Context& job) {
        job.post([this] { Q_EMIT dataLoading(); });
        // Usually loaded already (EngineStatus); if not, LibTorch loads while the data does.
        auto loading = std::async(std::launch::async, [] { return &trainEngine(); });
        const TrainingData data = loadTrainingData(runs.front(), Progress{{}, job.stop()});
        const TrainEngine& engine = *loading.get();
        job.post([this, origin = QString::fromStdString(data.train.origin)] { Q_EMIT dataLoaded(origin); });
        ComparisonCallbacks cb;
        cb.onRunStarted = [&](int run, const TrainConfig& config) {
            job.post([this, run, name = QString::fromStdString(methodName(config.normalization)),
                      device = deviceOf(engine, config), samples = engine.normalizedSample(config, data, kSampleImages),
                      w = data.train.width,
                      h = data.train.height] { Q_EMIT runStarted(run, name, device, samples, w, h); });
        };
        cb.onBatch = [&](int run, int epoch, int batch, int batches) {
            job.post([this, run, epoch, batch, batches] { Q_EMIT batchProgress(run, epoch, batch, batches); });
        };
        cb.onStep = [&](const StepMetric& s) { job.post([this, s] { Q_EMIT stepReported(s); }); };
        cb.onEpoch = [&](const EpochMetric& e) { job.post([this, e] { Q_EMIT epochFinished(e); }); };
        cb.onRunFinished = [&](const RunResult& r) { job.post([this, r] { Q_EMIT runFinished(r); }); };
        engine.runComparison(runs, data, {job.stop(), [stopRun](int run) { return stopRun->load() == run; }}, cb);
        return std::function<void()>();
    });
}

} // namespace normlab
