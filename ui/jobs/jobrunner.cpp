#include "ui/jobs/jobrunner.h"

#include <QMetaObject>

#include "core/common/error.h"

namespace normlab {

void JobRunner::Context::post(std::function<void()> fn) const {
    // Queued to the runner: if the runner is destroyed first (it joins this thread before), Qt
    // drops the call; if a newer job started, the id check drops it.
    QMetaObject::invokeMethod(
        m_runner,
        [runner = m_runner, id = m_id, fn = std::move(fn)] {
            if (id == runner->m_jobId) fn();
        },
        Qt::QueuedConnection);
}

void JobRunner::Context::throwIfStopped() const {
    if (m_stop.stop_requested()) throw Cancelled();
}

JobRunner::JobRunner(Policy policy, QObject* parent) : QObject(parent), m_policy(policy) {}

JobRunner::~JobRunner() {
    for (auto& w : m_workers)
        w.thread.request_stop();
    m_workers.clear(); // joins: every job honours its stop token within one step
}

void JobRunner::cancel() {
    if (!m_workers.empty()) m_workers.back().thread.request_stop();
}

void JobRunner::finish(std::uint64_t id, const std::function<void()>& outcome) {
    if (id != m_jobId) return;
    m_running = false;
    outcome();
}

bool JobRunner::start(Work work) {
    if (m_running && m_policy == Policy::Refuse) return false;
    for (auto& w : m_workers)
        w.thread.request_stop();
    std::erase_if(m_workers, [](const Worker& w) { return w.done->load(); });
    const std::uint64_t id = ++m_jobId;
    m_running = true;
    Worker worker;
    worker.thread = std::jthread([this, id, work = std::move(work), done = worker.done](std::stop_token stop) {
        const Context context(this, id, stop);
        std::function<void()> outcome;
        try {
            auto deliver = work(context);
            outcome = [this, deliver = std::move(deliver)] {
                if (deliver) deliver();
                Q_EMIT succeeded();
            };
        } catch (const Cancelled&) {
            outcome = [this] { Q_EMIT cancelled(); };
        } catch (const std::exception& e) {
            outcome = [this, message = QString::fromStdString(e.what())] { Q_EMIT failed(message); };
        } catch (...) {
            outcome = [this] { Q_EMIT failed(tr("unknown error")); };
        }
        QMetaObject::invokeMethod(
            this, [this, id, outcome] { finish(id, outcome); }, Qt::QueuedConnection);
        done->store(true);
    });
    m_workers.push_back(std::move(worker));
    return true;
}

} // namespace normlab
