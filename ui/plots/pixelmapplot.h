#pragma once

#include <vector>

#include <qcustomplot.h>

namespace normlab {

// A per-pixel map (e.g. the mean or std of every pixel position over a split) as a heat map
// with a labelled colour scale; image orientation (row 0 at the top), square pixels.
class PixelMapPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit PixelMapPlot(QWidget* parent = nullptr);
    void setMap(const std::vector<double>& values, int width, int height, const QString& title,
                QCPColorGradient::GradientPreset gradient);
    double valueAt(int x, int y) const;

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    // Pixels stay square: both axes get the same screen length per pixel, the map centred.
    void keepSquare();
    void setTickCounts(double unit); // unit: screen pixels per image pixel

    int m_width = 0, m_height = 0;
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    QCPTextElement* m_title;
    QCPLayoutGrid* m_body; // the map and its colour scale, centred by margins
};

} // namespace normlab
