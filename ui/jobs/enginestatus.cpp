#include "ui/jobs/enginestatus.h"

#include <QSemaphore>
#include <QThreadPool>

#include "core/train/engine/engineloader.h"

namespace normlab {
namespace {

// glibc holds its loader lock for the whole load of LibTorch (~0.7 s here), and creating a thread
// needs that lock. Qt 6.4's raster engine splits large fills over QThreadPool::globalInstance(),
// creating its threads on demand and letting them go after 30 s idle: a repaint during the load
// would create one, and wait. So the pool's threads are started before the load and kept.
void keepPaintThreadsStarted() {
    QThreadPool* pool = QThreadPool::globalInstance();
    pool->setExpiryTimeout(-1);
    // Every task waits until all have started, so the pool has to run them on separate threads.
    const int count = pool->maxThreadCount();
    QSemaphore started, release, finished;
    for (int i = 0; i < count; ++i)
        pool->start([&] {
            started.release();
            release.acquire();
            finished.release();
        });
    started.acquire(count);
    release.release(count);
    finished.acquire(count);
}

} // namespace

EngineStatus::EngineStatus(QObject* parent) : QObject(parent) {
    connect(&m_runner, &JobRunner::failed, this, [this](const QString& message) {
        m_description = message;
        setState(State::Unavailable);
    });
    if (trainEngineLoaded()) { // another window, or a test, loaded it already: no need to wait
        load();
    }
}

void EngineStatus::load() {
    if (m_state == State::Loading || m_state == State::Ready) return;
    if (!trainEngineLoaded()) keepPaintThreadsStarted();
    if (!m_runner.start([this](const JobRunner::Context&) -> std::function<void()> {
            const TrainEngine& engine = trainEngine();
            QStringList devices;
            for (const auto& d : engine.availableDevices())
                devices << QString::fromStdString(d);
            return [this, devices, cuda = engine.cudaAvailable(),
                    description = QString::fromStdString(engine.description())] {
                m_devices = devices;
                m_cuda = cuda;
                m_description = description;
                setState(State::Ready);
            };
        }))
        return;
    setState(State::Loading);
}

QString EngineStatus::description() const {
    switch (m_state) {
    case State::NotLoaded:
        return tr("Training engine: not loaded yet (it loads in the background once the first data is shown)");
    case State::Loading:
        return tr("Training engine: loading LibTorch…");
    case State::Ready:
    case State::Unavailable:
        break;
    }
    return m_description;
}

void EngineStatus::setState(State state) {
    m_state = state;
    Q_EMIT changed();
}

} // namespace normlab
