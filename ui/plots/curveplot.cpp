#include "ui/plots/curveplot.h"

#include <QToolTip>

#include "ui/plots/epochticker.h"
#include "ui/plots/plotfonts.h"

namespace normlab {
namespace {

constexpr int kReplotMs = 100;         // at most ten replots a second, whatever the step rate
constexpr double kSmoothingKeep = 0.7; // weight of the previous smoothed value

} // namespace

CurvePlot::CurvePlot(const QString& yLabel, QWidget* parent) : QCustomPlot(parent) {
    setMinimumSize(280, 220);
    xAxis->setLabel(tr("epoch"));
    xAxis->setTicker(wholeEpochTicker());
    yAxis->setLabel(yLabel);
    legend->setVisible(true);
    followWidgetFont(this);
    setInteractions(QCP::iRangeDrag | QCP::iRangeZoom);
    m_replot.setSingleShot(true);
    m_replot.setInterval(kReplotMs);
    connect(&m_replot, &QTimer::timeout, this, [this] {
        rescaleAxes(true);
        replot(QCustomPlot::rpQueuedReplot);
    });
    connect(this, &QCustomPlot::mouseMove, this, &CurvePlot::showValueTip);
}

void CurvePlot::clearRuns() {
    clearGraphs();
    m_runs.clear();
    scheduleReplot();
}

void CurvePlot::addRun(int run, const QString& name, const QColor& color) {
    Run r;
    r.train = addGraph();
    r.train->setName(tr("%1 train").arg(name));
    r.train->setPen(QPen(color, 1.6));
    r.test = addGraph();
    r.test->setName(tr("%1 test").arg(name));
    r.test->setPen(QPen(color, 2.0, Qt::DashLine));
    r.test->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, color, Qt::white, 6));
    r.name = name;
    m_runs[run] = r;
    scheduleReplot();
}

void CurvePlot::addTrainPoint(int run, double epochs, double value) {
    auto it = m_runs.find(run);
    if (it == m_runs.end()) return;
    Run& r = it->second;
    r.smoothed = r.rawX.isEmpty() ? value : kSmoothingKeep * r.smoothed + (1 - kSmoothingKeep) * value;
    r.rawX.push_back(epochs);
    r.rawY.push_back(value);
    r.train->addData(epochs, m_smoothing ? r.smoothed : value);
    scheduleReplot();
}

void CurvePlot::addTestPoint(int run, double epochs, double value) {
    auto it = m_runs.find(run);
    if (it == m_runs.end()) return;
    it->second.test->addData(epochs, value);
    scheduleReplot();
}

void CurvePlot::setRunNote(int run, const QString& note) {
    auto it = m_runs.find(run);
    if (it == m_runs.end()) return;
    it->second.train->setName(tr("%1 train — %2").arg(it->second.name, note));
    it->second.test->setName(tr("%1 test — %2").arg(it->second.name, note));
    scheduleReplot();
}

void CurvePlot::setSmoothing(bool on) {
    m_smoothing = on;
    for (auto& [id, run] : m_runs)
        refillTrain(run);
    scheduleReplot();
}

void CurvePlot::refillTrain(Run& run) {
    QVector<double> y = run.rawY;
    if (m_smoothing)
        for (int i = 1; i < y.size(); ++i)
            y[i] = kSmoothingKeep * y[i - 1] + (1 - kSmoothingKeep) * run.rawY[i];
    run.train->setData(run.rawX, y, true);
}

int CurvePlot::trainPointCount(int run) const {
    const auto it = m_runs.find(run);
    return it == m_runs.end() ? 0 : it->second.train->dataCount();
}

int CurvePlot::testPointCount(int run) const {
    const auto it = m_runs.find(run);
    return it == m_runs.end() ? 0 : it->second.test->dataCount();
}

void CurvePlot::scheduleReplot() {
    if (!m_replot.isActive()) m_replot.start();
}

void CurvePlot::showValueTip(QMouseEvent* event) {
    QStringList lines;
    for (int g = 0; g < graphCount(); ++g) {
        QCPGraph* graph = this->graph(g);
        if (graph->dataCount() == 0) continue;
        const double x = xAxis->pixelToCoord(event->position().x());
        auto it = graph->data()->findBegin(x, true);
        if (it == graph->data()->constEnd()) continue;
        const double px = xAxis->coordToPixel(it->key), py = yAxis->coordToPixel(it->value);
        if (std::hypot(px - event->position().x(), py - event->position().y()) < 12)
            lines << QStringLiteral("%1: epoch %2, %3")
                         .arg(graph->name())
                         .arg(it->key, 0, 'f', 2)
                         .arg(it->value, 0, 'g', 6);
    }
    if (!lines.isEmpty()) QToolTip::showText(event->globalPosition().toPoint(), lines.join(QLatin1Char('\n')), this);
}

} // namespace normlab
