#include "ui/pages/trainfileactions.h"

#include <QFileInfo>
#include <QWidget>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/data/catalog/datasetavailability.h"
#include "core/session/resultsfiles.h"
#include "core/train/config/trainingdata.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/script/pythonscript.h"
#include "core/train/script/scriptdata.h"
#include "ui/plots/traincurves.h"
#include "ui/widgets/filedialog.h"
#include "ui/widgets/trainform.h"

namespace normlab {
namespace {

QString what(const std::exception& e) {
    return QString::fromStdString(e.what());
}

} // namespace

TrainFileActions::TrainFileActions(QWidget* dialogParent, TrainForm* form, TrainCurves* curves,
                                   ComparisonResults* results)
    : QObject(dialogParent), m_dialogParent(dialogParent), m_form(form), m_curves(curves), m_results(results) {
    connect(&m_scriptRunner, &JobRunner::failed, this,
            [this](const QString& why) { Q_EMIT message(tr("The PyTorch script was not written: %1").arg(why)); });
}

void TrainFileActions::exportResults() {
    const QString path = FileDialog::instance()->getSaveFileName(
        m_dialogParent, tr("Export results"),
        tr("NormLab results, reopen here (*.json);;The lesson's table, for spreadsheets (*.csv)"));
    if (path.isEmpty()) return;
    try {
        writeResultsFile(path.toStdString(), *m_results);
        Q_EMIT message(fileFormatOf(path.toStdString()) == FileFormat::Csv
                           ? tr("Results written to %1 (the lesson's table; Open… reopens the JSON export)").arg(path)
                           : tr("Results written to %1").arg(path));
    } catch (const std::exception& e) {
        Q_EMIT message(tr("Export failed: %1").arg(what(e)));
    }
}

void TrainFileActions::openResults() {
    const QString path = FileDialog::instance()->getOpenFileName(m_dialogParent, tr("Open results"),
                                                                 tr("NormLab results (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    try {
        SavedResults saved = readResultsFile(path.toStdString());
        m_results->reset(std::move(saved.runs), std::move(saved.experiment));
        Q_EMIT resultsReplaced();
        Q_EMIT message(tr("Showing saved results from %1").arg(path));
    } catch (const std::exception& e) {
        Q_EMIT message(what(e));
    }
}

void TrainFileActions::savePlots() {
    const QString path = FileDialog::instance()->getSaveFileName(
        m_dialogParent, tr("Save plots (two files: NAME-loss and NAME-accuracy)"),
        tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
    if (path.isEmpty()) return;
    try {
        const auto [lossPath, accuracyPath] = m_curves->savePlots(path);
        Q_EMIT message(tr("Plots saved: %1 and %2").arg(lossPath, accuracyPath));
    } catch (const std::exception& e) {
        Q_EMIT message(tr("Saving the plots failed: %1").arg(what(e)));
    }
}

void TrainFileActions::openExperiment() {
    const QString path = FileDialog::instance()->getOpenFileName(
        m_dialogParent, tr("Open experiment"), tr("NormLab experiments (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    try {
        m_form->setExperiment(loadExperiment(path.toStdString()));
        Q_EMIT message(tr("Experiment from %1: %2. Start (Ctrl+R) runs it.").arg(path, m_form->runCountText()));
    } catch (const std::exception& e) {
        Q_EMIT message(what(e));
    }
}

void TrainFileActions::saveExperiment() {
    const QString path = FileDialog::instance()->getSaveFileName(m_dialogParent, tr("Save experiment"),
                                                                 tr("NormLab experiments (*.json)"));
    if (path.isEmpty()) return;
    try {
        Experiment experiment = m_form->experiment(); // refuses what Start would refuse
        // Where the data set is, in the words the CLI records (informative: the file names the data set).
        if (const auto a = datasetAvailability(experiment.base.dataset, experiment.base.dataDir); a.catalog)
            experiment.foundIn = a.origin;
        normlab::saveExperiment(path.toStdString(), experiment);
        Q_EMIT message(tr("Experiment saved to %1 (normlab-cli train --experiment %1 runs it too)").arg(path));
    } catch (const std::exception& e) {
        Q_EMIT message(tr("Saving the experiment failed: %1").arg(what(e)));
    }
}

void TrainFileActions::exportPython() {
    if (m_scriptRunner.isRunning()) return;
    Experiment experiment;
    try {
        experiment = m_form->experiment(); // refuses what Start would refuse
    } catch (const Error& e) {
        Q_EMIT message(what(e));
        return;
    }
    const QString path = FileDialog::instance()->getSaveFileName(m_dialogParent, tr("Export as a PyTorch script"),
                                                                 tr("Python scripts (*.py)"));
    if (path.isEmpty()) return;
    Q_EMIT message(tr("Loading the data set for the script's constants…"));
    // The script prints the train split's constants: they need the data, loaded off the GUI thread.
    m_scriptRunner.start([this, experiment, path](const JobRunner::Context& job) mutable {
        const TrainingData data = loadTrainingData(experiment.base, Progress{{}, job.stop()});
        experiment.foundIn = data.train.origin;
        writeFileAtomically(path.toStdString(), pythonScript(experiment, scriptDataFor(experiment.base, data),
                                                             "NormLab " NORMLAB_VERSION));
        return std::function<void()>([this, path] {
            Q_EMIT message(tr("PyTorch script written to %1: python3 %2 --csv results.csv runs the same experiment "
                              "with torch and torchvision alone")
                               .arg(path, QFileInfo(path).fileName()));
        });
    });
}

} // namespace normlab
