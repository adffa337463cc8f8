#include "ui/plots/histogramplot.h"

#include <algorithm>
#include <limits>
#include <numeric>

#include <QToolTip>

#include "ui/plots/plotfonts.h"

namespace normlab {
namespace {

constexpr double kMarkerLabelStep = 0.08; // of the plot's height, between stacked marker labels
constexpr double kFlipLabelsFrom = 0.5;   // of the x range: labels right of it go left of their line

constexpr int kMinimumHeight = 200;            // readable from the back of a classroom
constexpr double kXMargin = 0.03;              // room left and right of the data, so edge bins stay visible
constexpr double kLogFloor = 1e-300;           // below any log axis range: draws a bar's side down to the axis
constexpr int kLineAlpha = 210;                // overlaid series stay visible through each other
constexpr int kLegendColumns = 5;              // R, G, B, before, after: one row

} // namespace

HistogramPlot::HistogramPlot(QWidget* parent) : QCustomPlot(parent) {
    setMinimumHeight(kMinimumHeight);
    yAxis->setLabel(tr("fraction of pixels"));
    legend->setVisible(false);
    legend->setWrap(kLegendColumns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
    legend->setBorderPen(Qt::NoPen); // a row of keys above the plot, not a box
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    axisRect()->setRangeZoom(Qt::Horizontal);
    axisRect()->setRangeDrag(Qt::Horizontal);
    connect(this, &QCustomPlot::mouseMove, this, &HistogramPlot::showBinTip);
    followWidgetFont(this);
}

void HistogramPlot::setSeries(std::vector<HistogramSeries> series, const QString& xLabel) {
    m_series = std::move(series);
    xAxis->setLabel(xLabel);
    rebuild();
}

void HistogramPlot::setLegendKeys(std::vector<LegendKey> keys) {
    m_keys = std::move(keys);
    rebuild();
}

void HistogramPlot::setLogScale(bool log) {
    m_log = log;
    yAxis->setScaleType(log ? QCPAxis::stLogarithmic : QCPAxis::stLinear);
    if (log) {
        yAxis->setTicker(QSharedPointer<QCPAxisTickerLog>(new QCPAxisTickerLog));
        // Every decade as a power of ten ("10⁻⁴", "10⁻⁶"), not "0.0001" beside "10⁻⁶".
        yAxis->setNumberFormat(QStringLiteral("eb"));
        yAxis->setNumberPrecision(0);
    } else {
        yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new QCPAxisTicker));
        yAxis->setNumberFormat(QStringLiteral("gbd"));
        yAxis->setNumberPrecision(6);
    }
    rebuild();
}

void HistogramPlot::setMarkers(std::vector<HistogramMarker> markers) {
    m_markers = std::move(markers);
    rebuild();
}

void HistogramPlot::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event);
    fitLegendColumns();
}

void HistogramPlot::fitLegendColumns() {
    // itemCount() counts the grid's cells, empty ones included (5 entries in rows of 3 leave one).
    std::vector<int> widths;
    for (int i = 0; i < legend->itemCount(); ++i)
        if (const QCPAbstractLegendItem* item = legend->item(i))
            widths.push_back(item->minimumOuterSizeHint().width() + legend->columnSpacing());
    const int entries = static_cast<int>(widths.size());
    if (!legend->visible() || entries == 0) return;
    int columns = std::min(entries, kLegendColumns);
    const auto rowWidth = [&](int perRow) { // the widest row, each column as wide as its widest entry
        int total = 0;
        for (int c = 0; c < perRow; ++c) {
            int widest = 0;
            for (int i = c; i < entries; i += perRow)
                widest = std::max(widest, widths[static_cast<std::size_t>(i)]);
            total += widest;
        }
        return total;
    };
    while (columns > 1 && rowWidth(columns) > width()) --columns;
    if (columns == legend->wrap()) return;
    legend->setWrap(columns);
    legend->setFillOrder(QCPLayoutGrid::foColumnsFirst, true); // rearranges the entries
    replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPlot::placeLegend(bool shown) {
    const bool above = plotLayout()->rowCount() > 1 && plotLayout()->element(0, 0) == legend;
    if (shown && !above) {
        axisRect()->insetLayout()->take(legend);
        plotLayout()->insertRow(0);
        plotLayout()->addElement(0, 0, legend);
        plotLayout()->setRowStretchFactor(0, 0.001); // as tall as its entries
    } else if (!shown && above) {
        plotLayout()->take(legend);
        plotLayout()->simplify();
        axisRect()->insetLayout()->addElement(legend, Qt::AlignTop | Qt::AlignRight);
    }
    legend->setVisible(shown);
}

void HistogramPlot::rebuild() {
    clearGraphs();
    clearItems();
    placeLegend(m_series.size() > 1); // one series is named by the axis label
    legend->setWrap(kLegendColumns);
    double lo = std::numeric_limits<double>::max(), hi = std::numeric_limits<double>::lowest(), top = 0;
    double smallest = 1;
    for (const auto& s : m_series) {
        if (s.counts.empty()) continue;
        const double total = std::max<double>(1, std::accumulate(s.counts.begin(), s.counts.end(), 0.0));
        // Start and end on the floor, so a spike in the first or last bin (the background at 0,
        // saturated pixels at 1) is drawn as a bar with sides, not a line lost on the border.
        const double floor = m_log ? kLogFloor : 0.0;
        QVector<double> keys{s.edges.front()}, values{floor};
        for (std::size_t b = 0; b < s.counts.size(); ++b) {
            const double fraction = s.counts[b] / total;
            keys.push_back(s.edges[b]);
            // A log axis cannot show 0: empty bins become gaps.
            values.push_back(m_log && fraction <= 0 ? std::numeric_limits<double>::quiet_NaN() : fraction);
            top = std::max(top, fraction);
            if (fraction > 0) smallest = std::min(smallest, fraction);
        }
        keys.push_back(s.edges.back());
        values.push_back(values.back());
        keys.push_back(s.edges.back());
        values.push_back(floor);
        QCPGraph* g = addGraph();
        g->setName(s.name);
        QColor line = s.color;
        line.setAlpha(kLineAlpha);
        g->setPen(QPen(line, 1.6, s.style));
        g->setLineStyle(QCPGraph::lsStepLeft);
        g->setData(keys, values, true);
        if (!m_keys.empty()) g->removeFromLegend();
        lo = std::min(lo, s.edges.front());
        hi = std::max(hi, s.edges.back());
    }
    for (const auto& k : m_keys) { // graphs without data: only their legend entry shows
        QCPGraph* g = addGraph();
        g->setName(k.name);
        g->setPen(QPen(k.color, 1.6, k.style));
    }
    for (const auto& m : m_markers) {
        lo = std::min(lo, m.x);
        hi = std::max(hi, m.x);
    }
    if (hi > lo) xAxis->setRange(lo - (hi - lo) * kXMargin, hi + (hi - lo) * kXMargin);
    const double flipAt = lo + (hi - lo) * kFlipLabelsFrom;
    // Labels stack down from the top so that markers close together stay readable; near the
    // right edge they sit left of their line, so they are not cut off.
    double labelY = 0.02;
    for (const auto& m : m_markers) {
        auto* line = new QCPItemStraightLine(this);
        for (QCPItemPosition* point : {line->point1, line->point2}) // vertical on linear and log axes alike
            point->setTypeY(QCPItemPosition::ptAxisRectRatio);
        line->point1->setCoords(m.x, 0);
        line->point2->setCoords(m.x, 1);
        line->setPen(QPen(m.color, 1.4, m.style));
        auto* text = new QCPItemText(this);
        text->position->setTypeX(QCPItemPosition::ptPlotCoords);
        text->position->setTypeY(QCPItemPosition::ptAxisRectRatio);
        text->position->setCoords(m.x, labelY);
        const bool flip = m.x > flipAt;
        text->setPositionAlignment((flip ? Qt::AlignRight : Qt::AlignLeft) | Qt::AlignTop);
        text->setText(flip ? m.label + QStringLiteral(" ") : QStringLiteral(" ") + m.label);
        text->setColor(m.color);
        text->setFont(font());
        labelY += kMarkerLabelStep;
    }
    yAxis->setRange(m_log ? smallest / 2 : 0, top > 0 ? top * (m_log ? 2 : 1.05) : 1);
    fitLegendColumns();
    replot(QCustomPlot::rpQueuedReplot);
}

void HistogramPlot::showBinTip(QMouseEvent* event) {
    if (m_series.empty() || m_series[0].counts.empty()) return;
    const double x = xAxis->pixelToCoord(event->position().x());
    QStringList lines;
    for (const auto& s : m_series) {
        const auto it = std::upper_bound(s.edges.begin(), s.edges.end(), x);
        const auto bin = it - s.edges.begin() - 1;
        if (bin < 0 || bin >= static_cast<std::ptrdiff_t>(s.counts.size())) continue;
        lines << QStringLiteral("%1: [%2, %3) %4 pixels")
                     .arg(s.name)
                     .arg(s.edges[bin], 0, 'g', 5)
                     .arg(s.edges[bin + 1], 0, 'g', 5)
                     .arg(s.counts[bin]);
    }
    if (!lines.isEmpty()) QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), this);
}

} // namespace normlab
