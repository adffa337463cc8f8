// The one job runner (ui/jobs/jobrunner.h): outcomes, the replace/refuse rule, stale results
// dropped, and cancel/replace/destroy races. Also built and run under ThreadSanitizer.
#include <atomic>
#include <memory>
#include <random>

#include <QSignalSpy>
#include <QtTest>

#include "core/common/error.h"
#include "ui/jobs/jobrunner.h"

using namespace normlab;

namespace {

constexpr int kWaitMs = 10000;

// Work that runs until it is stopped, posting a value now and then: the job a test cancels or
// replaces.
JobRunner::Work untilStopped(int tag, std::vector<int>* seen) {
    return [tag, seen](const JobRunner::Context& job) -> std::function<void()> {
        while (!job.stopRequested()) {
            job.post([tag, seen] { seen->push_back(tag); });
            std::this_thread::yield();
        }
        throw Cancelled();
    };
}

} // namespace

class TestJobRunner : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void successDeliversOnTheRunnersThreadAfterRunningEnds() {
        JobRunner runner(JobRunner::Policy::Refuse);
        QSignalSpy succeeded(&runner, &JobRunner::succeeded);
        bool delivered = false, runningAtDelivery = true;
        QThread* deliveredOn = nullptr;
        QVERIFY(runner.start([&](const JobRunner::Context&) {
            const int answer = 6 * 7; // computed on the worker
            return std::function<void()>([&, answer] {
                delivered = answer == 42;
                runningAtDelivery = runner.isRunning();
                deliveredOn = QThread::currentThread();
            });
        }));
        QVERIFY(runner.isRunning());
        QVERIFY(succeeded.wait(kWaitMs));
        QVERIFY(delivered);
        QVERIFY(!runningAtDelivery);
        QCOMPARE(deliveredOn, QThread::currentThread());
        QCOMPARE(succeeded.count(), 1);
    }

    void failureAndCancelMapToTheirSignals() {
        JobRunner runner(JobRunner::Policy::Refuse);
        QSignalSpy failed(&runner, &JobRunner::failed);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.start([](const JobRunner::Context&) -> std::function<void()> { throw Error("disk on fire"); });
        QVERIFY(failed.wait(kWaitMs));
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("disk on fire"));
        std::vector<int> seen;
        runner.start(untilStopped(1, &seen));
        runner.cancel();
        QVERIFY(cancelled.wait(kWaitMs));
        QVERIFY(!runner.isRunning());
        QCOMPARE(failed.count(), 1);
    }

    void refuseKeepsTheRunningJob() {
        JobRunner runner(JobRunner::Policy::Refuse);
        std::vector<int> seen;
        QVERIFY(runner.start(untilStopped(1, &seen)));
        QVERIFY(!runner.start(untilStopped(2, &seen)));
        QTRY_VERIFY_WITH_TIMEOUT(!seen.empty(), kWaitMs);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.cancel();
        QVERIFY(cancelled.wait(kWaitMs));
        QVERIFY(std::all_of(seen.begin(), seen.end(), [](int tag) { return tag == 1; }));
    }

    void replaceDropsWhatTheOldJobPosts() {
        JobRunner runner(JobRunner::Policy::Replace);
        std::vector<int> seen;
        runner.start(untilStopped(1, &seen));
        QTRY_VERIFY_WITH_TIMEOUT(!seen.empty(), kWaitMs);
        QSignalSpy succeeded(&runner, &JobRunner::succeeded);
        QSignalSpy cancelled(&runner, &JobRunner::cancelled);
        runner.start([&](const JobRunner::Context&) { return std::function<void()>([&] { seen.push_back(2); }); });
        seen.clear(); // from here on, only job 2 may reach the GUI thread
        QVERIFY(succeeded.wait(kWaitMs));
        QCoreApplication::processEvents(); // anything job 1 still had queued is delivered now, or dropped
        QCOMPARE(seen, std::vector<int>{2});
        QCOMPARE(cancelled.count(), 0); // the replaced job's outcome is dropped too
    }

    // Many starts, cancels and replacements in quick succession: only the last job's outcome
    // arrives, exactly once, and every worker is joined (run under ThreadSanitizer in CI).
    void cancelAndReplaceRaces() {
        std::mt19937 rng(7);
        for (int round = 0; round < 100; ++round) {
            JobRunner runner(JobRunner::Policy::Replace);
            QSignalSpy succeeded(&runner, &JobRunner::succeeded);
            QSignalSpy cancelled(&runner, &JobRunner::cancelled);
            std::vector<int> delivered;
            const int starts = std::uniform_int_distribution<int>(1, 5)(rng);
            for (int i = 1; i <= starts; ++i) {
                runner.start([i, &delivered](const JobRunner::Context& job) -> std::function<void()> {
                    for (int spin = 0; spin < 200 && !job.stopRequested(); ++spin)
                        std::this_thread::yield();
                    job.throwIfStopped();
                    return [i, &delivered] { delivered.push_back(i); };
                });
                if (std::uniform_int_distribution<int>(0, 3)(rng) == 0) runner.cancel();
            }
            QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), kWaitMs);
            QCOMPARE(succeeded.count() + cancelled.count(), 1);
            // An older job that finished anyway never delivers.
            QCOMPARE(delivered, succeeded.count() == 1 ? std::vector<int>{starts} : std::vector<int>{});
        }
    }

    void destroyingTheRunnerStopsAndJoinsItsJob() {
        std::vector<int> seen;
        auto runner = std::make_unique<JobRunner>(JobRunner::Policy::Refuse);
        runner->start(untilStopped(1, &seen));
        QTRY_VERIFY_WITH_TIMEOUT(!seen.empty(), kWaitMs);
        runner.reset(); // returns only once the worker has ended
        const std::size_t count = seen.size();
        QCoreApplication::processEvents();
        QCOMPARE(seen.size(), count); // nothing queued by the dead runner is delivered
    }
};

QTEST_GUILESS_MAIN(TestJobRunner)
#include "tst_jobrunner.moc"
