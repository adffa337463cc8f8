#pragma once

#include <QObject>
#include <QString>
#include <QStringList>

#include "ui/jobs/jobrunner.h"

namespace normlab {

// The training engine (core/train/engine/engineloader.h) as the GUI sees it. It loads on a worker thread
// when first asked — once the first data is on screen, or the Training tab's first showing — so
// LibTorch's second of loading never delays the first window or stalls the GUI thread. A training
// job that starts earlier loads it itself; the loader makes both wait for the one load.
class EngineStatus : public QObject {
    Q_OBJECT

public:
    enum class State { NotLoaded, Loading, Ready, Unavailable };

    explicit EngineStatus(QObject* parent = nullptr);

    // Starts loading unless it is loading or loaded; a failed load is tried again.
    void load();
    State state() const { return m_state; }
    // Ready: LibTorch's description ("LibTorch 1.13.1 (CPU only)"); Unavailable: why; otherwise a
    // sentence saying that it loads later.
    QString description() const;
    QStringList devices() const { return m_devices; } // "cpu", "cuda:0", … once ready
    bool cudaAvailable() const { return m_cuda; }

Q_SIGNALS:
    void changed();

private:
    void setState(State state);

    JobRunner m_runner{JobRunner::Policy::Refuse};
    State m_state = State::NotLoaded;
    QString m_description;
    QStringList m_devices;
    bool m_cuda = false;
};

} // namespace normlab
