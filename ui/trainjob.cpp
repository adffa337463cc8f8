#include "ui/trainjob.h"

#include <QMetaObject>

#include "core/train/torchruntime.h"
#include "core/train/trainer.h"

namespace normlab {
namespace {

constexpr int kSampleImages = 8;

} // namespace

TrainJob::~TrainJob() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join(); // a run honours the stop within one batch
}

void TrainJob::stopRun(int run) {
    m_stopRun.store(run);
}

void TrainJob::stopAll() {
    m_thread.request_stop();
}

void TrainJob::start(const std::vector<TrainConfig>& runs) {
    if (m_running || runs.empty()) return;
    if (m_thread.joinable()) m_thread.join(); // the previous comparison already ended
    m_running = true;
    m_stopRun.store(-1);
    auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
    m_thread = std::jthread([this, runs, post](std::stop_token stopAll) {
        try {
            post([this] { Q_EMIT dataLoading(); });
            const TrainingData data = loadTrainingData(runs.front(), Progress{{}, stopAll});
            for (int i = 0; i < static_cast<int>(runs.size()); ++i) {
                std::stop_source runStop;
                if (stopAll.stop_requested())
                    runStop.request_stop(); // the remaining runs end "cancelled" without training
                auto samples = normalizedSample(runs[i], data, kSampleImages);
                QString device = QString::fromStdString(runs[i].device);
                try {
                    device = QString::fromStdString(resolveDevice(runs[i].device)); // "auto" -> what it runs on
                } catch (const std::exception&) {
                    // trainRun reports the unavailable device as this run's failure
                }
                post([this, i, name = QString::fromStdString(methodName(runs[i].normalization)), device,
                      samples = std::move(samples), w = data.train.width,
                      h = data.train.height] { Q_EMIT runStarted(i, name, device, samples, w, h); });
                TrainCallbacks cb;
                cb.stop = runStop.get_token();
                cb.onBatch = [&](int run, int, int, int) {
                    if (stopAll.stop_requested() || m_stopRun.load() == run) runStop.request_stop();
                };
                cb.onStep = [&](const StepMetric& s) { post([this, s] { Q_EMIT stepReported(s); }); };
                cb.onEpoch = [&](const EpochMetric& e) { post([this, e] { Q_EMIT epochFinished(e); }); };
                RunResult result;
                try {
                    result = trainRun(runs[i], data, i, cb);
                } catch (const std::exception& e) { // an invalid config: this run fails, others go on
                    result.run = i;
                    result.name = methodName(runs[i].normalization);
                    result.config = runs[i];
                    result.status = RunStatus::Failed;
                    result.message = e.what();
                }
                post([this, result] { Q_EMIT runFinished(result); });
            }
        } catch (const Cancelled&) {
        } catch (const std::exception& e) {
            post([this, message = QString::fromStdString(e.what())] { Q_EMIT failed(message); });
        }
        post([this] {
            m_running = false;
            Q_EMIT allFinished();
        });
    });
}

} // namespace normlab
