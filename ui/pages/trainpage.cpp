#include "ui/pages/trainpage.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

#include "core/common/error.h"
#include "core/data/catalog/datasetavailability.h"
#include "core/train/experiment/lessonseeds.h"
#include "ui/jobs/enginestatus.h"
#include "ui/jobs/trainjob.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/runsmodel.h"
#include "ui/models/seedsummarymodel.h"
#include "ui/pages/trainestimate.h"
#include "ui/pages/trainfileactions.h"
#include "ui/plots/traincurves.h"
#include "ui/widgets/datasetcombo.h"
#include "ui/widgets/samplestrip.h"
#include "ui/widgets/tableviewutil.h"
#include "ui/widgets/trainform.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;
constexpr int kFormMinimumChars = 30;
constexpr int kEachRunTab = 0, kSeedsTab = 1;
constexpr int kEstimateDelayMs = 400; // the estimate waits for a pause in typing, not every step

std::vector<TrainConfig> configsOf(const ComparisonPlan& plan) {
    std::vector<TrainConfig> configs;
    for (const GridRun& run : plan.runs)
        configs.push_back(run.config);
    return configs;
}

} // namespace

TrainPage::TrainPage(QWidget* parent)
    : QWidget(parent), m_engine(new EngineStatus(this)), m_job(new TrainJob(this)), m_form(new TrainForm(this)),
      m_runsModel(new RunsModel(&m_results, this)), m_resultsModel(new EpochResultsModel(&m_results, this)),
      m_seedModel(new SeedSummaryModel(this)), m_curves(new TrainCurves(&m_results, this)),
      m_files(new TrainFileActions(this, m_form, m_curves, &m_results)), m_estimate(new TrainEstimate(this)),
      m_estimateDelay(new QTimer(this)) {
    auto* split = new QSplitter(Qt::Horizontal, this);
    split->setObjectName(QStringLiteral("trainSplitter"));
    split->addWidget(buildFormColumn());
    split->addWidget(buildResultsColumn());
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_form, &TrainForm::lessonRequested, this, &TrainPage::applyLessonPreset);
    connect(m_form, &TrainForm::startRequested, this, &TrainPage::start);
    connect(m_form, &TrainForm::stopRunRequested, this, &TrainPage::stopRun);
    connect(m_form, &TrainForm::stopAllRequested, this, &TrainPage::stopAll);
    connect(m_download, &QPushButton::clicked, this, [this] { Q_EMIT downloadRequested(m_missingDataset); });
    connect(m_runsModel, &QAbstractItemModel::dataChanged, this, &TrainPage::updateStopTarget);
    connect(m_runsModel, &QAbstractItemModel::modelReset, this, &TrainPage::updateStopTarget);
    connect(m_runs->selectionModel(), &QItemSelectionModel::selectionChanged, this, &TrainPage::updateStopTarget);
    connect(m_engine, &EngineStatus::changed, this, &TrainPage::engineChanged);
    connect(m_files, &TrainFileActions::message, this, &TrainPage::setMessage);
    connect(m_files, &TrainFileActions::resultsReplaced, this, [this] {
        resultsReplaced();
        setShowingBands(m_results.hasSeeds());
    });
    m_estimateDelay->setSingleShot(true);
    m_estimateDelay->setInterval(kEstimateDelayMs);
    connect(m_form, &TrainForm::planChanged, m_estimateDelay, qOverload<>(&QTimer::start));
    connect(m_estimateDelay, &QTimer::timeout, this, &TrainPage::updateEstimate);
    connect(m_estimate, &TrainEstimate::textChanged, m_form, &TrainForm::setEstimate);
    m_form->showEngine(*m_engine);
    connectJob();
    summaryChanged();
}

// Left: the form, the runs and what happened. It scrolls rather than widening the window.
QWidget* TrainPage::buildFormColumn() {
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
    // The column is narrow: a run's state wraps in its cell ("running: epoch 13/20, batch 29/60"
    // was cut at the table's edge in larger fonts) and nothing scrolls sideways.
    m_runs->setWordWrap(true);
    m_runs->horizontalHeader()->setStretchLastSection(false);
    m_runs->horizontalHeader()->setSectionResizeMode(RunsModel::StateColumn, QHeaderView::Stretch);
    m_runs->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_runs->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
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
    connect(exportButton, &QPushButton::clicked, this, &TrainPage::exportResults);
    connect(openButton, &QPushButton::clicked, this, &TrainPage::openResults);
    connect(plotButton, &QPushButton::clicked, this, &TrainPage::savePlots);
    return leftScroll;
}

// Right: curves, what the network sees, the results tables.
QWidget* TrainPage::buildResultsColumn() {
    auto* right = new QSplitter(Qt::Vertical, this);
    right->setObjectName(QStringLiteral("trainRightSplitter"));
    m_samples = new SampleStrip(right);
    m_tables = new QTabWidget(right);
    m_tables->setObjectName(QStringLiteral("resultTabs"));
    m_tables->addTab(makeTableView(m_resultsModel, QStringLiteral("resultsTable"), m_tables, TableModel::ValueRole),
                     tr("Each run"));
    auto* seedsTab = new QWidget(m_tables);
    auto* seedsLayout = new QVBoxLayout(seedsTab);
    seedsLayout->setContentsMargins(0, 0, 0, 0);
    m_verdict = new QLabel(seedsTab);
    m_verdict->setObjectName(QStringLiteral("seedVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    seedsLayout->addWidget(m_verdict);
    seedsLayout->addWidget(
        makeTableView(m_seedModel, QStringLiteral("seedSummaryTable"), seedsTab, TableModel::ValueRole), 1);
    m_tables->addTab(seedsTab, tr("Mean ± std over seeds"));
    right->addWidget(m_curves);
    right->addWidget(m_samples);
    right->addWidget(m_tables);
    right->setStretchFactor(0, 4);
    right->setStretchFactor(1, 1);
    right->setStretchFactor(2, 2);
    return right;
}

void TrainPage::showEvent(QShowEvent* event) {
    QWidget::showEvent(event);
    m_engine->load(); // LibTorch loads while the user reads the form, not at start-up
    updateEstimate();
}

QString TrainPage::deviceKindFor(const TrainConfig& config) const {
    const bool cuda = m_engine->state() == EngineStatus::State::Ready && m_engine->cudaAvailable() &&
                      config.device.rfind("cpu", 0) != 0;
    return cuda ? QStringLiteral("cuda") : QStringLiteral("cpu");
}

void TrainPage::updateEstimate() {
    if (m_job->isRunning() || m_startWhenLoaded) return; // the progress bar says what is left
    std::vector<TrainConfig> configs;
    try {
        configs = configsOf(m_form->plan());
    } catch (const Error&) {
        // The count of runs says what is wrong with the form.
    }
    // Timing needs the engine loaded (a thread started while LibTorch loads waits for it) and the
    // data on this machine; and only for a user looking at this page: it takes the cores a moment.
    const bool canTime = isVisible() && m_engine->state() == EngineStatus::State::Ready && !configs.empty() &&
                         datasetAvailability(configs.front().dataset, configs.front().dataDir).found;
    m_estimate->planChanged(configs, configs.empty() ? QString() : deviceKindFor(configs.front()), canTime);
}

void TrainPage::connectJob() {
    connect(m_job, &TrainJob::dataLoading, this, [this] { setMessage(tr("Loading the data set…")); });
    // Only now do the old results make way: a start that cannot load its data keeps them.
    connect(m_job, &TrainJob::dataLoaded, this, [this](const QString& origin) {
        if (m_pending) {
            m_pending->experiment.foundIn = origin.toStdString(); // as `normlab-cli train` records it
            m_results.reset(*m_pending);
            const std::vector<TrainConfig> configs = configsOf(*m_pending);
            m_estimate->started(configs, deviceKindFor(configs.front()));
        }
        resultsReplaced();
    });
    connect(m_job, &TrainJob::runStarted, this,
            [this](int run, const QString&, const QString& device, const std::vector<std::vector<float>>& samples,
                   int w, int h) {
                m_results.runStarted(run, device.toStdString());
                m_runsModel->runChanged(run);
                const QString name = m_runsModel->run(run).name;
                setMessage(tr("Training %1…").arg(name));
                m_samples->addRun(run, name, runColor(run), samples, w, h);
            });
    connect(m_job, &TrainJob::batchProgress, this, [this](int run, int epoch, int batch, int batches) {
        m_results.progress(run, epoch, batch, batches);
        m_runsModel->runChanged(run);
        const int runs = m_results.runCount();
        const int epochs = m_results.run(run).config.epochs;
        const double done = ((run * epochs + (epoch - 1)) * static_cast<double>(batches) + batch) /
                            (static_cast<double>(runs) * epochs * batches);
        m_progress->setValue(static_cast<int>(done * kProgressSteps));
        const QString left = m_estimate->remaining(done);
        m_progress->setFormat(left.isEmpty() ? QStringLiteral("%p%") : QStringLiteral("%p% · ") + left);
    });
    connect(m_job, &TrainJob::stepReported, this, [this](const StepMetric& s) {
        m_results.addStep(s);
        m_curves->stepAdded(s);
    });
    connect(m_job, &TrainJob::epochFinished, this, [this](const EpochMetric& e) {
        m_results.addEpoch(e);
        m_curves->epochAdded(e);
        m_resultsModel->epochAdded(e.run);
        summaryChanged();
        if (e.run >= 0 && e.run < m_results.runCount()) m_estimate->epochSeen(m_results.run(e.run), e);
    });
    connect(m_job, &TrainJob::runFinished, this, [this](const RunResult& r) {
        m_results.runFinished(r);
        m_runsModel->runChanged(r.run);
        m_curves->runEnded(r);
        summaryChanged();
        if (r.status == RunStatus::Diverged || r.status == RunStatus::Failed) {
            const QString why = QString::fromStdString(runStatusName(r.status) + ": " + r.message);
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
        m_progress->setFormat(QStringLiteral("%p%"));
        m_estimate->stopped();
        // The verdict is the lesson's answer: say it where the eye already is.
        const auto comparisons = compareGroups(m_seedModel->groups());
        const auto& runs = m_results.runs();
        const auto finished = std::count_if(runs.begin(), runs.end(),
                                            [](const RunResult& r) { return r.status == RunStatus::Finished; });
        const QString verdict =
            comparisons.size() == 1 ? QStringLiteral(" ") + QString::fromStdString(comparisons.front().text) : QString();
        if (m_failed) return;
        if (finished < static_cast<std::ptrdiff_t>(runs.size()))
            setMessage(tr("Stopped: %1 of %2 runs finished.%3").arg(finished).arg(runs.size()).arg(verdict));
        else
            setMessage(tr("Done.%1").arg(verdict));
    });
}

// The results were replaced as a whole (a new comparison's data loaded, a file reopened): every
// view over them starts again.
void TrainPage::resultsReplaced() {
    m_samples->clear();
    m_progress->setValue(0);
    m_runsModel->resultsReset();
    m_resultsModel->resultsReset();
    m_curves->resultsReset();
    summaryChanged();
}

// The seed groups and the verdicts follow every finished epoch and run.
void TrainPage::summaryChanged() {
    const std::vector<SeedGroup> groups = m_results.seedGroups();
    m_seedModel->setGroups(groups);
    m_curves->showGroups(groups);
    QStringList verdicts;
    for (const GroupComparison& c : compareGroups(groups))
        verdicts << QString::fromStdString(c.text);
    m_verdict->setText(verdicts.isEmpty() ? tr("The verdicts on noise appear here once the runs of two "
                                               "configurations have finished an epoch.")
                                          : verdicts.join(QLatin1Char('\n')));
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

CurvePlot* TrainPage::lossPlot() const {
    return m_curves->lossPlot();
}

CurvePlot* TrainPage::accuracyPlot() const {
    return m_curves->accuracyPlot();
}

BandPlot* TrainPage::lossBands() const {
    return m_curves->lossBands();
}

BandPlot* TrainPage::accuracyBands() const {
    return m_curves->accuracyBands();
}

void TrainPage::applyLessonPreset() {
    // Three seeds when the device finishes them in a lesson's time: as timed on this machine
    // (a calibration, or the lesson's epochs seen), else as docs/benchmarks.md measured.
    TrainConfig lesson = lessonPreset();
    lesson.device = m_form->config().device;
    const QString kind = deviceKindFor(lesson);
    const auto timed = TrainEstimate::remembered(lesson, kind);
    const double seconds = timed ? timed->seconds
                                 : estimatedLessonEpochSeconds(kind == QLatin1String("cuda"),
                                                               static_cast<unsigned>(QThread::idealThreadCount()));
    const LessonSeeds advice = lessonSeeds(seconds, timed.has_value());
    m_form->applyLessonPreset(advice.seeds);
    setMessage(tr("Lesson experiment: %1").arg(QString::fromStdString(advice.why)));
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
    ComparisonPlan plan;
    try {
        plan = m_form->plan();
    } catch (const Error& e) {
        setMessage(QString::fromStdString(e.what()));
        return;
    }
    const TrainConfig& base = plan.experiment.base;
    m_download->hide();
    if (const DatasetAvailability a = datasetAvailability(base.dataset, base.dataDir); !a.found) {
        // Say why and offer the fix; what is on screen stays.
        m_missingDataset = QString::fromStdString(a.id);
        const QString name = QString::fromStdString(a.displayName);
        setMessage(tr("%1 is not on this machine, so the comparison cannot start.").arg(name) + offlineInstallHint(a));
        m_download->setText(tr("Download %1").arg(name));
        m_download->show();
        return;
    }
    setShowingBands(plan.experiment.seeds > 1);
    m_pending = std::move(plan);
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
    m_form->setRunning(m_job->start(configsOf(*m_pending)));
}

void TrainPage::engineChanged() {
    m_form->showEngine(*m_engine);
    const bool ready = m_engine->state() == EngineStatus::State::Ready;
    if (m_engine->state() == EngineStatus::State::Unavailable) setMessage(m_engine->description());
    if (!m_startWhenLoaded || m_engine->state() == EngineStatus::State::Loading) return;
    m_startWhenLoaded = false;
    m_form->setRunning(ready && m_pending && m_job->start(configsOf(*m_pending)));
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
    const auto active = m_results.activeRuns();
    if (active.empty() || !m_job->isRunning()) return -1;
    const QModelIndexList selected = m_runs->selectionModel()->selectedRows();
    if (!selected.isEmpty()) {
        const int row = selected.first().row();
        if (std::find(active.begin(), active.end(), row) != active.end()) return row;
    }
    for (int row : active)
        if (m_results.run(row).status == RunStatus::Running) return row;
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

bool TrainPage::showingBands() const {
    return m_curves->showingBands();
}

void TrainPage::setShowingBands(bool bands) {
    m_curves->setShowingBands(bands);
    m_tables->setCurrentIndex(bands ? kSeedsTab : kEachRunTab);
}

QString TrainPage::verdictText() const {
    return m_verdict->text();
}

QString TrainPage::runState(int run) const {
    return run >= 0 && run < m_runsModel->rowCount() ? m_runsModel->stateText(run) : QString();
}

std::vector<RunResult> TrainPage::results() const {
    return m_results.endedRuns();
}

void TrainPage::exportResults() {
    m_files->exportResults();
}

void TrainPage::openResults() {
    if (!m_job->isRunning()) m_files->openResults();
}

void TrainPage::savePlots() {
    m_files->savePlots();
}

void TrainPage::openExperiment() {
    if (!m_job->isRunning()) m_files->openExperiment();
}

void TrainPage::saveExperiment() {
    m_files->saveExperiment();
}

void TrainPage::exportPython() {
    m_files->exportPython();
}

} // namespace normlab
