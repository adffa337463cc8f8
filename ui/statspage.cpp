#include "ui/statspage.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableWidget>

#include "ui/datacheck.h"
#include "ui/pixelmapplot.h"

namespace normlab {
namespace {

QTableWidgetItem* cell(const QString& text, const QVariant& value = {}) {
    auto* item = new QTableWidgetItem(text);
    if (value.isValid()) item->setData(Qt::UserRole, value);
    return item;
}

} // namespace

StatsPage::StatsPage(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_classes(new QTableWidget(0, 5, this)),
      m_mean(new PixelMapPlot(this)), m_std(new PixelMapPlot(this)), m_files(new QTableWidget(0, 5, this)) {
    m_summary->setObjectName(QStringLiteral("statsSummary"));
    m_summary->setWordWrap(true);
    m_classes->setObjectName(QStringLiteral("perClassTable"));
    m_classes->setHorizontalHeaderLabels(
        {tr("label"), tr("class"), tr("images"), tr("mean (x/255)"), tr("std (x/255)")});
    m_classes->setSortingEnabled(true);
    m_mean->setObjectName(QStringLiteral("pixelMeanMap"));
    m_std->setObjectName(QStringLiteral("pixelStdMap"));
    m_files->setObjectName(QStringLiteral("dataCheckTable"));
    // What a reader looks for first (is it the published data, where from) before the digest.
    m_files->setHorizontalHeaderLabels({tr("file"), tr("check"), tr("came from"), tr("bytes"), tr("SHA-256")});
    for (auto* t : {m_classes, m_files}) {
        t->setEditTriggers(QAbstractItemView::NoEditTriggers);
        t->verticalHeader()->hide();
        t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
        t->horizontalHeader()->setStretchLastSection(true);
    }
    auto* layout = new QGridLayout(this);
    layout->addWidget(m_summary, 0, 0, 1, 2);
    layout->addWidget(m_classes, 1, 0);
    auto* maps = new QWidget(this);
    auto* mapLayout = new QHBoxLayout(maps);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->addWidget(m_mean);
    mapLayout->addWidget(m_std);
    layout->addWidget(maps, 1, 1);
    layout->addWidget(new QLabel(tr("Data check"), this), 2, 0, 1, 2);
    layout->addWidget(m_files, 3, 0, 1, 2);
    layout->setColumnStretch(0, 2);
    layout->setColumnStretch(1, 3);
    layout->setRowStretch(1, 3);
    layout->setRowStretch(3, 1);
}

void StatsPage::setDataset(const LoadedDatasetPtr& dataset, const std::string& split) {
    const SplitStats& s = dataset->statsOf(split);
    const ChannelSummary& none = s.method(Method::None).channels.at(0);
    m_summary->setText(tr("%1 · %2: %3 images of %4×%5×%6 · mean %7 · std %8 (x/255, population) · normalization "
                          "parameters from %9")
                           .arg(QString::fromStdString(s.dataset), QString::fromStdString(s.split),
                                QLocale().toString(qulonglong(s.count)))
                           .arg(s.channels)
                           .arg(s.height)
                           .arg(s.width)
                           .arg(none.mean, 0, 'f', 4)
                           .arg(none.std, 0, 'f', 4)
                           .arg(QString::fromStdString(s.paramsSource)));
    m_classes->setSortingEnabled(false);
    m_classes->setRowCount(static_cast<int>(s.perClass.size()));
    for (int r = 0; r < static_cast<int>(s.perClass.size()); ++r) {
        const ClassStats& c = s.perClass[r];
        const ChannelSummary& cs = c.methods.at(static_cast<std::size_t>(Method::None)).channels.at(0);
        m_classes->setItem(r, 0, cell(QString::number(c.label), c.label));
        m_classes->setItem(r, 1, cell(QString::fromStdString(c.name)));
        auto* count = new QTableWidgetItem;
        count->setData(Qt::DisplayRole, qulonglong(c.images)); // numeric sorting
        m_classes->setItem(r, 2, count);
        m_classes->setItem(r, 3, cell(QString::number(cs.mean, 'f', 4), cs.mean));
        m_classes->setItem(r, 4, cell(QString::number(cs.std, 'f', 4), cs.std));
    }
    m_classes->setSortingEnabled(true);
    m_classes->sortByColumn(0, Qt::AscendingOrder);
    m_mean->setMap(s.pixelMean.at(0), s.width, s.height, tr("per-pixel mean (x/255)"), QCPColorGradient::gpGrayscale);
    m_std->setMap(s.pixelStd.at(0), s.width, s.height, tr("per-pixel std (x/255)"), QCPColorGradient::gpThermal);
    const auto checks = checkSources(s.sources, s.origin);
    m_files->setRowCount(static_cast<int>(checks.size()));
    for (int r = 0; r < static_cast<int>(checks.size()); ++r) {
        const FileCheck& c = checks[r];
        m_files->setItem(r, 0, cell(QString::fromStdString(c.path)));
        m_files->setItem(r, 1, cell(QString::fromStdString(c.verdict)));
        m_files->setItem(r, 2, cell(c.origin.empty() ? tr("—") : QString::fromStdString(c.origin)));
        m_files->setItem(r, 3, cell(QLocale().toString(qulonglong(c.bytes))));
        m_files->setItem(r, 4, cell(QString::fromStdString(c.sha256)));
    }
}

} // namespace normlab
