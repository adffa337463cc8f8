#pragma once

#include <cstdint>
#include <vector>

#include <qcustomplot.h>

namespace normlab {

struct HistogramSeries {
    QString name;
    std::vector<double> edges;         // bins + 1
    std::vector<std::uint64_t> counts; // bins
    QColor color;
    // Overlaid channels are told apart by colour, so what they are compared with (before, the
    // test split, all classes) is told apart by a dashed line. (Fills were tried: three
    // translucent fills overlap into one grey.)
    Qt::PenStyle style = Qt::SolidLine;
};

// A legend entry that stands for several series: "R" for every red one, "before" for every
// dashed one. Six series of three channels need five entries in one row, not six in three.
struct LegendKey {
    QString name;
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
};

// A labelled vertical line on a histogram (an ideal value, a mean, a recipe's std).
struct HistogramMarker {
    double x = 0;
    QString label;
    QColor color;
    Qt::PenStyle style = Qt::SolidLine;
};

// Pixel histograms as step curves of the fraction of pixels per bin, so that overlaid series
// with different totals (train vs test, one class vs all) compare fairly. Hovering shows the
// bin's range and exact count; the count axis can be logarithmic.
class HistogramPlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit HistogramPlot(QWidget* parent = nullptr);
    void setSeries(std::vector<HistogramSeries> series, const QString& xLabel);
    // Shows these keys in one row instead of one legend entry per series; empty: per series.
    void setLegendKeys(std::vector<LegendKey> keys);
    const std::vector<LegendKey>& legendKeys() const { return m_keys; }
    const std::vector<HistogramSeries>& series() const { return m_series; }
    void setLogScale(bool log);
    void setMarkers(std::vector<HistogramMarker> markers);
    const std::vector<HistogramMarker>& markers() const { return m_markers; }
    bool logScale() const { return m_log; }

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    void rebuild();
    // As many legend entries a row as fit the plot's width: "before (x/255)" was cut in larger fonts.
    void fitLegendColumns();
    // Above the axis rect in a row of its own, not over the curves; out of the layout when hidden.
    void placeLegend(bool shown);
    void showBinTip(QMouseEvent* event);

    std::vector<HistogramSeries> m_series;
    std::vector<HistogramMarker> m_markers;
    std::vector<LegendKey> m_keys;
    bool m_log = false;
};

} // namespace normlab
