#pragma once

#include <QObject>

namespace normlab {

// Spin boxes and combo boxes take the mouse wheel only when they have the focus: scrolling a long
// form with the wheel scrolls the form, and never changes a value that happens to pass under the
// pointer (a teacher's seed went from 1 to 6 that way). Installed once on the application, so
// widgets made later (the grid's option combos) are covered too.
class WheelGuard : public QObject {
    Q_OBJECT

public:
    explicit WheelGuard(QObject* parent = nullptr) : QObject(parent) {}

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;
};

} // namespace normlab
