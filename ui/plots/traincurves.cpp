#include "ui/plots/traincurves.h"

#include <algorithm>

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
constexpr int kLegendColumns = 3; // a saved plot's legend below it: three entries a row

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

std::vector<QCustomPlot*> plots(const TrainCurves* curves) {
    return {curves->lossPlot(), curves->accuracyPlot(), curves->lossBands(), curves->accuracyBands()};
}

// While it lives, the plot's legend shows in a row of its own below the axis rect (for a saved
// file); then it goes back inside, hidden, as the window shows it.
class LegendBelow {
public:
    explicit LegendBelow(QCustomPlot* plot) : m_plot(plot) {
        m_plot->axisRect()->insetLayout()->take(m_plot->legend);
        m_plot->plotLayout()->addElement(1, 0, m_plot->legend);
        m_plot->plotLayout()->setRowStretchFactor(1, 0.001);
        m_plot->legend->setWrap(kLegendColumns);
        m_plot->legend->setFillOrder(QCPLayoutGrid::foColumnsFirst);
        m_plot->legend->setVisible(true);
        m_plot->replot();
    }
    ~LegendBelow() {
        m_plot->plotLayout()->take(m_plot->legend);
        m_plot->plotLayout()->simplify();
        m_plot->axisRect()->insetLayout()->addElement(m_plot->legend, Qt::AlignTop | Qt::AlignRight);
        m_plot->legend->setVisible(false);
        m_plot->replot();
    }
    LegendBelow(const LegendBelow&) = delete;
    LegendBelow& operator=(const LegendBelow&) = delete;

private:
    QCustomPlot* m_plot;
};

} // namespace

TrainCurves::TrainCurves(const ComparisonResults* results, QWidget* parent) : QWidget(parent), m_results(results) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // One legend for both plots, above them: inside a plot, a dozen entries in larger fonts covered
    // most of the curves.
    m_legend = new QLabel(this);
    m_legend->setObjectName(QStringLiteral("curvesLegend"));
    m_legend->setWordWrap(true);
    m_legend->setTextFormat(Qt::RichText);
    layout->addWidget(m_legend);
    m_loss = new CurvePlot(tr("loss"), this);
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_accuracy = new CurvePlot(tr("accuracy"), this);
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    m_lossBands = new BandPlot(tr("epoch"), tr("test loss"), this);
    m_lossBands->setObjectName(QStringLiteral("lossBands"));
    m_accuracyBands = new BandPlot(tr("epoch"), tr("test accuracy"), this);
    m_accuracyBands->setObjectName(QStringLiteral("accuracyBands"));
    for (QCustomPlot* plot : plots(this))
        plot->legend->setVisible(false);
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
    connect(m_view, &QComboBox::currentIndexChanged, this, &TrainCurves::updateLegend);
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
    updateLegend();
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
    updateLegend();
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
    updateLegend();
}

// Drawn again from the grouping: cheap (a few runs × epochs), so it simply starts over whenever an
// epoch or a run ends. Each seed's own curve shows from its first epoch; the mean and band from the
// epochs two seeds have reached (a configuration of one run: its own line), so a comparison draws
// live and a stopped one keeps what its seeds finished.
void TrainCurves::showGroups(const std::vector<SeedGroup>& groups) {
    m_groups = groups;
    m_lossBands->clearSeries();
    m_accuracyBands->clearSeries();
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const SeedGroup& group = groups[g];
        const QColor color = runColor(static_cast<int>(g));
        if (group.runs.size() > 1)
            for (int run : group.runs) {
                QVector<double> x, loss, accuracy;
                for (const EpochMetric& e : m_results->run(run).epochs) {
                    x.push_back(e.epoch);
                    loss.push_back(e.testLoss);
                    accuracy.push_back(e.testAccuracy);
                }
                m_lossBands->addRunCurve(x, loss, color);
                m_accuracyBands->addRunCurve(x, accuracy, color);
            }
        const int needed = group.runs.size() > 1 ? 2 : 1;
        BandPlot::Summary loss{QString::fromStdString(group.name), color, Qt::SolidLine, {}, {}, {}, {},
                               static_cast<int>(group.runs.size())};
        BandPlot::Summary accuracy = loss;
        for (const EpochSpread& e : group.reached) {
            if (e.testLoss.count < needed) continue;
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
    updateLegend();
}

bool TrainCurves::showingBands() const {
    return m_view->currentIndex() == kBandView;
}

void TrainCurves::setShowingBands(bool bands) {
    m_view->setCurrentIndex(bands ? kBandView : kEachRunView);
}

std::pair<QString, QString> TrainCurves::savePlots(const QString& path) const {
    // A saved plot stands alone: it carries its legend, below the plot where it covers nothing.
    const auto save = [&](QCustomPlot* loss, QCustomPlot* accuracy) {
        const LegendBelow lossLegend(loss), accuracyLegend(accuracy);
        return savePlotPair(path, loss, QStringLiteral("loss"), accuracy, QStringLiteral("accuracy"));
    };
    return showingBands() ? save(m_lossBands, m_accuracyBands) : save(m_loss, m_accuracy);
}

// A coloured square and the name, per run (each run) or per configuration (over seeds), and once
// what the line styles mean. Names come from the runs: escaped, never read as markup.
void TrainCurves::updateLegend() {
    QStringList entries;
    const auto entry = [](const QColor& color, const QString& text) {
        return QStringLiteral("<span style=\"color:%1\">&#9632;</span>&nbsp;%2")
            .arg(color.name(), text.toHtmlEscaped().replace(QLatin1Char(' '), QStringLiteral("&nbsp;")));
    };
    QString styles;
    if (showingBands()) {
        for (std::size_t g = 0; g < m_groups.size(); ++g) {
            const SeedGroup& group = m_groups[g];
            QString text = QString::fromStdString(group.name);
            if (group.runs.size() > 1) text += tr(" (%1 seeds)").arg(group.runs.size());
            const bool stopped = std::any_of(group.runs.begin(), group.runs.end(), [this](int run) {
                return m_results->run(run).status == RunStatus::Cancelled;
            });
            if (stopped) text += tr(" — stopped");
            else if (group.reached.size() > group.epochs.size()) text += tr(" — seeds still running");
            entries << entry(runColor(static_cast<int>(g)), text);
        }
        styles = tr("line: mean over seeds · band: lowest to highest seed · thin: each seed (test split)");
    } else {
        for (int i = 0; i < m_results->runCount(); ++i) {
            const RunResult& r = m_results->run(i);
            QString text = QString::fromStdString(r.name);
            if (m_results->ended(i) && endedBadly(r)) text += QStringLiteral(" — ") + noteOf(r);
            entries << entry(runColor(i), text);
        }
        styles = tr("solid: train · dashed with dots: test, per epoch");
    }
    m_legend->setText(entries.isEmpty() ? QString()
                                        : entries.join(QStringLiteral(" &emsp; ")) + QStringLiteral("<br><i>") +
                                              styles.toHtmlEscaped() + QStringLiteral("</i>"));
    m_legend->setVisible(!entries.isEmpty());
}

} // namespace normlab
