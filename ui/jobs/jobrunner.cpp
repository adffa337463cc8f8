#include "ui/jobs/jobrunner.h"

#include <algorithm>
#include <utility>

#include "core/common/error.h"

namespace normlab {
namespace {

constexpr int kDrainMs = 10; // GUI latency of a result; fast producers are coalesced to this rate

} // namespace

struct JobRunner::Mailbox {
    std::mutex mutex;
    std::vector<std::pair<std::uint64_t, std::function<void()>>> items; // (job id, call)
};

void JobRunner::Context::throwIfStopped() const {
    if (m_stop.stop_requested()) throw Cancelled();
}

void JobRunner::Context::post(std::function<void()> fn) const {
    const std::lock_guard lock(m_mailbox->mutex);
    m_mailbox->items.emplace_back(m_id, std::move(fn));
}

JobRunner::JobRunner(Policy policy, QObject* parent)
    : QObject(parent), m_policy(policy), m_mailbox(std::make_shared<Mailbox>()) {
    m_drainTimer.setInterval(kDrainMs);
    connect(&m_drainTimer, &QTimer::timeout, this, &JobRunner::drain);
}

JobRunner::~JobRunner() {
    for (auto& w : m_workers)
        w.thread.request_stop();
    m_workers.clear(); // joins: every job honours its stop token within one step; what it posted is dropped
}

void JobRunner::cancel() {
    if (!m_workers.empty()) m_workers.back().thread.request_stop();
}

void JobRunner::drain() {
    // Workers that have ended have posted everything they will: once they are all done and the
    // mailbox is empty, the timer can rest.
    const bool allDone =
        std::all_of(m_workers.begin(), m_workers.end(), [](const Worker& w) { return w.done->load(); });
    std::vector<std::pair<std::uint64_t, std::function<void()>>> items;
    {
        const std::lock_guard lock(m_mailbox->mutex);
        items.swap(m_mailbox->items);
    }
    for (auto& [id, fn] : items)
        if (id == m_jobId) fn(); // fn may start a new job: the rest of an old one's items then drop
    if (allDone && items.empty()) {
        m_drainTimer.stop();
        m_workers.clear();
    }
}

bool JobRunner::start(Work work) {
    if (m_running && m_policy == Policy::Refuse) return false;
    for (auto& w : m_workers)
        w.thread.request_stop();
    std::erase_if(m_workers, [](const Worker& w) { return w.done->load(); });
    const std::uint64_t id = ++m_jobId;
    m_running = true;
    Worker worker;
    worker.thread =
        std::jthread([this, id, work = std::move(work), done = worker.done, mailbox = m_mailbox](std::stop_token stop) {
            const Context context(mailbox, id, stop);
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
            // The outcome goes last: isRunning() turns false before deliver and the signal run.
            context.post([this, outcome = std::move(outcome)] {
                m_running = false;
                outcome();
            });
            done->store(true);
        });
    m_workers.push_back(std::move(worker));
    if (!m_drainTimer.isActive()) m_drainTimer.start();
    return true;
}

} // namespace normlab
