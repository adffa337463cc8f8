#include "ui/widgets/wheelguard.h"

#include <QAbstractSpinBox>
#include <QComboBox>
#include <QEvent>

namespace normlab {

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
    if (event->type() != QEvent::Wheel) return false;
    auto* widget = qobject_cast<QWidget*>(watched);
    if (!widget || widget->hasFocus()) return false;
    if (!qobject_cast<QAbstractSpinBox*>(widget) && !qobject_cast<QComboBox*>(widget)) return false;
    // Ignored and filtered: QApplication hands an ignored wheel event on to the parent, so the
    // scroll area around the form scrolls instead.
    event->ignore();
    return true;
}

} // namespace normlab
