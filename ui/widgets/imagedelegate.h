#pragma once

#include <QStyledItemDelegate>

namespace normlab {

// Paints a thumbnail with nearest-neighbour scaling (at 28 px it is the true image), its aspect
// ratio kept, and its label underneath; every item has the same size, so the view lays out 60,000 items instantly.
class ImageDelegate : public QStyledItemDelegate {
    Q_OBJECT

public:
    explicit ImageDelegate(QObject* parent = nullptr) : QStyledItemDelegate(parent) {}
    void setThumbnailSize(int pixels) { m_size = pixels; }
    int thumbnailSize() const { return m_size; }

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    // Where an image of this size is drawn in a square cell: as large as fits, aspect kept.
    static QRect fitted(const QSize& image, const QRect& cell);

private:
    int m_size = 56;
};

} // namespace normlab
