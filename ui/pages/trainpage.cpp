#include "ui/pages/trainpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QMenu>
#include <QSettings>
#include <QStackedWidget>
#include <QTabWidget>
#include <QThread>
#include <QToolButton>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/common/filebytes.h"
#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/experiment/experimentgrid.h"
#include "core/train/experiment/lessonseeds.h"
#include "core/train/script/pythonscript.h"
#include "core/train/script/scriptdata.h"
#include "core/train/config/trainingdata.h"
#include "core/train/experiment/resultsexport.h"
#include "core/train/experiment/seedsummary.h"
#include "ui/plots/bandplot.h"
#include "ui/plots/curveplot.h"
#include "ui/jobs/enginestatus.h"
#include "ui/widgets/filedialog.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/seedsummarymodel.h"
#include "ui/plots/plotexport.h"
#include "ui/widgets/samplestrip.h"
#include "ui/widgets/tableviewutil.h"
#include "ui/widgets/trainform.h"
#include "ui/jobs/trainjob.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;
constexpr int kFormMinimumChars = 30;
constexpr int kEachRunView = 0, kBandView = 1;
// How long one lesson epoch took here, per device kind: the lesson preset's seeds follow it.
const QString kLessonEpochKey = QStringLiteral("training/lessonEpochSeconds/%1");

bool isLessonRun(const TrainConfig& c) {
    const TrainConfig lesson = lessonPreset();
    return c.dataset == lesson.dataset && c.model == lesson.model && c.batchSize == lesson.batchSize && c.limit == 0;
}

QString deviceKind(const QString& device) {
    return device.startsWith(QLatin1String("cuda")) ? QStringLiteral("cuda") : QStringLiteral("cpu");
}

// The catalog data set a configuration needs when it is not on this machine, else nullptr.
const DatasetInfo* missingCatalogDataset(const TrainConfig& config) {
    const DatasetInfo* info = findCatalogDataset(config.dataset);
    if (!info) return nullptr;
    return locateCatalogDataset(*info, config.dataDir.empty() ? defaultDataDir() : config.dataDir) ? nullptr : info;
}

} // namespace

TrainPage::TrainPage(QWidget* parent)
    : QWidget(parent), m_engine(new EngineStatus(this)), m_job(new TrainJob(this)), m_form(new TrainForm(this)),
      m_runsModel(new RunsModel(this)), m_resultsModel(new EpochResultsModel(this)),
      m_seedModel(new SeedSummaryModel(this)) {
    // Left: the form, the runs and what happened. It scrolls rather than widening the window.
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_form);
    m_progress = new QProgressBar(left);
    m_progress->setObjectName(QStringLiteral("trainProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setValue(0);
    leftLayout->addWidget(m_progress);
    m_message = new QLabel(left);
    m_message->setObjectName(QStringLiteral("trainMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    leftLayout->addWidget(m_message);
    m_download = new QPushButton(left);
    m_download->setObjectName(QStringLiteral("trainDownloadButton"));
    m_download->hide();
    leftLayout->addWidget(m_download);
    m_runs = makeTableView(m_runsModel, QStringLiteral("runsTable"), left);
    m_runs->setSelectionMode(QAbstractItemView::SingleSelection);
    m_runs->setMinimumHeight(m_runs->fontMetrics().height() * 5);
    leftLayout->addWidget(m_runs, 1);
    auto* files = new QHBoxLayout;
    auto* exportButton = new QPushButton(tr("Export…"), left);
    exportButton->setObjectName(QStringLiteral("exportResultsButton"));
    exportButton->setToolTip(tr("Export the results: JSON reopens in NormLab, CSV is the lesson's table"));
    auto* openButton = new QPushButton(tr("Open…"), left);
    openButton->setObjectName(QStringLiteral("openResultsButton"));
    openButton->setToolTip(tr("Show results exported as JSON again, without training"));
    auto* plotButton = new QPushButton(tr("Save plots…"), left);
    plotButton->setObjectName(QStringLiteral("savePlotsButton"));
    plotButton->setToolTip(tr("Writes two files: NAME-loss and NAME-accuracy (PNG, PDF or SVG)"));
    files->addWidget(exportButton);
    files->addWidget(openButton);
    files->addWidget(plotButton);
    leftLayout->addLayout(files);
    // Experiment files: the same normlab-experiment JSON the CLI's --experiment runs, and the
    // experiment as a plain PyTorch script. One menu button keeps the narrow column narrow.
    auto* experimentButton = new QToolButton(left);
    experimentButton->setObjectName(QStringLiteral("experimentButton"));
    experimentButton->setText(tr("Experiment file"));
    experimentButton->setPopupMode(QToolButton::InstantPopup);
    auto* experimentMenu = new QMenu(experimentButton);
    experimentMenu->addAction(tr("Open experiment…"), this, &TrainPage::openExperiment);
    experimentMenu->addAction(tr("Save experiment…"), this, &TrainPage::saveExperiment);
    experimentMenu->addAction(tr("Export as a PyTorch script…"), this, &TrainPage::exportPython);
    experimentButton->setMenu(experimentMenu);
    experimentButton->setToolTip(tr("Open or save this form as an experiment file (normlab-cli train --experiment "
                                    "runs it), or write a standalone PyTorch script that reproduces it"));
    leftLayout->addWidget(experimentButton, 0, Qt::AlignLeft);
    auto* leftScroll = new QScrollArea(this);
    leftScroll->setWidget(left);
    leftScroll->setWidgetResizable(true);
    leftScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded); // larger fonts: scroll, never cut
    leftScroll->setFrameShape(QFrame::NoFrame);
    // Narrow enough that the window fits 1280 px in larger fonts too; the form scrolls sideways.
    leftScroll->setMinimumWidth(leftScroll->fontMetrics().averageCharWidth() * kFormMinimumChars);

    // Right: curves, what the network sees, the results table.
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("trainRightSplitter"));
    auto* plots = new QWidget(right);
    auto* plotLayout = new QVBoxLayout(plots);
    plotLayout->setContentsMargins(0, 0, 0, 0);
    auto* curves = new QHBoxLayout;
    m_loss = new CurvePlot(tr("loss"), plots);
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_loss->setLegendCorner(Qt::AlignTop | Qt::AlignRight); // losses fall: the upper right stays free
    m_accuracy = new CurvePlot(tr("accuracy"), plots);
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    m_accuracy->setLegendCorner(Qt::AlignBottom | Qt::AlignRight); // accuracies rise
    curves->addWidget(m_loss);
    curves->addWidget(m_accuracy);
    auto* eachRun = new QWidget(plots);
    eachRun->setLayout(curves);
    curves->setContentsMargins(0, 0, 0, 0);
    auto* bandCurves = new QHBoxLayout;
    bandCurves->setContentsMargins(0, 0, 0, 0);
    m_lossBands = new BandPlot(tr("epoch"), tr("test loss"), plots);
    m_lossBands->setObjectName(QStringLiteral("lossBands"));
    m_lossBands->axisRect()->insetLayout()->setInsetAlignment(0, Qt::AlignTop | Qt::AlignRight);
    m_accuracyBands = new BandPlot(tr("epoch"), tr("test accuracy"), plots);
    m_accuracyBands->setObjectName(QStringLiteral("accuracyBands"));
    bandCurves->addWidget(m_lossBands);
    bandCurves->addWidget(m_accuracyBands);
    auto* overSeeds = new QWidget(plots);
    overSeeds->setLayout(bandCurves);
    m_plotStack = new QStackedWidget(plots);
    m_plotStack->addWidget(eachRun);
    m_plotStack->addWidget(overSeeds);
    plotLayout->addWidget(m_plotStack, 1);
    auto* plotOptions = new QHBoxLayout;
    m_plotView = new QComboBox(plots);
    m_plotView->setObjectName(QStringLiteral("plotViewCombo"));
    m_plotView->addItem(tr("each run"));
    m_plotView->addItem(tr("mean and min–max band over seeds"));
    m_plotView->setToolTip(tr("Over seeds: one line per configuration through the mean of its seeds, shaded from "
                              "the lowest to the highest seed (test split, per epoch)"));
    connect(m_plotView, &QComboBox::currentIndexChanged, m_plotStack, &QStackedWidget::setCurrentIndex);
    auto* smoothing = new QCheckBox(tr("smooth train loss"), plots);
    smoothing->setObjectName(QStringLiteral("smoothingCheck"));
    connect(smoothing, &QCheckBox::toggled, m_loss, &CurvePlot::setSmoothing);
    connect(m_plotView, &QComboBox::currentIndexChanged, smoothing,
            [smoothing](int view) { smoothing->setEnabled(view == kEachRunView); });
    plotOptions->addWidget(new QLabel(tr("Show:"), plots));
    plotOptions->addWidget(m_plotView);
    plotOptions->addWidget(smoothing);
    plotOptions->addStretch(1);
    plotLayout->addLayout(plotOptions);
    m_samples = new SampleStrip(right);
    m_tables = new QTabWidget(right);
    m_tables->setObjectName(QStringLiteral("resultTabs"));
    m_results = makeTableView(m_resultsModel, QStringLiteral("resultsTable"), m_tables, EpochResultsModel::ValueRole);
    m_tables->addTab(m_results, tr("Each run"));
    auto* seedsTab = new QWidget(m_tables);
    auto* seedsLayout = new QVBoxLayout(seedsTab);
    seedsLayout->setContentsMargins(0, 0, 0, 0);
    m_verdict = new QLabel(seedsTab);
    m_verdict->setObjectName(QStringLiteral("seedVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    seedsLayout->addWidget(m_verdict);
    seedsLayout->addWidget(
        makeTableView(m_seedModel, QStringLiteral("seedSummaryTable"), seedsTab, SeedSummaryModel::ValueRole), 1);
    m_tables->addTab(seedsTab, tr("Mean ± std over seeds"));
    right->addWidget(plots);
    right->addWidget(m_samples);
    right->addWidget(m_tables);
    right->setStretchFactor(0, 4);
    right->setStretchFactor(1, 1);
    right->setStretchFactor(2, 2);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("trainSplitter"));
    split->addWidget(leftScroll);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_form, &TrainForm::lessonRequested, this, &TrainPage::applyLessonPreset);
    connect(m_form, &TrainForm::startRequested, this, &TrainPage::start);
    connect(m_form, &TrainForm::stopRunRequested, this, &TrainPage::stopRun);
    connect(m_form, &TrainForm::stopAllRequested, this, &TrainPage::stopAll);
    connect(exportButton, &QPushButton::clicked, this, &TrainPage::exportResults);
    connect(openButton, &QPushButton::clicked, this, &TrainPage::openResults);
    connect(plotButton, &QPushButton::clicked, this, &TrainPage::savePlots);
    connect(m_download, &QPushButton::clicked, this, [this] { Q_EMIT downloadRequested(m_missingDataset); });
    connect(m_runsModel, &QAbstractItemModel::dataChanged, this, &TrainPage::updateStopTarget);
    connect(m_runsModel, &QAbstractItemModel::modelReset, this, &TrainPage::updateStopTarget);
    connect(m_runs->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrainPage::updateStopTarget);
    connect(m_engine, &EngineStatus::changed, this, &TrainPage::engineChanged);
    connect(&m_scriptRunner, &JobRunner::failed, this,
            [this](const QString& why) { setMessage(tr("The PyTorch script was not written: %1").arg(why)); });
    m_form->showEngine(*m_engine);
    connectJob();
}

void TrainPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_engine->load(); // LibTorch loads while the user reads the form, not at start-up
}

void TrainPage::connectJob() {
    connect(m_job, &TrainJob::dataLoading, this, [this] { setMessage(tr("Loading the data set…")); });
    // Only now do the old results make way: a start that cannot load its data keeps them.
    connect(m_job, &TrainJob::dataLoaded, this, [this] {
        resetRuns(m_pending, m_pendingNames);
        m_experiment = m_pendingExperiment;
    });
    connect(m_job, &TrainJob::runStarted, this,
            [this](int run, const QString&, const QString& device, const std::vector<std::vector<float>>& samples,
                   int w, int h) {
                m_runsModel->setStarted(run, device);
                const QString name = m_runsModel->run(run).name;
                setMessage(tr("Training %1…").arg(name));
                m_samples->addRun(run, name, runColor(run), samples, w, h);
            });
    connect(m_job, &TrainJob::batchProgress, this, [this](int run, int epoch, int batch, int batches) {
        m_runsModel->setProgress(run, epoch, batch, batches);
        const int runs = m_runsModel->rowCount();
        const int epochs = m_runsModel->run(run).config.epochs;
        const double done = ((run * epochs + (epoch - 1)) * static_cast<double>(batches) + batch) /
                            (static_cast<double>(runs) * epochs * batches);
        m_progress->setValue(static_cast<int>(done * kProgressSteps));
    });
    connect(m_job, &TrainJob::stepReported, this,
            [this](const StepMetric& s) { m_loss->addTrainPoint(s.run, s.epochs, s.loss); });
    connect(m_job, &TrainJob::epochFinished, this, [this](const EpochMetric& e) {
        addEpoch(e.run, e);
        rememberEpochTime(e.run, e);
    });
    connect(m_job, &TrainJob::runFinished, this, [this](const RunResult& r) {
        runEnded(r);
        if (r.status == RunStatus::Diverged || r.status == RunStatus::Failed) {
            const QString why = QString::fromStdString(runStatusName(r.status) + ": " + r.message);
            m_loss->setRunNote(r.run, why);
            m_accuracy->setRunNote(r.run, why);
            setMessage(tr("%1 %2").arg(m_runsModel->run(r.run).name, why));
            m_failed = true;
        }
    });
    connect(m_job, &TrainJob::failed, this, [this](const QString& message) {
        setMessage(tr("Could not start: %1").arg(message));
        m_failed = true;
    });
    connect(m_job, &TrainJob::allFinished, this, [this] {
        m_form->setRunning(false);
        // The verdict is the lesson's answer: say it where the eye already is.
        const auto comparisons = compareGroups(m_seedModel->groups());
        if (!m_failed)
            setMessage(comparisons.size() == 1 ? tr("Done. %1").arg(QString::fromStdString(comparisons.front().text))
                                               : tr("Done."));
    });
}

TrainConfig TrainPage::config() const {
    return m_form->config();
}

void TrainPage::setConfig(const TrainConfig& config) {
    m_form->setConfig(config);
}

std::vector<Method> TrainPage::methods() const {
    return m_form->methods();
}

void TrainPage::setMethods(const std::vector<Method>& methods) {
    m_form->setMethods(methods);
}

void TrainPage::setDataDir(const std::filesystem::path& dataDir) {
    m_form->setDataDir(dataDir);
}

void TrainPage::refreshDatasets() {
    m_form->refreshDatasets();
}

void TrainPage::applyLessonPreset() {
    // Three seeds when the device finishes them in a lesson's time, measured here once it has run.
    const bool cuda = m_engine->state() == EngineStatus::State::Ready && m_engine->cudaAvailable();
    const QVariant measured = QSettings().value(kLessonEpochKey.arg(cuda ? QStringLiteral("cuda") : QStringLiteral("cpu")));
    const double seconds = measured.isValid() ? measured.toDouble()
                                              : estimatedLessonEpochSeconds(cuda, static_cast<unsigned>(QThread::idealThreadCount()));
    const LessonSeeds advice = lessonSeeds(seconds, measured.isValid());
    m_form->applyLessonPreset(advice.seeds);
    setMessage(tr("Lesson experiment: %1").arg(QString::fromStdString(advice.why)));
}

void TrainPage::rememberEpochTime(int run, const EpochMetric& e) {
    // The first epoch carries warm-up (allocations, LibTorch's first kernels): later ones are typical.
    if (run < 0 || run >= m_runsModel->rowCount() || e.epoch < 2) return;
    const RunsModel::Run& r = m_runsModel->run(run);
    if (isLessonRun(r.config)) QSettings().setValue(kLessonEpochKey.arg(deviceKind(r.device)), e.epochSeconds);
}

void TrainPage::setMessage(const QString& text) {
    m_message->setText(text);
    m_message->setToolTip(text);
}

QString TrainPage::message() const {
    return m_message->text();
}

void TrainPage::start() {
    if (m_job->isRunning()) return;
    std::vector<GridRun> grid;
    try {
        grid = m_form->runs();
    } catch (const Error& e) {
        setMessage(QString::fromStdString(e.what()));
        return;
    }
    const Experiment experiment = m_form->experiment();
    const TrainConfig& base = experiment.base;
    m_download->hide();
    if (const DatasetInfo* missing = missingCatalogDataset(base)) {
        // Say why and offer the fix; what is on screen stays.
        m_missingDataset = QString::fromStdString(missing->id);
        const QString name = QString::fromStdString(missing->displayName);
        QString text = tr("%1 is not on this machine, so the comparison cannot start.").arg(name);
        if (!missing->debianPackage.empty())
            text += tr(" Offline: sudo apt-get install %1.").arg(QString::fromStdString(missing->debianPackage));
        setMessage(text);
        m_download->setText(tr("Download %1").arg(name));
        m_download->show();
        return;
    }
    m_pending.clear();
    m_pendingNames.clear();
    for (const GridRun& run : grid) {
        m_pending.push_back(run.config);
        m_pendingNames.push_back(QString::fromStdString(run.name));
    }
    setShowingBands(experiment.seeds > 1);
    m_pendingExperiment = experiment;
    m_failed = false;
    // While LibTorch loads, glibc's loader lock makes creating a thread wait for the load: the
    // worker would block the GUI thread for up to a second. A start then waits for the engine.
    if (m_engine->state() != EngineStatus::State::Ready) m_engine->load(); // a failed load is tried again
    if (m_engine->state() == EngineStatus::State::Loading) {
        m_startWhenLoaded = true;
        m_form->setRunning(true);
        setMessage(tr("Loading the training engine (LibTorch)…"));
        return;
    }
    m_form->setRunning(m_job->start(m_pending));
}

void TrainPage::engineChanged() {
    m_form->showEngine(*m_engine);
    const bool ready = m_engine->state() == EngineStatus::State::Ready;
    if (m_engine->state() == EngineStatus::State::Unavailable) setMessage(m_engine->description());
    if (!m_startWhenLoaded || m_engine->state() == EngineStatus::State::Loading) return;
    m_startWhenLoaded = false;
    m_form->setRunning(ready && m_job->start(m_pending));
}

void TrainPage::stopAll() {
    if (m_startWhenLoaded) {
        m_startWhenLoaded = false;
        m_form->setRunning(false);
        setMessage(tr("Stopped before it began."));
        return;
    }
    m_job->stopAll();
}

int TrainPage::stopTarget() const {
    const auto active = m_runsModel->activeRuns();
    if (active.empty() || !m_job->isRunning()) return -1;
    const QModelIndexList selected = m_runs->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        const int row = selected.first().row();
        if (std::find(active.begin(), active.end(), row) != active.end()) return row;
    }
    for (int row : active)
        if (m_runsModel->run(row).status == RunStatus::Running) return row;
    return -1;
}

void TrainPage::updateStopTarget() {
    const int target = stopTarget();
    m_form->setStopRunTarget(target < 0 ? QString() : m_runsModel->run(target).name);
}

void TrainPage::stopRun() {
    const int target = stopTarget();
    if (target >= 0) m_job->stopRun(target);
}

void TrainPage::resetRuns(const std::vector<TrainConfig>& configs, const std::vector<QString>& names) {
    m_finished.clear();
    m_loss->clearRuns();
    m_accuracy->clearRuns();
    m_resultsModel->clear();
    m_samples->clear();
    m_progress->setValue(0);
    m_runsModel->reset(configs, names);
    m_live.clear();
    for (int i = 0; i < m_runsModel->rowCount(); ++i) {
        m_loss->addRun(i, m_runsModel->run(i).name, runColor(i));
        m_accuracy->addRun(i, m_runsModel->run(i).name, runColor(i));
        RunResult r;
        r.run = i;
        r.name = m_runsModel->run(i).name.toStdString();
        r.config = configs[static_cast<std::size_t>(i)];
        m_live.push_back(r);
    }
    refreshSeedSummary();
}

void TrainPage::runEnded(const RunResult& r) {
    m_finished[r.run] = r;
    m_runsModel->setFinished(r);
    if (r.run >= 0 && static_cast<std::size_t>(r.run) < m_live.size()) {
        m_live[static_cast<std::size_t>(r.run)].status = r.status;
        refreshSeedSummary();
    }
}

bool TrainPage::showingBands() const {
    return m_plotView->currentIndex() == kBandView;
}

void TrainPage::setShowingBands(bool bands) {
    m_plotView->setCurrentIndex(bands ? kBandView : kEachRunView);
    m_tables->setCurrentIndex(bands ? 1 : 0);
}

QString TrainPage::verdictText() const {
    return m_verdict->text();
}

// Groups every run by configuration and redraws what depends on it: the table, the bands and
// the verdicts. Cheap (a few runs × epochs), so it simply starts over at every finished epoch.
void TrainPage::refreshSeedSummary() {
    const std::vector<SeedGroup> groups = groupBySeed(m_live);
    m_seedModel->setGroups(groups);
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
    QStringList verdicts;
    for (const GroupComparison& c : compareGroups(groups))
        verdicts << QString::fromStdString(c.text);
    m_verdict->setText(verdicts.isEmpty() ? tr("The verdicts on noise appear here once the runs of two "
                                               "configurations have finished an epoch.")
                                          : verdicts.join(QLatin1Char('\n')));
}

void TrainPage::addEpoch(int run, const EpochMetric& e) {
    m_loss->addTestPoint(run, e.epoch, e.testLoss);
    m_accuracy->addTrainPoint(run, e.epoch, e.trainAccuracy);
    m_accuracy->addTestPoint(run, e.epoch, e.testAccuracy);
    const RunsModel::Run& r = m_runsModel->run(run);
    m_resultsModel->addEpoch(r.name, r.config, r.device, e);
    if (run >= 0 && static_cast<std::size_t>(run) < m_live.size()) {
        m_live[static_cast<std::size_t>(run)].epochs.push_back(e);
        refreshSeedSummary();
    }
}

QString TrainPage::runState(int run) const {
    return run >= 0 && run < m_runsModel->rowCount() ? m_runsModel->stateText(run) : QString();
}

std::vector<RunResult> TrainPage::results() const {
    std::vector<RunResult> list;
    for (const auto& [run, result] : m_finished)
        list.push_back(result);
    return list;
}

void TrainPage::exportResults() {
    const QString path = FileDialog::instance()->getSaveFileName(
        this, tr("Export results"),
        tr("NormLab results, reopen here (*.json);;The lesson's table, for spreadsheets (*.csv)"));
    if (path.isEmpty()) return;
    try {
        const auto list = results();
        const bool csv = path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive);
        // JSON records the experiment, so the file alone runs the comparison again (CLI --experiment).
        const std::string json = m_experiment ? resultsToJson(list, *m_experiment) : resultsToJson(list);
        writeFileAtomically(path.toStdString(), csv ? resultsToCsv(list) : json);
        setMessage(csv ? tr("Results written to %1 (the lesson's table; Open… reopens the JSON export)").arg(path)
                       : tr("Results written to %1").arg(path));
    } catch (const std::exception& e) {
        setMessage(tr("Export failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainPage::savePlots() {
    const QString path = FileDialog::instance()->getSaveFileName(
        this, tr("Save plots (two files: NAME-loss and NAME-accuracy)"), tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"));
    if (path.isEmpty()) return;
    try {
        const QFileInfo info(path);
        const QString suffix = info.suffix().isEmpty() ? QStringLiteral("png") : info.suffix();
        const QString lossPath = info.dir().filePath(info.completeBaseName() + QStringLiteral("-loss.") + suffix);
        const QString accuracyPath =
            info.dir().filePath(info.completeBaseName() + QStringLiteral("-accuracy.") + suffix);
        savePlot(showingBands() ? static_cast<QCustomPlot*>(m_lossBands) : m_loss, lossPath);
        savePlot(showingBands() ? static_cast<QCustomPlot*>(m_accuracyBands) : m_accuracy, accuracyPath);
        setMessage(tr("Plots saved: %1 and %2").arg(lossPath, accuracyPath));
    } catch (const std::exception& e) {
        setMessage(tr("Saving the plots failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainPage::openResults() {
    if (m_job->isRunning()) return;
    const QString path = FileDialog::instance()->getOpenFileName(this, tr("Open results"),
                                                                 tr("NormLab results (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    if (path.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive)) {
        setMessage(tr("%1 is a CSV export: it holds the lesson's table only. NormLab reopens its JSON export "
                      "(Export… ▸ NormLab results), which keeps every curve and setting.")
                       .arg(QFileInfo(path).fileName()));
        return;
    }
    try {
        const auto bytes = readFileBytes(path.toStdString());
        const std::string text(bytes.begin(), bytes.end());
        const auto runs = resultsFromJson(text, path.toStdString());
        const auto experiment = experimentOfResults(text, path.toStdString());
        showResults(runs);
        m_experiment = experiment;
        setMessage(tr("Showing saved results from %1").arg(path));
    } catch (const std::exception& e) {
        setMessage(QString::fromStdString(e.what()));
    }
}

void TrainPage::showResults(const std::vector<RunResult>& runs) {
    std::vector<TrainConfig> configs;
    std::vector<QString> names;
    for (const auto& r : runs) {
        configs.push_back(r.config);
        names.push_back(QString::fromStdString(r.name));
    }
    resetRuns(configs, names);
    // The same calls live training makes, in the same order.
    for (const auto& r : runs) {
        m_runsModel->setStarted(r.run, QString::fromStdString(r.device));
        for (const auto& s : r.steps)
            m_loss->addTrainPoint(r.run, s.epochs, s.loss);
        for (const auto& e : r.epochs)
            addEpoch(r.run, e);
        runEnded(r);
    }
    const auto groups = m_seedModel->groups();
    setShowingBands(std::any_of(groups.begin(), groups.end(), [](const SeedGroup& g) { return g.runs.size() > 1; }));
}

void TrainPage::openExperiment() {
    if (m_job->isRunning()) return;
    const QString path = FileDialog::instance()->getOpenFileName(
        this, tr("Open experiment"), tr("NormLab experiments (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    try {
        m_form->setExperiment(loadExperiment(path.toStdString()));
        setMessage(tr("Experiment from %1: %2. Start (Ctrl+R) runs it.").arg(path, m_form->runCountText()));
    } catch (const std::exception& e) {
        setMessage(QString::fromStdString(e.what()));
    }
}

void TrainPage::saveExperiment() {
    const QString path = FileDialog::instance()->getSaveFileName(this, tr("Save experiment"),
                                                                 tr("NormLab experiments (*.json)"));
    if (path.isEmpty()) return;
    try {
        m_form->runs(); // refuse what Start would refuse
        Experiment experiment = m_form->experiment();
        // Where the data set is, in the words the CLI records (informative: the file names the data set).
        if (const DatasetInfo* info = findCatalogDataset(experiment.base.dataset))
            if (const auto location = locateCatalogDataset(
                    *info, experiment.base.dataDir.empty() ? defaultDataDir() : experiment.base.dataDir))
                experiment.foundIn = location->origin;
        normlab::saveExperiment(path.toStdString(), experiment);
        setMessage(tr("Experiment saved to %1 (normlab-cli train --experiment %1 runs it too)").arg(path));
    } catch (const std::exception& e) {
        setMessage(tr("Saving the experiment failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainPage::exportPython() {
    if (m_scriptRunner.isRunning()) return;
    try {
        m_form->runs(); // refuse what Start would refuse
    } catch (const Error& e) {
        setMessage(QString::fromStdString(e.what()));
        return;
    }
    Experiment experiment = m_form->experiment();
    const QString path = FileDialog::instance()->getSaveFileName(this, tr("Export as a PyTorch script"),
                                                                 tr("Python scripts (*.py)"));
    if (path.isEmpty()) return;
    setMessage(tr("Loading the data set for the script's constants…"));
    // The script prints the train split's constants: they need the data, loaded off the GUI thread.
    m_scriptRunner.start([this, experiment, path](const JobRunner::Context& job) mutable {
        const TrainingData data = loadTrainingData(experiment.base, Progress{{}, job.stop()});
        experiment.foundIn = data.train.origin;
        writeFileAtomically(path.toStdString(), pythonScript(experiment, scriptDataFor(experiment.base, data),
                                                             "NormLab " NORMLAB_VERSION));
        return std::function<void()>([this, path] {
            setMessage(tr("PyTorch script written to %1: python3 %2 --csv results.csv runs the same experiment "
                          "with torch and torchvision alone")
                           .arg(path, QFileInfo(path).fileName()));
        });
    });
}

} // namespace normlab
