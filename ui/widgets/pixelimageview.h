#pragma once

#include <QImage>
#include <QWidget>

namespace normlab {

// Shows an image at the largest whole-number zoom that fits (from 2x on), so every pixel is an exact
// square, else scaled to fill the view; with a caption and a colour legend. Hovering reports the
// pixel under the mouse.
class PixelImageView : public QWidget {
    Q_OBJECT

public:
    explicit PixelImageView(QWidget* parent = nullptr);
    void setImage(const QImage& image, const QString& caption, const QString& legend);
    const QImage& image() const { return m_image; }
    const QString& legend() const { return m_legend; }
    double zoom() const;
    QSize sizeHint() const override { return {300, 300}; }

Q_SIGNALS:
    void pixelHovered(int x, int y);

protected:
    void paintEvent(QPaintEvent* event) override;
    void mouseMoveEvent(QMouseEvent* event) override;

private:
    QRect imageRect() const;

    QImage m_image;
    int lines(const QString& text) const; // 1, or 2 when it is wider than the view
    QString m_caption, m_legend;
};

} // namespace normlab
