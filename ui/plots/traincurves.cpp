#include "ui/plots/traincurves.h"

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

#include "ui/models/runsmodel.h"
#include "ui/plots/bandplot.h"
#include "ui/plots/curveplot.h"
#include "ui/plots/plotexport.h"

namespace normlab {
namespace {

constexpr int kEachRunView = 0, kBandView = 1;

QWidget* sideBySide(QWidget* left, QWidget* right, QWidget* parent) {
    auto* pair = new QWidget(parent);
    auto* layout = new QHBoxLayout(pair);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(left);
    layout->addWidget(right);
    return pair;
}

QString noteOf(const RunResult& r) {
    return QString::fromStdString(runStatusName(r.status) + ": " + r.message);
}

bool endedBadly(const RunResult& r) {
    return r.status == RunStatus::Diverged || r.status == RunStatus::Failed;
}

} // namespace

TrainCurves::TrainCurves(const ComparisonResults* results, QWidget* parent) : QWidget(parent), m_results(results) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_loss = new CurvePlot(tr("loss"), this);
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_loss->setLegendCorner(Qt::AlignTop | Qt::AlignRight); // losses fall: the upper right stays free
    m_accuracy = new CurvePlot(tr("accuracy"), this);
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    m_accuracy->setLegendCorner(Qt::AlignBottom | Qt::AlignRight); // accuracies rise
    m_lossBands = new BandPlot(tr("epoch"), tr("test loss"), this);
    m_lossBands->setObjectName(QStringLiteral("lossBands"));
    m_lossBands->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_accuracyBands = new BandPlot(tr("epoch"), tr("test accuracy"), this);
    m_accuracyBands->setObjectName(QStringLiteral("accuracyBands"));
    m_stack = new QStackedWidget(this);
    m_stack->addWidget(sideBySide(m_loss, m_accuracy, m_stack));
    m_stack->addWidget(sideBySide(m_lossBands, m_accuracyBands, m_stack));
    layout->addWidget(m_stack, 1);

    auto* options = new QHBoxLayout;
    m_view = new QComboBox(this);
    m_view->setObjectName(QStringLiteral("plotViewCombo"));
    m_view->addItem(tr("each run"));
    m_view->addItem(tr("mean and min–max band over seeds"));
    m_view->setToolTip(tr("Over seeds: one line per configuration through the mean of its seeds, shaded from "
                          "the lowest to the highest seed (test split, per epoch)"));
    connect(m_view, &QComboBox::currentIndexChanged, m_stack, &QStackedWidget::setCurrentIndex);
    auto* smoothing = new QCheckBox(tr("smooth train loss"), this);
    smoothing->setObjectName(QStringLiteral("smoothingCheck"));
    connect(smoothing, &QCheckBox::toggled, m_loss, &CurvePlot::setSmoothing);
    connect(m_view, &QComboBox::currentIndexChanged, smoothing,
            [smoothing](int view) { smoothing->setEnabled(view == kEachRunView); });
    options->addWidget(new QLabel(tr("Show:"), this));
    options->addWidget(m_view);
    options->addWidget(smoothing);
    options->addStretch(1);
    layout->addLayout(options);
}

void TrainCurves::resultsReset() {
    m_loss->clearRuns();
    m_accuracy->clearRuns();
    for (int i = 0; i < m_results->runCount(); ++i) {
        const RunResult& r = m_results->run(i);
        const QString name = QString::fromStdString(r.name);
        m_loss->addRun(i, name, runColor(i));
        m_accuracy->addRun(i, name, runColor(i));
        for (const StepMetric& s : r.steps)
            m_loss->addTrainPoint(i, s.epochs, s.loss);
        for (const EpochMetric& e : r.epochs)
            epochAdded(e);
        if (m_results->ended(i) && endedBadly(r)) runEnded(r);
    }
}

void TrainCurves::stepAdded(const StepMetric& s) {
    m_loss->addTrainPoint(s.run, s.epochs, s.loss);
}

void TrainCurves::epochAdded(const EpochMetric& e) {
    m_loss->addTestPoint(e.run, e.epoch, e.testLoss);
    m_accuracy->addTrainPoint(e.run, e.epoch, e.trainAccuracy);
    m_accuracy->addTestPoint(e.run, e.epoch, e.testAccuracy);
}

void TrainCurves::runEnded(const RunResult& r) {
    if (endedBadly(r)) {
        m_loss->setRunNote(r.run, noteOf(r));
        m_accuracy->setRunNote(r.run, noteOf(r));
    }
}

// Drawn again from the grouping: cheap (a few runs × epochs), so it simply starts over whenever an
// epoch or a run ends.
void TrainCurves::showGroups(const std::vector<SeedGroup>& groups) {
    m_lossBands->clearSeries();
    m_accuracyBands->clearSeries();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        BandPlot::Summary loss{QString::fromStdString(groups[g].name), runColor(static_cast<int>(g)),
                               Qt::SolidLine, {}, {}, {}, {}, static_cast<int>(groups[g].runs.size())};
        BandPlot::Summary accuracy = loss;
        for (const EpochSpread& e : groups[g].epochs) {
            loss.x.push_back(e.epoch);
            loss.mean.push_back(e.testLoss.mean);
            loss.low.push_back(e.testLoss.min);
            loss.high.push_back(e.testLoss.max);
            accuracy.x.push_back(e.epoch);
            accuracy.mean.push_back(e.testAccuracy.mean);
            accuracy.low.push_back(e.testAccuracy.min);
            accuracy.high.push_back(e.testAccuracy.max);
        }
        m_lossBands->addSummary(loss);
        m_accuracyBands->addSummary(accuracy);
    }
    m_lossBands->fit();
    m_accuracyBands->fit();
}

bool TrainCurves::showingBands() const {
    return m_view->currentIndex() == kBandView;
}

void TrainCurves::setShowingBands(bool bands) {
    m_view->setCurrentIndex(bands ? kBandView : kEachRunView);
}

std::pair<QString, QString> TrainCurves::savePlots(const QString& path) const {
    if (showingBands())
        return savePlotPair(path, m_lossBands, QStringLiteral("loss"), m_accuracyBands, QStringLiteral("accuracy"));
    return savePlotPair(path, m_loss, QStringLiteral("loss"), m_accuracy, QStringLiteral("accuracy"));
}

} // namespace normlab
