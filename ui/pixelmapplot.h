#pragma once

#include <vector>

#include <qcustomplot.h>

namespace normlab {

// A per-pixel map (e.g. the mean or std of every pixel position over a split) as a heat map
// with a labelled colour scale; image orientation (row 0 at the top).
class PixelMapPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit PixelMapPlot(QWidget* parent = nullptr);
    void setMap(const std::vector<double>& values, int width, int height, const QString& title,
                QCPColorGradient::GradientPreset gradient);
    double valueAt(int x, int y) const;

private:
    QCPColorMap* m_map;
    QCPColorScale* m_scale;
    QCPTextElement* m_title;
};

} // namespace normlab
