#include "ui/trainpage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/data/datasetlocator.h"
#include "core/data/filebytes.h"
#include "core/export/atomicfile.h"
#include "core/train/resultsexport.h"
#include "core/train/torchruntime.h"
#include "ui/colormap.h"
#include "ui/curveplot.h"
#include "ui/datasetcombo.h"
#include "ui/plotexport.h"
#include "ui/trainjob.h"

namespace normlab {
namespace {

// One colour per run, the same in every plot, legend, table and sample strip.
const QColor kRunColors[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                             QColor(148, 103, 189)};
constexpr int kSampleZoom = 3;
const QStringList kResultColumns = {QStringLiteral("run"),
                                    QStringLiteral("epoch"),
                                    QStringLiteral("loss"),
                                    QStringLiteral("accuracy"),
                                    QStringLiteral("test loss"),
                                    QStringLiteral("test accuracy"),
                                    QStringLiteral("epoch duration"),
                                    QStringLiteral("run duration"),
                                    QStringLiteral("lr"),
                                    QStringLiteral("batch size"),
                                    QStringLiteral("device"),
                                    QStringLiteral("normalization")};

QColor runColor(int run) {
    return kRunColors[run % 5];
}

QTableWidgetItem* number(double value, int decimals) {
    auto* item = new QTableWidgetItem;
    item->setData(Qt::DisplayRole, QString::number(value, 'f', decimals).toDouble()); // numeric sort
    item->setData(Qt::UserRole, value);
    return item;
}

} // namespace

TrainPage::TrainPage(QWidget* parent) : QWidget(parent), m_job(new TrainJob(this)) {
    m_choosePath = [this](const QString& title, const QString& filter, bool save) {
        return save ? QFileDialog::getSaveFileName(this, title, QString(), filter)
                    : QFileDialog::getOpenFileName(this, title, QString(), filter);
    };
    auto* left = new QWidget(this);
    auto* leftLayout = new QVBoxLayout(left);
    buildForm(leftLayout);

    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    m_loss = new CurvePlot(tr("loss"), right);
    m_loss->setObjectName(QStringLiteral("lossPlot"));
    m_accuracy = new CurvePlot(tr("accuracy"), right);
    m_accuracy->setObjectName(QStringLiteral("accuracyPlot"));
    auto* plots = new QHBoxLayout;
    plots->addWidget(m_loss);
    plots->addWidget(m_accuracy);
    rightLayout->addLayout(plots, 3);
    auto* smoothing = new QCheckBox(tr("smooth train loss"), right);
    smoothing->setObjectName(QStringLiteral("smoothingCheck"));
    connect(smoothing, &QCheckBox::toggled, m_loss, &CurvePlot::setSmoothing);
    rightLayout->addWidget(smoothing);
    auto* sampleBox = new QWidget(right);
    m_samples = new QVBoxLayout(sampleBox);
    m_samples->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(sampleBox);
    m_results = new QTableWidget(0, kResultColumns.size(), right);
    m_results->setObjectName(QStringLiteral("resultsTable"));
    m_results->setHorizontalHeaderLabels(kResultColumns);
    m_results->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_results->setSortingEnabled(true);
    m_results->sortByColumn(0, Qt::AscendingOrder); // run 0 first, as the lesson's table
    m_results->verticalHeader()->hide();
    m_results->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    rightLayout->addWidget(m_results, 2);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(left);
    split->addWidget(right);
    split->setStretchFactor(1, 3);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);

    connect(m_job, &TrainJob::dataLoading, this, [this] { m_message->setText(tr("Loading the data set…")); });
    connect(m_job, &TrainJob::runStarted, this,
            [this](int run, const QString& name, const QString& device, const std::vector<std::vector<float>>& samples,
                   int w, int h) {
                m_message->setText(tr("Training %1…").arg(name));
                m_runs->setItem(run, 1, new QTableWidgetItem(device));
                setRunState(run, tr("running"));
                showSamples(run, name, samples, w, h);
            });
    connect(m_job, &TrainJob::stepReported, this,
            [this](const StepMetric& s) { m_loss->addTrainPoint(s.run, s.epochs, s.loss); });
    connect(m_job, &TrainJob::epochFinished, this, [this](const EpochMetric& e) {
        m_loss->addTestPoint(e.run, e.epoch, e.testLoss);
        m_accuracy->addTrainPoint(e.run, e.epoch, e.trainAccuracy);
        m_accuracy->addTestPoint(e.run, e.epoch, e.testAccuracy);
        setRunState(e.run, tr("running (epoch %1/%2)").arg(e.epoch).arg(m_configs.at(e.run).epochs));
        RunResult r;
        r.run = e.run;
        r.config = m_configs.at(e.run);
        r.device = resolveDevice(r.config.device);
        addResultRow(r, e);
    });
    connect(m_job, &TrainJob::runFinished, this, [this](const RunResult& r) {
        m_finished[r.run] = r;
        const QString state = QString::fromStdString(runStatusName(r.status));
        setRunState(r.run,
                    r.message.empty() ? state : state + QStringLiteral(": ") + QString::fromStdString(r.message));
    });
    connect(m_job, &TrainJob::failed, this, [this](const QString& message) { m_message->setText(message); });
    connect(m_job, &TrainJob::allFinished, this, [this] {
        if (!m_message->text().startsWith(tr("Loading")) && !m_message->text().startsWith(tr("Training")))
            return; // keep an error message
        m_message->setText(tr("Done."));
    });
}

void TrainPage::buildForm(QVBoxLayout* layout) {
    auto* form = new QFormLayout;
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("trainDataset"));
    fillDatasetCombo(m_dataset, listDatasets(defaultDataDir()));
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
    m_seed->setRange(0, 1 << 30);
    m_device = new QComboBox(this);
    m_device->setObjectName(QStringLiteral("deviceCombo"));
    m_device->addItem(tr("auto"), QStringLiteral("auto"));
    for (const auto& d : availableDevices())
        m_device->addItem(QString::fromStdString(d), QString::fromStdString(d));
    m_deviceNote = new QLabel(
        cudaAvailable() ? QString() : tr("CPU only: %1").arg(QString::fromStdString(torchDescription())), this);
    m_deviceNote->setWordWrap(true);
    form->addRow(tr("Data set"), m_dataset);
    form->addRow(tr("Images per split"), m_limit);
    form->addRow(tr("Model"), m_model);
    form->addRow(tr("Optimizer"), m_optimizer);
    form->addRow(tr("Learning rate"), m_lr);
    form->addRow(tr("Batch size"), m_batch);
    form->addRow(tr("Epochs"), m_epochs);
    form->addRow(tr("Seed"), m_seed);
    form->addRow(tr("Device"), m_device);
    form->addRow(m_deviceNote);
    layout->addLayout(form);

    auto* methods = new QHBoxLayout;
    for (auto m : kAllMethods) {
        auto* check = new QCheckBox(QString::fromStdString(methodName(m)), this);
        check->setObjectName(QStringLiteral("method_") + QString::fromStdString(methodName(m)));
        m_methodChecks.push_back(check);
        methods->addWidget(check);
    }
    layout->addWidget(new QLabel(tr("Compare normalizations (same seed, same weights):"), this));
    layout->addLayout(methods);

    auto* buttons = new QHBoxLayout;
    auto* lesson = new QPushButton(tr("Lesson experiment"), this);
    lesson->setObjectName(QStringLiteral("lessonButton"));
    lesson->setToolTip(tr("FashionMNIST, lesson-cnn, Adam 0.01, batch 1000, 20 epochs, none vs zscore"));
    auto* startButton = new QPushButton(tr("Start"), this);
    startButton->setObjectName(QStringLiteral("startButton"));
    startButton->setShortcut(QKeySequence(tr("Ctrl+R")));
    auto* stopRun = new QPushButton(tr("Stop run"), this);
    stopRun->setObjectName(QStringLiteral("stopRunButton"));
    auto* stop = new QPushButton(tr("Stop all"), this);
    stop->setObjectName(QStringLiteral("stopAllButton"));
    buttons->addWidget(lesson);
    buttons->addWidget(startButton);
    buttons->addWidget(stopRun);
    buttons->addWidget(stop);
    layout->addLayout(buttons);
    connect(lesson, &QPushButton::clicked, this, &TrainPage::applyLessonPreset);
    connect(startButton, &QPushButton::clicked, this, &TrainPage::start);
    connect(stopRun, &QPushButton::clicked, this, &TrainPage::stopSelectedRun);
    connect(stop, &QPushButton::clicked, this, &TrainPage::stopAll);

    m_runs = new QTableWidget(0, 3, this);
    m_runs->setObjectName(QStringLiteral("runsTable"));
    m_runs->setHorizontalHeaderLabels({tr("run"), tr("device"), tr("state")});
    m_runs->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_runs->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_runs->verticalHeader()->hide();
    m_runs->horizontalHeader()->setStretchLastSection(true);
    layout->addWidget(m_runs, 1);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("trainMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);

    auto* files = new QHBoxLayout;
    auto* exportButton = new QPushButton(tr("Export results…"), this);
    auto* openButton = new QPushButton(tr("Open results…"), this);
    auto* plotButton = new QPushButton(tr("Save plots…"), this);
    connect(exportButton, &QPushButton::clicked, this, &TrainPage::exportResults);
    connect(openButton, &QPushButton::clicked, this, &TrainPage::openResults);
    connect(plotButton, &QPushButton::clicked, this, &TrainPage::savePlots);
    files->addWidget(exportButton);
    files->addWidget(openButton);
    files->addWidget(plotButton);
    layout->addLayout(files);

    TrainConfig defaults;
    defaults.epochs = 3;
    setConfig(defaults);
    setMethods({Method::None, Method::ZScore});
}

TrainConfig TrainPage::config() const {
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

void TrainPage::setDataDir(const std::filesystem::path& dataDir) {
    m_dataDir = dataDir;
    fillDatasetCombo(m_dataset, listDatasets(dataDir.empty() ? defaultDataDir() : dataDir));
}

void TrainPage::setConfig(const TrainConfig& c) {
    m_dataset->setCurrentIndex(std::max(0, m_dataset->findData(QString::fromStdString(c.dataset))));
    m_limit->setValue(static_cast<int>(c.limit));
    m_model->setCurrentText(QString::fromStdString(c.model));
    m_optimizer->setCurrentText(QString::fromStdString(c.optimizer));
    m_lr->setValue(c.lr);
    m_batch->setValue(c.batchSize);
    m_epochs->setValue(c.epochs);
    m_seed->setValue(static_cast<int>(c.seed));
    m_device->setCurrentIndex(std::max(0, m_device->findData(QString::fromStdString(c.device))));
}

std::vector<Method> TrainPage::methods() const {
    std::vector<Method> list;
    for (std::size_t i = 0; i < kAllMethods.size(); ++i)
        if (m_methodChecks[i]->isChecked()) list.push_back(kAllMethods[i]);
    return list;
}

void TrainPage::setMethods(const std::vector<Method>& methods) {
    for (std::size_t i = 0; i < kAllMethods.size(); ++i)
        m_methodChecks[i]->setChecked(std::find(methods.begin(), methods.end(), kAllMethods[i]) != methods.end());
}

void TrainPage::applyLessonPreset() {
    setConfig(lessonPreset());
    setMethods(lessonMethods());
}

void TrainPage::start() {
    if (m_job->isRunning()) return;
    const auto list = methods();
    if (list.empty()) {
        m_message->setText(tr("Choose at least one normalization."));
        return;
    }
    const TrainConfig base = config();
    if (const auto errors = validateConfig(base); !errors.empty()) {
        m_message->setText(QString::fromStdString(errors.front()));
        return;
    }
    std::vector<TrainConfig> configs;
    for (auto m : list) {
        TrainConfig c = base;
        c.normalization = m;
        configs.push_back(c);
    }
    resetRuns(configs);
    m_job->start(configs);
}

void TrainPage::stopAll() {
    m_job->stopAll();
}

void TrainPage::stopSelectedRun() {
    const int row = m_runs->currentRow();
    if (row >= 0) m_job->stopRun(row);
}

void TrainPage::resetRuns(const std::vector<TrainConfig>& configs) {
    m_configs = configs;
    m_finished.clear();
    m_loss->clearRuns();
    m_accuracy->clearRuns();
    m_results->setRowCount(0);
    while (QLayoutItem* item = m_samples->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_runs->setRowCount(0);
    for (int i = 0; i < static_cast<int>(configs.size()); ++i) {
        addRun(i, QString::fromStdString(methodName(configs[i].normalization)), runColor(i));
        m_runs->setItem(i, 1, new QTableWidgetItem(QString::fromStdString(configs[i].device)));
        setRunState(i, tr("queued"));
    }
}

void TrainPage::addRun(int run, const QString& name, const QColor& color) {
    m_loss->addRun(run, name, color);
    m_accuracy->addRun(run, name, color);
    if (m_runs->rowCount() <= run) m_runs->setRowCount(run + 1);
    auto* item = new QTableWidgetItem(name);
    item->setForeground(color);
    m_runs->setItem(run, 0, item);
}

void TrainPage::setRunState(int run, const QString& state) {
    if (run < m_runs->rowCount()) m_runs->setItem(run, 2, new QTableWidgetItem(state));
}

QString TrainPage::runState(int run) const {
    const QTableWidgetItem* item = m_runs->item(run, 2);
    return item ? item->text() : QString();
}

void TrainPage::addResultRow(const RunResult& run, const EpochMetric& e) {
    const bool sorting = m_results->isSortingEnabled();
    m_results->setSortingEnabled(false); // rows are filled cell by cell
    const int row = m_results->rowCount();
    m_results->insertRow(row);
    auto* name = new QTableWidgetItem(QString::fromStdString(methodName(run.config.normalization)));
    m_results->setItem(row, 0, number(run.run, 0));
    m_results->setItem(row, 1, number(e.epoch, 0));
    m_results->setItem(row, 2, number(e.trainLoss, 4));
    m_results->setItem(row, 3, number(e.trainAccuracy, 4));
    m_results->setItem(row, 4, number(e.testLoss, 4));
    m_results->setItem(row, 5, number(e.testAccuracy, 4));
    m_results->setItem(row, 6, number(e.epochSeconds, 2));
    m_results->setItem(row, 7, number(e.runSeconds, 2));
    m_results->setItem(row, 8, number(run.config.lr, 5));
    m_results->setItem(row, 9, number(run.config.batchSize, 0));
    m_results->setItem(row, 10, new QTableWidgetItem(QString::fromStdString(run.device)));
    name->setForeground(runColor(run.run));
    m_results->setItem(row, 11, name);
    m_results->setSortingEnabled(sorting);
}

void TrainPage::showSamples(int run, const QString& name, const std::vector<std::vector<float>>& samples, int w,
                            int h) {
    if (samples.empty()) return;
    double lo = 0, hi = 0;
    for (const auto& s : samples)
        for (int i = 0; i < w * h; ++i)
            lo = std::min<double>(lo, s[i]), hi = std::max<double>(hi, s[i]);
    const ValueRange range{lo, hi, lo < 0};
    QPixmap strip(static_cast<int>(samples.size()) * (w * kSampleZoom + 2), h * kSampleZoom);
    strip.fill(Qt::transparent);
    QPainter painter(&strip);
    for (std::size_t i = 0; i < samples.size(); ++i)
        painter.drawImage(QRect(static_cast<int>(i) * (w * kSampleZoom + 2), 0, w * kSampleZoom, h * kSampleZoom),
                          renderValues(samples[i].data(), w, h, range));
    painter.end();
    auto* row = new QWidget(this);
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("<b style='color:%1'>%2</b><br>what the network sees:<br>%3 … %4<br>(%5)")
                                 .arg(runColor(run).name(), name)
                                 .arg(lo, 0, 'g', 3)
                                 .arg(hi, 0, 'g', 3)
                                 .arg(range.describe()),
                             row);
    auto* images = new QLabel(row);
    images->setObjectName(QStringLiteral("samples_%1").arg(run));
    images->setPixmap(strip);
    layout->addWidget(label);
    layout->addWidget(images);
    layout->addStretch();
    m_samples->addWidget(row);
}

std::vector<RunResult> TrainPage::results() const {
    std::vector<RunResult> list;
    for (const auto& [run, result] : m_finished)
        list.push_back(result);
    return list;
}

void TrainPage::exportResults() {
    const QString path = m_choosePath(tr("Export results"), tr("CSV (*.csv);;JSON (*.json)"), true);
    if (path.isEmpty()) return;
    try {
        const auto list = results();
        writeFileAtomically(path.toStdString(), path.endsWith(QLatin1String(".json"), Qt::CaseInsensitive)
                                                    ? resultsToJson(list)
                                                    : resultsToCsv(list));
        m_message->setText(tr("Results written to %1").arg(path));
    } catch (const std::exception& e) {
        m_message->setText(tr("Export failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainPage::savePlots() {
    const QString path = m_choosePath(tr("Save plots (loss; accuracy gets -accuracy)"),
                                      tr("PNG (*.png);;PDF (*.pdf);;SVG (*.svg)"), true);
    if (path.isEmpty()) return;
    try {
        const QFileInfo info(path);
        savePlot(m_loss, path);
        savePlot(m_accuracy,
                 info.dir().filePath(info.completeBaseName() + QStringLiteral("-accuracy.") + info.suffix()));
        m_message->setText(tr("Plots saved beside %1").arg(path));
    } catch (const std::exception& e) {
        m_message->setText(tr("Saving the plots failed: %1").arg(QString::fromStdString(e.what())));
    }
}

void TrainPage::openResults() {
    if (m_job->isRunning()) return;
    const QString path = m_choosePath(tr("Open results"), tr("NormLab results (*.json)"), false);
    if (path.isEmpty()) return;
    try {
        const auto bytes = readFileBytes(path.toStdString());
        showResults(resultsFromJson(std::string(bytes.begin(), bytes.end()), path.toStdString()));
        m_message->setText(tr("Showing saved results from %1").arg(path));
    } catch (const std::exception& e) {
        m_message->setText(QString::fromStdString(e.what()));
    }
}

void TrainPage::showResults(const std::vector<RunResult>& runs) {
    std::vector<TrainConfig> configs;
    for (const auto& r : runs)
        configs.push_back(r.config);
    resetRuns(configs);
    for (const auto& r : runs) {
        m_finished[r.run] = r;
        m_runs->setItem(r.run, 1, new QTableWidgetItem(QString::fromStdString(r.device)));
        setRunState(r.run,
                    QString::fromStdString(runStatusName(r.status) + (r.message.empty() ? "" : ": " + r.message)));
        for (const auto& s : r.steps)
            m_loss->addTrainPoint(r.run, s.epochs, s.loss);
        for (const auto& e : r.epochs) {
            m_loss->addTestPoint(r.run, e.epoch, e.testLoss);
            m_accuracy->addTrainPoint(r.run, e.epoch, e.trainAccuracy);
            m_accuracy->addTestPoint(r.run, e.epoch, e.testAccuracy);
            addResultRow(r, e);
        }
    }
}

} // namespace normlab
