#pragma once

#include <QObject>

#include "core/session/comparisonresults.h"
#include "ui/jobs/jobrunner.h"

class QWidget;

namespace normlab {

class TrainCurves;
class TrainForm;

// The Training tab's files, each through the session layer: results exported (JSON or CSV, by
// the file's extension, the grid's columns included) and reopened, the plots saved, experiment
// files opened and saved, and the experiment exported as a PyTorch script (its data loaded on a
// worker). Every outcome is one sentence for the page's message line.
class TrainFileActions : public QObject {
    Q_OBJECT

public:
    TrainFileActions(QWidget* dialogParent, TrainForm* form, TrainCurves* curves, ComparisonResults* results);

public Q_SLOTS:
    void exportResults();
    void openResults();
    void savePlots();
    void openExperiment();
    void saveExperiment();
    void exportPython();

Q_SIGNALS:
    void message(const QString& text);
    // openResults() replaced the results: views over them redraw.
    void resultsReplaced();

private:
    QWidget* m_dialogParent;
    TrainForm* m_form;
    TrainCurves* m_curves;
    ComparisonResults* m_results;
    JobRunner m_scriptRunner{JobRunner::Policy::Refuse}; // loads the data an exported script needs
};

} // namespace normlab
