#include "ui/widgets/pixelimageview.h"

#include <QMouseEvent>
#include <QPainter>

namespace normlab {
namespace {

constexpr int kTextLines = 2;

} // namespace

PixelImageView::PixelImageView(QWidget* parent) : QWidget(parent) {
    setMouseTracking(true);
    setMinimumSize(120, 120);
}

void PixelImageView::setImage(const QImage& image, const QString& caption, const QString& legend) {
    m_image = image;
    m_caption = caption;
    m_legend = legend;
    update();
}

int PixelImageView::zoom() const {
    if (m_image.isNull()) return 1;
    const int textHeight = kTextLines * fontMetrics().height();
    return std::max(1, std::min(width() / m_image.width(), (height() - textHeight) / m_image.height()));
}

QRect PixelImageView::imageRect() const {
    const int z = zoom();
    const QSize size(m_image.width() * z, m_image.height() * z);
    return {QPoint((width() - size.width()) / 2, fontMetrics().height()), size};
}

void PixelImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    if (m_image.isNull()) return;
    const QRect target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // square pixels, no blur
    painter.drawImage(target, m_image);
    painter.setPen(palette().windowText().color());
    painter.drawText(QRect(0, 0, width(), fontMetrics().height()), Qt::AlignCenter, m_caption);
    painter.drawText(QRect(0, target.bottom() + 2, width(), fontMetrics().height()), Qt::AlignCenter, m_legend);
}

void PixelImageView::mouseMoveEvent(QMouseEvent* event) {
    const QRect target = imageRect();
    const QPoint p = event->position().toPoint();
    if (m_image.isNull() || !target.contains(p)) return;
    Q_EMIT pixelHovered((p.x() - target.x()) / zoom(), (p.y() - target.y()) / zoom());
}

} // namespace normlab
