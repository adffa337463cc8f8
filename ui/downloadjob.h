#pragma once

#include <thread>

#include <QObject>
#include <QString>

namespace normlab {

struct DatasetInfo;

// Downloads a catalog data set on a worker thread (core downloader: mirrors, checksums, no
// partial files). Destroying the job stops the transfer within a second and joins the thread.
class DownloadJob : public QObject {
    Q_OBJECT

public:
    explicit DownloadJob(QObject* parent = nullptr) : QObject(parent) {}
    ~DownloadJob() override;

    void start(const DatasetInfo& info, const QString& dataDir, const QStringList& extraMirrors = {});
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void progressChanged(double fraction, const QString& file);
    void finished(const QString& folder);
    void failed(const QString& message);
    void cancelled();

private:
    std::jthread m_thread;
    bool m_running = false;
};

} // namespace normlab
