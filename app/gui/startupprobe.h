#pragma once

#include <QObject>

class QAbstractItemView;

namespace normlab {

// For --benchmark-startup: notes when the image grid has first been painted with images in it
// (its first thumbnail drawn), prints how long that took from the start of the process and the
// peak memory so far, and quits. The time is measured from the kernel's record of the process
// start, so it includes loading the program's libraries; the CLOCK_MONOTONIC time of the paint is
// printed too, for a harness that timed its own spawn.
class StartupProbe : public QObject {
    Q_OBJECT

public:
    explicit StartupProbe(QAbstractItemView* grid, QObject* parent = nullptr);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void report();

    QAbstractItemView* m_grid;
    bool m_reported = false;
};

} // namespace normlab
