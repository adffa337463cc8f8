#pragma once

#include <QFrame>

class QLabel;

namespace normlab {

// A dismissable message across the window: errors in red, notes in yellow. Long texts wrap;
// they never widen the window.
class MessageBanner : public QFrame {
    Q_OBJECT

public:
    explicit MessageBanner(QWidget* parent = nullptr);
    void showMessage(const QString& text, bool isError);
    QString text() const;

private:
    QLabel* m_text;
};

} // namespace normlab
