#pragma once

#include <atomic>
#include <thread>
#include <vector>

#include <QObject>
#include <QString>

#include "core/train/trainconfig.h"
#include "core/train/trainresult.h"

namespace normlab {

// Runs a comparison (one config per normalization) on a worker thread. Everything reaches the
// GUI through queued calls; the GUI thread never waits on LibTorch. stopRun() ends one run
// within a batch and the next one starts; stopAll() ends the current run and skips the rest.
// Destroying the job stops and joins the worker.
class TrainJob : public QObject {
    Q_OBJECT

public:
    explicit TrainJob(QObject* parent = nullptr) : QObject(parent) {}
    ~TrainJob() override;

    void start(const std::vector<TrainConfig>& runs);
    void stopRun(int run);
    void stopAll();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void dataLoading();
    // `samples`: a few training images exactly as the network receives them, C*H*W floats each.
    void runStarted(int run, const QString& name, const QString& device, const std::vector<std::vector<float>>& samples,
                    int width, int height);
    void stepReported(const normlab::StepMetric& step);
    void epochFinished(const normlab::EpochMetric& epoch);
    void runFinished(const normlab::RunResult& result);
    void allFinished();
    void failed(const QString& message); // e.g. the data set could not be loaded

private:
    std::jthread m_thread;
    std::atomic<int> m_stopRun{-1};
    bool m_running = false;
};

} // namespace normlab
