#include "ui/widgets/messagebanner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace normlab {

MessageBanner::MessageBanner(QWidget* parent) : QFrame(parent) {
    setObjectName(QStringLiteral("messageBanner"));
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 4, 4, 4);
    m_text = new QLabel(this);
    m_text->setObjectName(QStringLiteral("messageText"));
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_text->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // wrap, never widen
    auto* close = new QToolButton(this);
    close->setObjectName(QStringLiteral("dismissBanner"));
    close->setText(QStringLiteral("✕"));
    close->setToolTip(tr("Dismiss (Esc)"));
    close->setAutoRaise(true);
    close->setShortcut(QKeySequence(Qt::Key_Escape));
    layout->addWidget(m_text, 1);
    layout->addWidget(close, 0, Qt::AlignTop);
    connect(close, &QToolButton::clicked, this, &QWidget::hide);
    hide();
}

void MessageBanner::showMessage(const QString& text, bool isError) {
    m_text->setText(text);
    setStyleSheet(isError ? QStringLiteral("QFrame#messageBanner { background: #fde2e1; } QLabel { color: #7a1010; }")
                          : QStringLiteral("QFrame#messageBanner { background: #fff4d6; } QLabel { color: #5a4300; }"));
    show();
}

QString MessageBanner::text() const {
    return m_text->text();
}

} // namespace normlab
