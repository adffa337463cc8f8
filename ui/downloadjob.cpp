#include "ui/downloadjob.h"

#include <QMetaObject>

#include "core/common/error.h"
#include "core/download/downloader.h"

namespace normlab {

DownloadJob::~DownloadJob() {
    m_thread.request_stop();
    if (m_thread.joinable()) m_thread.join();
}

void DownloadJob::cancel() {
    m_thread.request_stop();
}

void DownloadJob::start(const DatasetInfo& info, const QString& dataDir, const QStringList& extraMirrors) {
    if (m_running) return;
    if (m_thread.joinable()) m_thread.join(); // the previous download already ended
    m_running = true;
    DownloadOptions options;
    for (const auto& m : extraMirrors)
        options.extraMirrors.push_back(m.toStdString());
    auto post = [this](auto fn) { QMetaObject::invokeMethod(this, fn, Qt::QueuedConnection); };
    m_thread = std::jthread([this, info, dir = dataDir.toStdString(), options, post](std::stop_token stop) mutable {
        options.stop = stop;
        options.onProgress = [this, post](const DownloadProgress& p) {
            post([this, f = p.overall, name = QString::fromStdString(p.file)] { Q_EMIT progressChanged(f, name); });
        };
        try {
            const DownloadReport report = downloadDataset(info, dir, options);
            post([this, folder = QString::fromStdString(report.folder.string())] {
                m_running = false;
                Q_EMIT finished(folder);
            });
        } catch (const Cancelled&) {
            post([this] {
                m_running = false;
                Q_EMIT cancelled();
            });
        } catch (const std::exception& e) {
            post([this, message = QString::fromStdString(e.what())] {
                m_running = false;
                Q_EMIT failed(message);
            });
        }
    });
}

} // namespace normlab
