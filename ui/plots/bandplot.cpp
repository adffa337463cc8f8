#include "ui/plots/bandplot.h"

#include <algorithm>
#include <numeric>

#include "ui/plots/epochticker.h"
#include "ui/plots/plotfonts.h"

namespace normlab {
namespace {

constexpr int kBandAlpha = 50; // light enough for two overlapping bands to stay readable
constexpr double kLineWidth = 2.2;
constexpr double kMarginFraction = 0.04;
constexpr double kLoneValueHalfWidth = 0.5; // one epoch (or one value) drawn: a unit-wide range around it
constexpr double kMarkerSize = 5;
constexpr int kRunCurveAlpha = 110; // each seed visible, the mean still what the eye follows
constexpr double kRunCurveWidth = 1.0;

QVector<double> column(const BandPlot::Series& s, std::size_t i) {
    QVector<double> values;
    for (const auto& run : s.runs)
        values.push_back(run.at(i));
    return values;
}

} // namespace

BandPlot::BandPlot(const QString& xLabel, const QString& yLabel, QWidget* parent) : QCustomPlot(parent) {
    xAxis->setLabel(xLabel);
    xAxis->setTicker(wholeEpochTicker()); // x is the epoch
    yAxis->setLabel(yLabel);
    legend->setVisible(true);
    // The curves of a training comparison rise to the upper left: the legend stays out of their way.
    axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignBottom | Qt::AlignRight);
    followWidgetFont(this);
}

void BandPlot::addSeries(const Series& s) {
    Summary summary{s.name, s.color, s.style, {}, {}, {}, {}, static_cast<int>(s.runs.size())};
    for (std::size_t i = 0; i < s.x.size(); ++i) {
        const QVector<double> values = column(s, i);
        if (values.isEmpty()) continue;
        summary.x.push_back(s.x[i]);
        summary.mean.push_back(std::accumulate(values.begin(), values.end(), 0.0) / values.size());
        summary.low.push_back(*std::min_element(values.begin(), values.end()));
        summary.high.push_back(*std::max_element(values.begin(), values.end()));
    }
    addSummary(summary);
}

void BandPlot::addSummary(const Summary& s) {
    QColor fill = s.color;
    fill.setAlpha(kBandAlpha);
    QCPGraph* lower = addGraph();
    lower->setData(s.x, s.low, true);
    lower->setPen(Qt::NoPen);
    lower->removeFromLegend();
    QCPGraph* upper = addGraph();
    upper->setData(s.x, s.high, true);
    upper->setPen(Qt::NoPen);
    upper->setBrush(fill);
    upper->setChannelFillGraph(lower);
    upper->removeFromLegend();
    QCPGraph* line = addGraph();
    line->setData(s.x, s.mean, true);
    line->setPen(QPen(s.color, kLineWidth, s.style));
    line->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, kMarkerSize)); // one marker per epoch
    // Short, so the legend leaves the curves visible; the view's title says "mean, band min–max".
    line->setName(s.runs > 1 ? tr("%1 (%2 seeds)").arg(s.name).arg(s.runs) : s.name);
}

void BandPlot::addRunCurve(const QVector<double>& x, const QVector<double>& y, const QColor& color) {
    QColor faint = color;
    faint.setAlpha(kRunCurveAlpha);
    QCPGraph* curve = addGraph();
    curve->setData(x, y, true);
    curve->setPen(QPen(faint, kRunCurveWidth));
    curve->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, faint, 3)); // a lone epoch is a dot
    curve->removeFromLegend();
}

void BandPlot::clearSeries() {
    clearGraphs();
    replot(QCustomPlot::rpQueuedReplot);
}

void BandPlot::fit() {
    // The data's own extent (not rescaleAxes: one epoch would keep the old range's width around it).
    bool anyKey = false, anyValue = false;
    QCPRange keys, values;
    for (int g = 0; g < graphCount(); ++g) {
        bool foundKey = false, foundValue = false;
        const QCPRange k = graph(g)->getKeyRange(foundKey), v = graph(g)->getValueRange(foundValue);
        if (foundKey) keys = anyKey ? QCPRange(std::min(keys.lower, k.lower), std::max(keys.upper, k.upper)) : k;
        if (foundValue)
            values = anyValue ? QCPRange(std::min(values.lower, v.lower), std::max(values.upper, v.upper)) : v;
        anyKey = anyKey || foundKey;
        anyValue = anyValue || foundValue;
    }
    const auto setFitted = [](QCPAxis* axis, QCPRange r, bool found) {
        if (!found) return;
        const double margin = r.size() > 0 ? r.size() * kMarginFraction : kLoneValueHalfWidth;
        axis->setRange(r.lower - margin, r.upper + margin);
    };
    setFitted(xAxis, keys, anyKey);
    setFitted(yAxis, values, anyValue);
    replot();
}

} // namespace normlab
