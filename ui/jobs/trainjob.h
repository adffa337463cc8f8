#pragma once

#include <atomic>
#include <memory>
#include <vector>

#include <QObject>
#include <QString>

#include "core/train/config/trainconfig.h"
#include "core/train/config/trainresult.h"
#include "ui/jobs/jobrunner.h"

namespace normlab {

// Runs a comparison (core/train/engine/comparisonrunner.h: one run loop, one stop policy) on a worker
// thread. Everything reaches the GUI through queued calls; the GUI thread never waits on
// LibTorch. A start while a comparison runs is refused. stopRun() ends one run within a batch
// and the next one starts; stopAll() ends the current run and skips the rest. Destroying the job
// stops and joins the worker.
class TrainJob : public QObject {
    Q_OBJECT

public:
    explicit TrainJob(QObject* parent = nullptr);

    // False (and nothing starts) when a comparison is already running or runs is empty.
    bool start(const std::vector<TrainConfig>& runs);
    void stopRun(int run) { m_stopRun->store(run); }
    void stopAll() { m_runner.cancel(); }
    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    void dataLoading();
    // The data is in memory and the runs start now (a failure to load never gets here); origin says
    // where it was found, as the CLI records it ("Debian package dataset-fashion-mnist").
    void dataLoaded(const QString& origin);
    // `samples`: a few training images exactly as the network receives them, C*H*W floats each.
    void runStarted(int run, const QString& name, const QString& device, const std::vector<std::vector<float>>& samples,
                    int width, int height);
    void batchProgress(int run, int epoch, int batch, int batches);
    void stepReported(const normlab::StepMetric& step);
    void epochFinished(const normlab::EpochMetric& epoch);
    void runFinished(const normlab::RunResult& result);
    void allFinished();
    void failed(const QString& message); // e.g. the data set could not be loaded

private:
    JobRunner m_runner{JobRunner::Policy::Refuse};
    // Shared with the worker, which may outlive a stopRun() call by one batch.
    std::shared_ptr<std::atomic<int>> m_stopRun = std::make_shared<std::atomic<int>>(-1);
};

} // namespace normlab
