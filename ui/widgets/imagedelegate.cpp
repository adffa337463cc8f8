#include "ui/widgets/imagedelegate.h"

#include <QApplication>
#include <QPainter>

namespace normlab {
namespace {

constexpr int kMargin = 3;

} // namespace

QRect ImageDelegate::fitted(const QSize& image, const QRect& cell) {
    // Images of a folder differ in size: each keeps its aspect ratio, centred in the square cell.
    const QSize size = image.scaled(cell.size(), Qt::KeepAspectRatio);
    return {cell.x() + (cell.width() - size.width()) / 2, cell.y() + (cell.height() - size.height()) / 2, size.width(),
            size.height()};
}

void ImageDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
    painter->save();
    if (option.state & QStyle::State_Selected) painter->fillRect(option.rect, option.palette.highlight());
    const QImage image = index.data(Qt::DecorationRole).value<QImage>();
    const QRect cell(option.rect.x() + kMargin, option.rect.y() + kMargin, m_size, m_size);
    painter->setRenderHint(QPainter::SmoothPixmapTransform, false);
    if (!image.isNull()) {
        painter->drawImage(fitted(image.size(), cell), image);
    } else { // an image folder's file still being decoded: a frame where it will be
        painter->setPen(option.palette.mid().color());
        painter->drawRect(cell.adjusted(0, 0, -1, -1));
    }
    painter->setPen(option.state & QStyle::State_Selected ? option.palette.highlightedText().color()
                                                          : option.palette.text().color());
    const QRect textRect(option.rect.x(), cell.bottom() + 1, option.rect.width(), option.fontMetrics.height());
    painter->drawText(
        textRect, Qt::AlignCenter,
        option.fontMetrics.elidedText(index.data(Qt::DisplayRole).toString(), Qt::ElideRight, option.rect.width()));
    painter->restore();
}

QSize ImageDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex&) const {
    return {std::max(m_size, 40) + 2 * kMargin, m_size + 2 * kMargin + option.fontMetrics.height()};
}

} // namespace normlab
