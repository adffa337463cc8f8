#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <stop_token>
#include <thread>
#include <vector>

#include <QObject>
#include <QString>
#include <QTimer>

namespace normlab {

// Runs one job at a time on a worker thread for a QObject on the GUI thread — the one pattern
// every NormLab job (statistics, download, training) uses, after hotspot's JobTracker:
//  - a stop token per job, honoured by the work within one chunk/batch;
//  - a job id: whatever a superseded job posts is dropped, so stale results never reach a widget;
//  - one rule for a start while a job runs: Replace (stop it, start the new one) or Refuse;
//  - one outcome → signal mapping: the work returns → succeeded(), throws Cancelled →
//    cancelled(), throws anything else → failed(message). Exceptions never escape the thread.
// Destroying the runner stops every worker and joins it. QtCore only (no widgets), so the
// ThreadSanitizer build covers it.
//
// Workers hand values to the GUI thread through a mutex-guarded mailbox that a GUI-thread timer
// empties every few milliseconds while jobs run, not through Qt's cross-thread event queue:
// ThreadSanitizer cannot see the locks inside a Qt it did not instrument, and the mailbox also
// coalesces bursts of progress into one pass.
class JobRunner : public QObject {
    Q_OBJECT

public:
    enum class Policy { Replace, Refuse };

    struct Mailbox;

    // What the work function gets: its stop token and a way to the runner's thread.
    class Context {
    public:
        std::stop_token stop() const { return m_stop; }
        bool stopRequested() const { return m_stop.stop_requested(); }
        void throwIfStopped() const; // throws Cancelled
        // Runs fn on the runner's thread, unless the job has been superseded by then.
        void post(std::function<void()> fn) const;

    private:
        friend class JobRunner;
        Context(std::shared_ptr<Mailbox> mailbox, std::uint64_t id, std::stop_token stop)
            : m_mailbox(std::move(mailbox)), m_id(id), m_stop(stop) {}
        std::shared_ptr<Mailbox> m_mailbox;
        std::uint64_t m_id;
        std::stop_token m_stop;
    };
    // Returns what to hand over on the runner's thread once the job has succeeded (may be empty):
    // it runs after isRunning() turns false and before succeeded().
    using Work = std::function<std::function<void()>(const Context&)>;

    explicit JobRunner(Policy policy, QObject* parent = nullptr);
    ~JobRunner() override;

    // Starts work on a new thread. With Policy::Refuse, returns false (and starts nothing) while a
    // job runs; with Policy::Replace the running job is asked to stop and its results are dropped.
    bool start(Work work);
    void cancel();
    bool isRunning() const { return m_running; }

Q_SIGNALS:
    void succeeded();
    void cancelled();
    void failed(const QString& message);

private:
    struct Worker {
        std::jthread thread;
        std::shared_ptr<std::atomic<bool>> done = std::make_shared<std::atomic<bool>>(false);
    };
    void drain();

    Policy m_policy;
    std::shared_ptr<Mailbox> m_mailbox;
    QTimer m_drainTimer;
    std::vector<Worker> m_workers; // the current one last; older ones are stopping
    std::uint64_t m_jobId = 0;     // read and written on the runner's thread only
    bool m_running = false;
};

} // namespace normlab
