#include "ui/statspage.h"

#include <QGridLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QTableView>

#include "ui/datacheck.h"
#include "ui/models/datacheckmodel.h"
#include "ui/models/perclassmodel.h"
#include "ui/pixelmapplot.h"
#include "ui/tableviewutil.h"

namespace normlab {

StatsPage::StatsPage(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_classModel(new PerClassModel(this)),
      m_checkModel(new DataCheckModel(this)),
      m_classes(makeTableView(m_classModel, QStringLiteral("perClassTable"), this, PerClassModel::ValueRole)),
      m_mean(new PixelMapPlot(this)), m_std(new PixelMapPlot(this)),
      m_files(makeTableView(m_checkModel, QStringLiteral("dataCheckTable"), this)) {
    m_summary->setObjectName(QStringLiteral("statsSummary"));
    m_summary->setWordWrap(true);
    m_mean->setObjectName(QStringLiteral("pixelMeanMap"));
    m_std->setObjectName(QStringLiteral("pixelStdMap"));
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
    m_classModel->setStats(s);
    m_mean->setMap(s.pixelMean.at(0), s.width, s.height, tr("per-pixel mean (x/255)"), QCPColorGradient::gpGrayscale);
    m_std->setMap(s.pixelStd.at(0), s.width, s.height, tr("per-pixel std (x/255)"), QCPColorGradient::gpThermal);
    m_checkModel->setChecks(checkSources(s.sources, s.origin));
}

} // namespace normlab
