#pragma once

#include <QObject>
#include <QString>

#include "core/data/datasetopener.h"
#include "ui/jobs/jobrunner.h"
#include "ui/models/loadeddataset.h"

namespace normlab {

// Loads both splits of a data set and computes their statistics on a worker thread. A new start
// replaces the running one, whose results are dropped (JobRunner::Policy::Replace). An image
// folder is announced by indexed() as soon as it is listed, before its statistics are counted.
class StatsJob : public QObject {
    Q_OBJECT

public:
    explicit StatsJob(QObject* parent = nullptr);

    void start(const DatasetRequest& request);
    void cancel() { m_runner.cancel(); }
    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    void progressChanged(double fraction);
    void indexed(normlab::LoadedDatasetPtr images); // statsReady false: browse while counting
    void finished(normlab::LoadedDatasetPtr result);
    void failed(const QString& message);
    void cancelled();

private:
    JobRunner m_runner{JobRunner::Policy::Replace};
};

} // namespace normlab
