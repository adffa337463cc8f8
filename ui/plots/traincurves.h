#pragma once

#include <utility>
#include <vector>

#include <QWidget>

#include "core/session/comparisonresults.h"

class QComboBox;
class QLabel;
class QStackedWidget;

namespace normlab {

class BandPlot;
class CurvePlot;

// The training page's curves: loss and accuracy of every run side by side (train per reporting
// step, test per epoch, one colour per run), or over seeds each configuration's mean with a
// min–max band over the seeds that reached each epoch and each seed's own faint curve, with the
// "Show:" switch and train-loss smoothing. One legend serves both plots, above them, one entry per
// run or configuration, so no legend covers a curve. It draws what the session's
// ComparisonResults holds and keeps no run of its own.
class TrainCurves : public QWidget {
    Q_OBJECT

public:
    explicit TrainCurves(const ComparisonResults* results, QWidget* parent = nullptr);

    // Draws every run of the results again (a new comparison, reopened results).
    void resultsReset();
    // The run's newest train-loss step / epoch, already in the results.
    void stepAdded(const StepMetric& step);
    void epochAdded(const EpochMetric& epoch);
    // A run that ended badly says why in the legend.
    void runEnded(const RunResult& result);
    // Each configuration's mean and band over its seeds (the results' seedGroups(), which the
    // page computes once for the table, the verdicts and these).
    void showGroups(const std::vector<SeedGroup>& groups);

    bool showingBands() const;
    void setShowingBands(bool bands);
    // Writes NAME-loss and NAME-accuracy of the view shown, each with its legend below the plot;
    // returns both paths. Throws Error.
    std::pair<QString, QString> savePlots(const QString& path) const;

    CurvePlot* lossPlot() const { return m_loss; }
    CurvePlot* accuracyPlot() const { return m_accuracy; }
    BandPlot* lossBands() const { return m_lossBands; }
    BandPlot* accuracyBands() const { return m_accuracyBands; }
    QLabel* legend() const { return m_legend; }

private:
    void updateLegend();

    const ComparisonResults* m_results;
    std::vector<SeedGroup> m_groups; // as last shown, for the legend
    CurvePlot* m_loss;
    CurvePlot* m_accuracy;
    BandPlot* m_lossBands;
    BandPlot* m_accuracyBands;
    QStackedWidget* m_stack;
    QComboBox* m_view;
    QLabel* m_legend;
};

} // namespace normlab
