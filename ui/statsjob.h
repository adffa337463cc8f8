#pragma once

#include <atomic>
#include <memory>
#include <thread>
#include <vector>

#include <QObject>
#include <QString>

#include "core/data/datasetopener.h"
#include "ui/loadeddataset.h"

namespace normlab {

// Loads both splits of a data set and computes their statistics on a worker thread. Starting a new job stops the
// previous one; results of a superseded job are dropped (job ids), so a stale result never
// overwrites a newer one. Destroying the job stops and joins its threads.
class StatsJob : public QObject {
    Q_OBJECT

public:
    explicit StatsJob(QObject* parent = nullptr);
    ~StatsJob() override;

    void start(const DatasetRequest& request);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressChanged(double fraction);
    void finished(normlab::LoadedDatasetPtr result);
    void failed(const QString& message);
    void cancelled();

private:
    struct Worker {
        std::jthread thread;
        std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
    };
    void pruneFinishedWorkers();

    std::vector<Worker> m_workers; // the current one last; older ones are stopping
    std::uint64_t m_jobId = 0;
    bool m_running = false;
};

} // namespace normlab
