#include "ui/trainpage.h"

#include <QCheckBox>
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

#include "core/data/datasetcatalog.h"
#include "core/data/datasetlocator.h"
#include "core/data/filebytes.h"
#include "core/export/atomicfile.h"
#include "core/train/resultsexport.h"
#include "ui/curveplot.h"
#include "ui/enginestatus.h"
#include "ui/filedialog.h"
#include "ui/models/epochresultsmodel.h"
#include "ui/models/runsmodel.h"
#include "ui/plotexport.h"
#include "ui/samplestrip.h"
#include "ui/tableviewutil.h"
#include "ui/trainform.h"
#include "ui/trainjob.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;
constexpr int kFormMinimumChars = 30;

// The catalog data set a configuration needs when it is not on this machine, else nullptr.
const DatasetInfo* missingCatalogDataset(const TrainConfig& config) {
    const DatasetInfo* info = findCatalogDataset(config.dataset);
    if (!info) return nullptr;
    return locateCatalogDataset(*info, config.dataDir.empty() ? defaultDataDir() : config.dataDir) ? nullptr : info;
}

} // namespace

TrainPage::TrainPage(QWidget* parent)
    : QWidget(parent), m_engine(new EngineStatus(this)), m_job(new TrainJob(this)), m_form(new TrainForm(this)),
      m_runsModel(new RunsModel(this)), m_resultsModel(new EpochResultsModel(this)) {
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
    plotLayout->addLayout(curves, 1);
    auto* smoothing = new QCheckBox(tr("smooth train loss"), plots);
    smoothing->setObjectName(QStringLiteral("smoothingCheck"));
    connect(smoothing, &QCheckBox::toggled, m_loss, &CurvePlot::setSmoothing);
    plotLayout->addWidget(smoothing);
    m_samples = new SampleStrip(right);
    m_results = makeTableView(m_resultsModel, QStringLiteral("resultsTable"), right, EpochResultsModel::ValueRole);
    right->addWidget(plots);
    right->addWidget(m_samples);
    right->addWidget(m_results);
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
    connect(m_job, &TrainJob::dataLoaded, this, [this] { resetRuns(m_pending); });
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
    connect(m_job, &TrainJob::epochFinished, this, [this](const EpochMetric& e) { addEpoch(e.run, e); });
    connect(m_job, &TrainJob::runFinished, this, [this](const RunResult& r) {
        m_finished[r.run] = r;
        m_runsModel->setFinished(r);
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
        if (!m_failed) setMessage(tr("Done."));
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
    m_form->applyLessonPreset();
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
    const auto list = methods();
    if (list.empty()) {
        setMessage(tr("Choose at least one normalization."));
        return;
    }
    const TrainConfig base = config();
    if (const auto errors = validateConfig(base); !errors.empty()) {
        setMessage(QString::fromStdString(errors.front()));
        return;
    }
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
    for (auto m : list) {
        TrainConfig c = base;
        c.normalization = m;
        m_pending.push_back(c);
    }
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

void TrainPage::resetRuns(const std::vector<TrainConfig>& configs) {
    m_finished.clear();
    m_loss->clearRuns();
    m_accuracy->clearRuns();
    m_resultsModel->clear();
    m_samples->clear();
    m_progress->setValue(0);
    m_runsModel->reset(configs);
    for (int i = 0; i < m_runsModel->rowCount(); ++i) {
        m_loss->addRun(i, m_runsModel->run(i).name, runColor(i));
        m_accuracy->addRun(i, m_runsModel->run(i).name, runColor(i));
    }
}

void TrainPage::addEpoch(int run, const EpochMetric& e) {
    m_loss->addTestPoint(run, e.epoch, e.testLoss);
    m_accuracy->addTrainPoint(run, e.epoch, e.trainAccuracy);
    m_accuracy->addTestPoint(run, e.epoch, e.testAccuracy);
    const RunsModel::Run& r = m_runsModel->run(run);
    m_resultsModel->addEpoch(r.name, r.config, r.device, e);
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
        writeFileAtomically(path.toStdString(), csv ? resultsToCsv(list) : resultsToJson(list));
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
        savePlot(m_loss, lossPath);
        savePlot(m_accuracy, accuracyPath);
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
        showResults(resultsFromJson(std::string(bytes.begin(), bytes.end()), path.toStdString()));
        setMessage(tr("Showing saved results from %1").arg(path));
    } catch (const std::exception& e) {
        setMessage(QString::fromStdString(e.what()));
    }
}

void TrainPage::showResults(const std::vector<RunResult>& runs) {
    std::vector<TrainConfig> configs;
    for (const auto& r : runs)
        configs.push_back(r.config);
    resetRuns(configs);
    // The same calls live training makes, in the same order.
    for (const auto& r : runs) {
        m_runsModel->setStarted(r.run, QString::fromStdString(r.device));
        for (const auto& s : r.steps)
            m_loss->addTrainPoint(r.run, s.epochs, s.loss);
        for (const auto& e : r.epochs)
            addEpoch(r.run, e);
        m_finished[r.run] = r;
        m_runsModel->setFinished(r);
    }
}

} // namespace normlab
