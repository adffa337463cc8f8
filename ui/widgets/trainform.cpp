#include "ui/widgets/trainform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "core/data/catalog/datasetlisting.h"
#include "core/data/catalog/datasetlocator.h"
#include "ui/widgets/datasetcombo.h"
#include "core/common/error.h"
#include "core/session/experimentbuilder.h"
#include "ui/jobs/enginestatus.h"
#include "ui/widgets/gridtable.h"

namespace normlab {
namespace {

constexpr int kMethodColumns = 3; // the five checkboxes wrap onto two rows instead of widening the form
constexpr int kMaxSeeds = 20;

} // namespace

TrainForm::TrainForm(QWidget* parent) : QWidget(parent) {
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* form = new QFormLayout;
    form->setRowWrapPolicy(QFormLayout::WrapLongRows);
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("trainDataset"));
    connect(m_dataset, &QComboBox::activated, this, [this] { m_datasetPicked = true; });
    refreshDatasets();
    m_limit = new QSpinBox(this);
    m_limit->setObjectName(QStringLiteral("trainLimit"));
    m_limit->setRange(0, 1000000);
    m_limit->setSpecialValueText(tr("all"));
    m_model = new QComboBox(this);
    m_model->setObjectName(QStringLiteral("modelCombo"));
    for (const auto& m : modelNames())
        m_model->addItem(QString::fromStdString(m));
    m_optimizer = new QComboBox(this);
    m_optimizer->setObjectName(QStringLiteral("optimizerCombo"));
    for (const auto& o : optimizerNames())
        m_optimizer->addItem(QString::fromStdString(o));
    m_lr = new QDoubleSpinBox(this);
    m_lr->setObjectName(QStringLiteral("lrSpin"));
    m_lr->setDecimals(5);
    m_lr->setRange(0.00001, 100);
    m_batch = new QSpinBox(this);
    m_batch->setObjectName(QStringLiteral("batchSpin"));
    m_batch->setRange(1, 60000);
    m_epochs = new QSpinBox(this);
    m_epochs->setObjectName(QStringLiteral("epochsSpin"));
    m_epochs->setRange(1, 1000);
    m_seed = new QSpinBox(this);
    m_seed->setObjectName(QStringLiteral("seedSpin"));
    m_seed->setRange(0, 1 << 30);
    m_seeds = new QSpinBox(this);
    m_seeds->setObjectName(QStringLiteral("seedsSpin"));
    m_seeds->setRange(1, kMaxSeeds);
    m_seeds->setToolTip(tr("Repeat every configuration with the seeds Seed, Seed + 1, …: the curves then show the "
                           "mean with a band, and the summary says whether a difference is larger than the "
                           "seed-to-seed spread"));
    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItem(tr("auto"), QStringLiteral("auto"));
    m_device->addItem(QStringLiteral("cpu"), QStringLiteral("cpu")); // the GPUs join once the engine has loaded
    form->addRow(tr("Data set"), m_dataset);
    form->addRow(tr("Images per split"), m_limit);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Optimizer"), m_optimizer);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Epochs"), m_epochs);
    // Seed and the number of seeds share a row: the form stays short enough that Start is in
    // sight on a 720-pixel projector.
    auto* seedRow = new QHBoxLayout;
    seedRow->addWidget(m_seed, 1);
    auto* seedsLabel = new QLabel(tr("× seeds"), this);
    seedsLabel->setBuddy(m_seeds);
    seedRow->addWidget(seedsLabel);
    seedRow->addWidget(m_seeds, 1);
    form->addRow(tr("Seed"), seedRow);
    form->addRow(tr("Device"), m_device);
    layout->addLayout(form);

    auto* compare = new QLabel(tr("Compare normalizations (same seed, same weights):"), this);
    compare->setWordWrap(true);
    layout->addWidget(compare);
    auto* methods = new QGridLayout;
    for (std::size_t i = 0; i < kAllMethods.size(); ++i) {
        const QString name = QString::fromStdString(methodName(kAllMethods[i]));
        auto* check = new QCheckBox(name, this);
        check->setObjectName(QStringLiteral("method_") + name);
        m_methodChecks.push_back(check);
        methods->addWidget(check, static_cast<int>(i) / kMethodColumns, static_cast<int>(i) % kMethodColumns);
    }
    layout->addLayout(methods);
    m_grid = new GridTable(this);
    layout->addWidget(m_grid);
    m_runCount = new QLabel(this);
    m_runCount->setObjectName(QStringLiteral("runCountLabel"));
    m_runCount->setWordWrap(true);
    layout->addWidget(m_runCount);
    m_estimate = new QLabel(this);
    m_estimate->setObjectName(QStringLiteral("timeEstimateLabel"));
    m_estimate->setWordWrap(true);
    m_estimate->hide(); // until there is an estimate
    layout->addWidget(m_estimate);

    auto* buttons = new QGridLayout;
    auto* lesson = new QPushButton(tr("Lesson experiment"), this);
    lesson->setObjectName(QStringLiteral("lessonButton"));
    lesson->setToolTip(tr("FashionMNIST, lesson-cnn, Adam 0.01, batch 1000, 20 epochs, none vs zscore"));
    m_start = new QPushButton(tr("Start"), this);
    m_start->setObjectName(QStringLiteral("startButton"));
    // Ctrl+R belongs to the Training menu's Start action alone (it works from every tab): a second
    // owner made Qt refuse the key as ambiguous on this tab.
    m_start->setToolTip(tr("Start the comparison (Ctrl+R)"));
    m_stopRun = new QPushButton(tr("Stop run"), this);
    m_stopRun->setObjectName(QStringLiteral("stopRunButton"));
    m_stopAll = new QPushButton(tr("Stop all"), this);
    m_stopAll->setObjectName(QStringLiteral("stopAllButton"));
    // Fixed places: Start and the Stop buttons never move under the pointer between runs.
    buttons->addWidget(lesson, 0, 0);
    buttons->addWidget(m_start, 0, 1);
    buttons->addWidget(m_stopRun, 1, 0);
    buttons->addWidget(m_stopAll, 1, 1);
    layout->addLayout(buttons);
    connect(lesson, &QPushButton::clicked, this, &TrainForm::lessonRequested);
    connect(m_start, &QPushButton::clicked, this, &TrainForm::startRequested);
    connect(m_stopRun, &QPushButton::clicked, this, &TrainForm::stopRunRequested);
    connect(m_stopAll, &QPushButton::clicked, this, &TrainForm::stopAllRequested);

    TrainConfig defaults;
    defaults.epochs = 3;
    setConfig(defaults);
    m_datasetPicked = false; // the defaults are nobody's pick: the form follows the window until one is made
    setMethods({Method::None, Method::ZScore});
    setRunning(false);

    // The count of runs follows every setting it depends on.
    connect(m_grid, &GridTable::changed, this, &TrainForm::updateRunCount);
    connect(m_seeds, &QSpinBox::valueChanged, this, &TrainForm::updateRunCount);
    for (QCheckBox* check : m_methodChecks)
        connect(check, &QCheckBox::toggled, this, &TrainForm::updateRunCount);
    for (QComboBox* combo : {m_model, m_optimizer, m_dataset, m_device})
        connect(combo, &QComboBox::currentTextChanged, this, &TrainForm::updateRunCount);
    // … and so does the time estimate (TrainForm::planChanged).
    for (QSpinBox* spin : {m_epochs, m_batch, m_limit})
        connect(spin, &QSpinBox::valueChanged, this, &TrainForm::updateRunCount);
    updateRunCount();
}

void TrainForm::applyLessonPreset(int seeds) {
    setConfig(lessonPreset());
    setMethods(lessonMethods());
    m_grid->setAxes({});
    setSeeds(seeds);
}

int TrainForm::seeds() const {
    return m_seeds->value();
}

void TrainForm::setSeeds(int seeds) {
    m_seeds->setValue(seeds);
}

ComparisonPlan TrainForm::plan() const {
    ExperimentBuilder builder(config());
    for (const auto& [option, values] : m_grid->rows())
        builder.vary(option, values);
    builder.compare(methods());
    builder.setSeeds(seeds());
    return planComparison(builder.build());
}

Experiment TrainForm::experiment() const {
    return plan().experiment;
}

void TrainForm::setExperiment(const Experiment& e) {
    setConfig(e.base);
    std::vector<Method> list{e.base.normalization};
    for (const auto& axis : e.grid)
        if (axis.option == "normalize") {
            list.clear();
            for (const auto& name : axis.values)
                if (const auto m = parseMethod(name)) list.push_back(*m);
        }
    setMethods(list);
    m_grid->setAxes(e.grid);
    setSeeds(e.seeds);
}

std::vector<GridRun> TrainForm::runs() const {
    return plan().runs;
}

QString TrainForm::runCountText() const {
    try {
        return QString::fromStdString(normlab::runCountText(plan()));
    } catch (const Error& error) {
        return QString::fromStdString(error.what());
    }
}

void TrainForm::updateRunCount() {
    m_runCount->setText(runCountText());
    Q_EMIT planChanged();
}

void TrainForm::setEstimate(const QString& text) {
    m_estimate->setText(text);
    m_estimate->setVisible(!text.isEmpty());
}

QString TrainForm::estimate() const {
    return m_estimate->text();
}

void TrainForm::refreshDatasets() {
    fillDatasetCombo(m_dataset, listDatasets(m_dataDir.empty() ? defaultDataDir() : m_dataDir));
}

void TrainForm::followDataset(const QString& id) {
    if (m_datasetPicked) return;
    if (const int index = m_dataset->findData(id); index >= 0) m_dataset->setCurrentIndex(index);
}

void TrainForm::setDataDir(const std::filesystem::path& dataDir) {
    m_dataDir = dataDir;
    refreshDatasets();
}

TrainConfig TrainForm::config() const {
    TrainConfig c;
    c.dataset = m_dataset->currentData().toString().toStdString();
    c.dataDir = m_dataDir;
    c.limit = static_cast<std::size_t>(m_limit->value());
    c.model = m_model->currentText().toStdString();
    c.optimizer = m_optimizer->currentText().toStdString();
    c.lr = m_lr->value();
    c.batchSize = m_batch->value();
    c.epochs = m_epochs->value();
    c.seed = static_cast<std::uint64_t>(m_seed->value());
    c.device = m_device->currentData().toString().toStdString();
    return c;
}

void TrainForm::setConfig(const TrainConfig& c) {
    m_datasetPicked = true; // a configuration set on purpose (the lesson, an experiment file) keeps its data set
    const QString dataset = QString::fromStdString(c.dataset);
    // A folder or file (an experiment file from `train --dataset PATH`) joins the list, so the
    // experiment keeps its data set instead of silently falling back to the first entry.
    if (m_dataset->findData(dataset) < 0 && !dataset.isEmpty()) m_dataset->addItem(dataset, dataset);
    m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(dataset)));
    m_limit->setValue(static_cast<int>(c.limit));
    m_model->setCurrentText(QString::fromStdString(c.model));
    m_optimizer->setCurrentText(QString::fromStdString(c.optimizer));
    m_lr->setValue(c.lr);
    m_batch->setValue(c.batchSize);
    m_epochs->setValue(c.epochs);
    m_seed->setValue(static_cast<int>(c.seed));
    const QString device = QString::fromStdString(c.device);
    // Until the engine has loaded only "cpu" is listed: keep a GPU the configuration names, and let
    // showEngine() drop it if the engine does not offer it.
    if (m_device->findData(device) < 0 && !device.isEmpty()) m_device->addItem(device, device);
    m_device->setCurrentIndex(std::max(0, m_device->findData(device)));
}

std::vector<Method> TrainForm::methods() const {
    std::vector<Method> list;
    for (std::size_t i = 0; i < kAllMethods.size(); ++i)
        if (m_methodChecks[i]->isChecked()) list.push_back(kAllMethods[i]);
    return list;
}

void TrainForm::setMethods(const std::vector<Method>& methods) {
    for (std::size_t i = 0; i < kAllMethods.size(); ++i)
        m_methodChecks[i]->setChecked(std::find(methods.begin(), methods.end(), kAllMethods[i]) != methods.end());
}

void TrainForm::showEngine(const EngineStatus& engine) {
    const QString current = m_device->currentData().toString();
    m_device->clear();
    m_device->addItem(tr("auto"), QStringLiteral("auto"));
    const QStringList devices =
        engine.state() == EngineStatus::State::Ready ? engine.devices() : QStringList{QStringLiteral("cpu")};
    for (const QString& d : devices)
        m_device->addItem(d, d);
    m_device->setCurrentIndex(std::max(0, m_device->findData(current)));
    // The description is long (LibTorch's build, or why it did not load): a tooltip, not a label
    // that widens the form.
    m_device->setToolTip(engine.description());
    if (engine.state() == EngineStatus::State::Ready && !engine.cudaAvailable()) {
        m_device->setToolTip(tr("CPU only: %1").arg(engine.description()));
        m_device->setItemText(0, tr("auto (CPU only)"));
    }
}

void TrainForm::setRunning(bool running) {
    m_start->setEnabled(!running);
    m_stopAll->setEnabled(running);
    if (!running) setStopRunTarget({});
}

void TrainForm::setStopRunTarget(const QString& runName) {
    m_stopRun->setEnabled(!runName.isEmpty());
    m_stopRun->setToolTip(runName.isEmpty() ? tr("No run to stop") : tr("Stop %1; the other runs go on").arg(runName));
}

} // namespace normlab
