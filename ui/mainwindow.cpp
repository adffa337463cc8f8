#include "ui/mainwindow.h"

#include <QApplication>
#include <QClipboard>
#include <QCloseEvent>
#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QStatusBar>
#include <QVBoxLayout>

#include "core/export/torchvisionline.h"
#include "ui/statsjob.h"
#include "ui/statssummarytable.h"

namespace normlab {
namespace {

constexpr int kProgressSteps = 1000;

QString datasetTitle(const SplitStats& s) {
    const QString name = QString::fromStdString(s.dataset);
    return QStringLiteral("%1 · %2 — %3 images, %4×%5×%6")
        .arg(name, QString::fromStdString(s.split), QLocale().toString(qulonglong(s.count)))
        .arg(s.channels)
        .arg(s.height)
        .arg(s.width);
}

} // namespace

MainWindow::MainWindow(const DatasetRequest& defaults, QWidget* parent)
    : QMainWindow(parent), m_request(defaults), m_job(new StatsJob(this)) {
    setWindowTitle(QStringLiteral("NormLab"));
    buildUi();
    restoreSettings(defaults);
    connect(m_job, &StatsJob::progressChanged, this,
            [this](double f) { m_progress->setValue(static_cast<int>(f * kProgressSteps)); });
    connect(m_job, &StatsJob::finished, this, &MainWindow::showResult);
    connect(m_job, &StatsJob::failed, this, &MainWindow::showFailure);
    connect(m_job, &StatsJob::cancelled, this, [this] {
        setBusy(false);
        statusBar()->showMessage(tr("Cancelled"), 5000);
    });
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &MainWindow::reload);
    connect(m_split, &QComboBox::currentIndexChanged, this, &MainWindow::reload);
    connect(m_cancel, &QPushButton::clicked, m_job, &StatsJob::cancel);
    reload();
}

MainWindow::~MainWindow() = default;

void MainWindow::buildUi() {
    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* chooser = new QHBoxLayout;
    m_dataset = new QComboBox(central);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_dataset->addItem(tr("MNIST"), QStringLiteral("mnist"));
    m_dataset->addItem(tr("FashionMNIST"), QStringLiteral("fashion-mnist"));
    m_dataset->addItem(tr("Synthetic digits"), QStringLiteral("synthetic"));
    m_split = new QComboBox(central);
    m_split->setObjectName(QStringLiteral("splitCombo"));
    m_split->addItem(tr("train"), QStringLiteral("train"));
    m_split->addItem(tr("test"), QStringLiteral("test"));
    chooser->addWidget(new QLabel(tr("Dataset:"), central));
    chooser->addWidget(m_dataset);
    chooser->addWidget(new QLabel(tr("Split:"), central));
    chooser->addWidget(m_split);
    chooser->addStretch();
    layout->addLayout(chooser);

    m_summary = new QLabel(central);
    m_summary->setObjectName(QStringLiteral("datasetSummary"));
    m_summary->setWordWrap(true);
    layout->addWidget(m_summary);
    m_table = new StatsSummaryTable(central);
    layout->addWidget(m_table);
    auto* lineRow = new QHBoxLayout;
    m_torchvisionLine = new QLineEdit(central);
    m_torchvisionLine->setObjectName(QStringLiteral("torchvisionLine"));
    m_torchvisionLine->setReadOnly(true);
    auto* copy = new QPushButton(tr("Copy"), central);
    connect(copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_torchvisionLine->text()); });
    lineRow->addWidget(new QLabel(tr("PyTorch:"), central));
    lineRow->addWidget(m_torchvisionLine);
    lineRow->addWidget(copy);
    layout->addLayout(lineRow);
    setCentralWidget(central);

    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("statsProgress"));
    m_progress->setRange(0, kProgressSteps);
    m_progress->setMaximumWidth(240);
    m_cancel = new QPushButton(tr("Cancel"), this);
    m_cancel->setObjectName(QStringLiteral("cancelButton"));
    statusBar()->addPermanentWidget(m_progress);
    statusBar()->addPermanentWidget(m_cancel);
    setBusy(false);

    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Reload"), QKeySequence::Refresh, this, &MainWindow::reload);
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    resize(900, 520);
}

void MainWindow::restoreSettings(const DatasetRequest& defaults) {
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    QString dataset = settings.value(QStringLiteral("data/dataset")).toString();
    if (defaults.dataset != "auto")
        dataset = QString::fromStdString(defaults.dataset);
    if (dataset.isEmpty())
        dataset = QString::fromStdString(resolveDatasetId(defaults));
    const int datasetIndex = m_dataset->findData(dataset);
    const QSignalBlocker blockDataset(m_dataset), blockSplit(m_split);
    m_dataset->setCurrentIndex(datasetIndex >= 0 ? datasetIndex : m_dataset->findData(QStringLiteral("synthetic")));
    const int splitIndex = m_split->findData(settings.value(QStringLiteral("data/split"), QStringLiteral("train")));
    m_split->setCurrentIndex(splitIndex >= 0 ? splitIndex : 0);
}

void MainWindow::saveSettings() const {
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("data/dataset"), m_dataset->currentData());
    settings.setValue(QStringLiteral("data/split"), m_split->currentData());
}

void MainWindow::reload() {
    DatasetRequest request = m_request;
    request.dataset = m_dataset->currentData().toString().toStdString();
    setBusy(true);
    m_summary->setText(tr("Loading %1 (%2)…").arg(m_dataset->currentText(), m_split->currentText()));
    m_table->clearStats();
    m_torchvisionLine->clear();
    m_job->start(request, m_split->currentData().toString());
}

void MainWindow::setBusy(bool busy) {
    m_progress->setVisible(busy);
    m_cancel->setVisible(busy);
    if (busy)
        m_progress->setValue(0);
}

void MainWindow::showResult(const LoadedSplitPtr& result) {
    m_current = result;
    setBusy(false);
    m_summary->setText(datasetTitle(result->stats));
    m_table->showStats(result->stats);
    m_torchvisionLine->setText(QString::fromStdString(torchvisionNormalizeLine(result->stats.params)));
    statusBar()->showMessage(tr("Statistics ready"), 3000);
}

void MainWindow::showFailure(const QString& message) {
    setBusy(false);
    m_summary->setText(message);
    statusBar()->showMessage(tr("Could not load the data set"), 5000);
}

void MainWindow::closeEvent(QCloseEvent* event) {
    saveSettings();
    m_job->cancel();
    event->accept();
}

} // namespace normlab
