#include "ui/widgets/pixelimageview.h"

#include <algorithm>
#include <cmath>

#include <QMouseEvent>
#include <QPainter>

namespace normlab {
namespace {

constexpr double kSmallestWholeZoom = 2; // from 2x on, whole-number zooms (equal square pixels)
constexpr double kSmallestZoom = 0.05;   // a view squeezed to nothing still draws something

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

// Whole-number zooms keep every pixel the same square. A photo-sized image in a short view would
// stay at 1:1 (37x61 px on a projector), so below 2x it fills the view instead: nearest neighbour
// keeps the pixels hard-edged, their sizes then differ by one screen pixel at most.
double PixelImageView::zoom() const {
    if (m_image.isNull()) return 1;
    const int textHeight = (lines(m_caption) + lines(m_legend)) * fontMetrics().height();
    const double fit = std::min(static_cast<double>(width()) / m_image.width(),
                                static_cast<double>(height() - textHeight) / m_image.height());
    const double whole = std::floor(fit);
    return whole >= kSmallestWholeZoom ? whole : std::max(fit, kSmallestZoom);
}

QRect PixelImageView::imageRect() const {
    const double z = zoom();
    const QSize size(static_cast<int>(std::lround(m_image.width() * z)), static_cast<int>(std::lround(m_image.height() * z)));
    return {QPoint((width() - size.width()) / 2, lines(m_caption) * fontMetrics().height()), size};
}

// A caption or legend wider than the view wraps onto a second line ("#0 Ankle boot — before
// (x/255)" in larger fonts beside the histogram) instead of being cut at both ends.
int PixelImageView::lines(const QString& text) const {
    return fontMetrics().horizontalAdvance(text) > width() ? 2 : 1;
}

void PixelImageView::paintEvent(QPaintEvent*) {
    QPainter painter(this);
    painter.fillRect(rect(), palette().window());
    if (m_image.isNull()) return;
    const QRect target = imageRect();
    painter.setRenderHint(QPainter::SmoothPixmapTransform, false); // square pixels, no blur
    painter.drawImage(target, m_image);
    painter.setPen(palette().windowText().color());
    const int line = fontMetrics().height();
    painter.drawText(QRect(0, 0, width(), lines(m_caption) * line), Qt::AlignCenter | Qt::TextWordWrap, m_caption);
    painter.drawText(QRect(0, target.bottom() + 2, width(), lines(m_legend) * line), Qt::AlignCenter | Qt::TextWordWrap,
                     m_legend);
}

void PixelImageView::mouseMoveEvent(QMouseEvent* event) {
    const QRect target = imageRect();
    const QPoint p = event->position().toPoint();
    if (m_image.isNull() || !target.contains(p)) return;
    const auto pixel = [&](int offset, int size) {
        return std::min(size - 1, static_cast<int>((offset) / zoom()));
    };
    Q_EMIT pixelHovered(pixel(p.x() - target.x(), m_image.width()), pixel(p.y() - target.y(), m_image.height()));
}

} // namespace normlab
