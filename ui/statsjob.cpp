#include "ui/statsjob.h"

#include <QMetaObject>

#include "core/common/error.h"
#include "core/stats/statsengine.h"

namespace normlab {
namespace {

// Shares of the progress bar: loading train, loading test, stats of train, stats of test.
constexpr double kShares[] = {0.35, 0.1, 0.4, 0.15};

LoadedDatasetPtr loadAndCompute(const DatasetRequest& request, const Progress& outer) {
    double from = 0;
    auto part = [&outer, &from](double share) {
        Progress p{[&outer, start = from, share](double f) { outer.update(start + share * f); }, outer.stop};
        from += share;
        return p;
    };
    auto result = std::make_shared<LoadedDataset>();
    result->datasetId = resolveDatasetId(request);
    result->images[0] = openSplit(request, "train", part(kShares[0]));
    result->images[1] = openSplit(request, "test", part(kShares[1]));
    result->stats[0] = computeStats(result->images[0], std::nullopt, part(kShares[2]));
    result->stats[1] = computeStats(result->images[1], result->stats[0].params, part(kShares[3]));
    return result;
}

} // namespace

StatsJob::StatsJob(QObject* parent) : QObject(parent) {
    qRegisterMetaType<LoadedDatasetPtr>();
}

StatsJob::~StatsJob() {
    for (auto& w : m_workers)
        w.thread.request_stop();
    m_workers.clear(); // joins; each worker stops within one chunk of images
}

void StatsJob::cancel() {
    if (!m_workers.empty()) m_workers.back().thread.request_stop();
}

void StatsJob::pruneFinishedWorkers() {
    std::erase_if(m_workers, [](const Worker& w) { return w.done->load(); });
}

void StatsJob::start(const DatasetRequest& request) {
    for (auto& w : m_workers)
        w.thread.request_stop();
    pruneFinishedWorkers();
    const std::uint64_t id = ++m_jobId;
    m_running = true;
    Worker worker;
    auto done = worker.done;
    // Everything reaches the GUI thread through queued calls with this object as context, so a
    // call still queued when the job is destroyed is discarded by Qt.
    auto post = [this, id](auto fn) {
        QMetaObject::invokeMethod(
            this,
            [this, id, fn] {
                if (id == m_jobId) fn();
            },
            Qt::QueuedConnection);
    };
    worker.thread = std::jthread([this, request, post, done](std::stop_token stop) {
        Progress progress{[post, this](double f) { post([this, f] { Q_EMIT progressChanged(f); }); }, stop};
        try {
            auto result = loadAndCompute(request, progress);
            post([this, result] {
                m_running = false;
                Q_EMIT finished(result);
            });
        } catch (const Cancelled&) {
            post([this] {
                m_running = false;
                Q_EMIT cancelled();
            });
        } catch (const std::exception& e) {
            const QString message = QString::fromStdString(e.what());
            post([this, message] {
                m_running = false;
                Q_EMIT failed(message);
            });
        }
        done->store(true);
    });
    m_workers.push_back(std::move(worker));
}

} // namespace normlab
