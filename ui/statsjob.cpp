#include "ui/statsjob.h"

#include <QMetaObject>

#include "core/common/error.h"
#include "core/stats/statsengine.h"

namespace normlab {
namespace {

// Loading is the first part of the job's progress bar, statistics the rest.
constexpr double kLoadShare = 0.5;

LoadedSplitPtr loadAndCompute(const DatasetRequest& request, const std::string& split, const Progress& outer) {
    auto scaled = [&outer](double from, double share) {
        return Progress{[&outer, from, share](double f) { outer.update(from + share * f); }, outer.stop};
    };
    auto result = std::make_shared<LoadedSplit>();
    result->images = openSplit(request, split, scaled(0.0, kLoadShare));
    std::optional<NormalizationParams> trainParams;
    if (split != "train")
        trainParams = normalizationParamsFrom(countBytes(openSplit(request, "train", {{}, outer.stop})));
    result->stats = computeStats(result->images, trainParams, scaled(kLoadShare, 1.0 - kLoadShare));
    return result;
}

} // namespace

StatsJob::StatsJob(QObject* parent) : QObject(parent) { qRegisterMetaType<LoadedSplitPtr>(); }

StatsJob::~StatsJob() {
    for (auto& w : m_workers)
        w.thread.request_stop();
    m_workers.clear(); // joins; each worker stops within one chunk of images
}

void StatsJob::cancel() {
    if (!m_workers.empty())
        m_workers.back().thread.request_stop();
}

void StatsJob::pruneFinishedWorkers() {
    std::erase_if(m_workers, [](const Worker& w) { return w.done->load(); });
}

void StatsJob::start(const DatasetRequest& request, const QString& split) {
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
                if (id == m_jobId)
                    fn();
            },
            Qt::QueuedConnection);
    };
    worker.thread = std::jthread([this, request, split = split.toStdString(), post, done](std::stop_token stop) {
        Progress progress{[post, this](double f) { post([this, f] { Q_EMIT progressChanged(f); }); }, stop};
        try {
            auto result = loadAndCompute(request, split, progress);
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
