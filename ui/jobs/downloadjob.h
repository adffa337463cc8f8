#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "ui/jobs/jobrunner.h"

namespace normlab {

struct DatasetInfo;

// Downloads a catalog data set on a worker thread (core downloader: mirrors, checksums, no
// partial files). A start while one runs is refused; destroying the job stops the transfer
// within a second and joins the thread.
class DownloadJob : public QObject {
    Q_OBJECT

public:
    explicit DownloadJob(QObject* parent = nullptr);

    void start(const DatasetInfo& info, const QString& dataDir, const QStringList& extraMirrors = {});
    void cancel() { m_runner.cancel(); }
    bool isRunning() const { return m_runner.isRunning(); }

Q_SIGNALS:
    void progressChanged(double fraction, const QString& file);
    void finished(const QString& folder);
    void failed(const QString& message);
    void cancelled();

private:
    JobRunner m_runner{JobRunner::Policy::Refuse};
};

} // namespace normlab
