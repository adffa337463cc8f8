#include "ui/jobs/downloadjob.h"

#include "core/download/downloader.h"

namespace normlab {

DownloadJob::DownloadJob(QObject* parent) : QObject(parent) {
    connect(&m_runner, &JobRunner::failed, this, &DownloadJob::failed);
    connect(&m_runner, &JobRunner::cancelled, this, &DownloadJob::cancelled);
}

void DownloadJob::start(const DatasetInfo& info, const QString& dataDir, const QStringList& extraMirrors) {
    DownloadOptions options;
    for (const auto& m : extraMirrors)
        options.extraMirrors.push_back(m.toStdString());
    m_runner.start([this, info, dir = dataDir.toStdString(), options](const JobRunner::Context& job) mutable {
        options.stop = job.stop();
        options.onProgress = [this, job](const DownloadProgress& p) {
            job.post([this, f = p.overall, name = QString::fromStdString(p.file)] { Q_EMIT progressChanged(f, name); });
        };
        const DownloadReport report = downloadDataset(info, dir, options);
        return std::function<void()>(
            [this, folder = QString::fromStdString(report.folder.string())] { Q_EMIT finished(folder); });
    });
}

} // namespace normlab
