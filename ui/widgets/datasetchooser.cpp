#include "ui/widgets/datasetchooser.h"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStandardItemModel>

#include "ui/widgets/datasetcombo.h"

namespace normlab {

DatasetChooser::DatasetChooser(QWidget* parent) : QWidget(parent) {
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_dataset = new QComboBox(this);
    m_dataset->setObjectName(QStringLiteral("datasetCombo"));
    m_split = new QComboBox(this);
    m_split->setObjectName(QStringLiteral("splitCombo"));
    m_split->addItem(tr("train"), QStringLiteral("train"));
    m_split->addItem(tr("test"), QStringLiteral("test"));
    auto* open = new QPushButton(tr("Open folder…"), this);
    open->setObjectName(QStringLiteral("openFolderButton"));
    m_download = new QPushButton(tr("Download"), this);
    m_download->setObjectName(QStringLiteral("downloadButton"));
    m_download->hide();
    layout->addWidget(new QLabel(tr("Data set:"), this));
    layout->addWidget(m_dataset);
    layout->addWidget(new QLabel(tr("Split:"), this));
    layout->addWidget(m_split);
    layout->addWidget(open);
    layout->addWidget(m_download);
    layout->addStretch();
    connect(m_dataset, &QComboBox::currentIndexChanged, this, &DatasetChooser::datasetChanged);
    connect(m_split, &QComboBox::currentIndexChanged, this, &DatasetChooser::splitChanged);
    connect(open, &QPushButton::clicked, this, &DatasetChooser::openFolderRequested);
    connect(m_download, &QPushButton::clicked, this, &DatasetChooser::downloadRequested);
}

void DatasetChooser::setChoices(const std::vector<DatasetChoice>& choices) {
    fillDatasetCombo(m_dataset, choices);
}

QString DatasetChooser::dataset() const {
    return m_dataset->currentData().toString();
}

std::string DatasetChooser::split() const {
    return m_split->currentData().toString().toStdString();
}

void DatasetChooser::select(const QString& dataset) {
    const QSignalBlocker block(m_dataset);
    const QFileInfo path(dataset);
    if (m_dataset->findData(dataset) < 0 && path.exists()) {
        m_dataset->addItem(path.isDir() ? tr("Folder: %1").arg(QDir(dataset).dirName())
                                        : tr("File: %1").arg(path.fileName()),
                           dataset);
        m_dataset->setItemData(m_dataset->count() - 1, dataset, Qt::ToolTipRole);
    }
    const int index = m_dataset->findData(dataset);
    m_dataset->setCurrentIndex(index >= 0 ? index : m_dataset->findData(QStringLiteral("synthetic")));
}

void DatasetChooser::setHeldOutSplit(const QString& name) {
    // The second entry is whatever the data set holds out: its test split, else its val split.
    auto* model = qobject_cast<QStandardItemModel*>(m_split->model());
    QStandardItem* item = model ? model->item(1) : nullptr;
    if (!item) return;
    item->setText(name.isEmpty() ? tr("(no test or val split)") : name);
    item->setEnabled(!name.isEmpty());
    if (name.isEmpty() && m_split->currentIndex() == 1) m_split->setCurrentIndex(0);
}

void DatasetChooser::selectSplit(const QString& split) {
    const QSignalBlocker block(m_split);
    const int index = m_split->findData(split);
    m_split->setCurrentIndex(index >= 0 ? index : 0);
}

void DatasetChooser::removeFolder(const QString& path) {
    const int index = m_dataset->findData(path);
    if (index >= 0 && QDir::isAbsolutePath(path)) {
        const QSignalBlocker block(m_dataset);
        m_dataset->removeItem(index);
    }
}

void DatasetChooser::offerDownload(const QString& text) {
    m_download->setText(text);
    m_download->setVisible(!text.isEmpty());
}

} // namespace normlab
