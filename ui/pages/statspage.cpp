#include "ui/pages/statspage.h"

#include <algorithm>

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

#include "ui/widgets/channelcombo.h"
#include "ui/plots/channelstyle.h"
#include "core/session/datacheck.h"
#include "ui/models/datacheckmodel.h"
#include "ui/models/perclassmodel.h"
#include "ui/plots/pixelmapplot.h"
#include "ui/widgets/tableviewutil.h"

namespace normlab {
namespace {

constexpr int kDecimals = 4;

// "3×32×32", or for images of different sizes "3 × (1…500)×(1…375)": the range of heights and
// widths, so the reader sees at once that they differ.
QString shapeText(const ImageSet& images) {
    if (images.uniformSize())
        return QStringLiteral("%1×%2×%3").arg(images.channels).arg(images.height).arg(images.width);
    if (images.shapes.empty()) return QString::number(images.channels);
    const auto [minH, maxH] = std::minmax_element(images.shapes.begin(), images.shapes.end(),
                                                  [](const auto& a, const auto& b) { return a.height < b.height; });
    const auto [minW, maxW] = std::minmax_element(images.shapes.begin(), images.shapes.end(),
                                                  [](const auto& a, const auto& b) { return a.width < b.width; });
    return QStringLiteral("%1×(%2…%3)×(%4…%5), sizes differ")
        .arg(images.channels)
        .arg(minH->height)
        .arg(maxH->height)
        .arg(minW->width)
        .arg(maxW->width);
}

std::vector<double> field(const std::vector<ChannelSummary>& channels, double ChannelSummary::*member) {
    std::vector<double> out;
    for (const auto& c : channels)
        out.push_back(c.*member);
    return out;
}

} // namespace

StatsPage::StatsPage(QWidget* parent)
    : QWidget(parent), m_summary(new QLabel(this)), m_classModel(new PerClassModel(this)),
      m_checkModel(new DataCheckModel(this)),
      m_classes(makeTableView(m_classModel, QStringLiteral("perClassTable"), this, PerClassModel::ValueRole)),
      m_mapChannel(new ChannelCombo(ChannelCombo::All::NotOffered, this)), m_maps(new QStackedWidget(this)),
      m_mean(new PixelMapPlot(this)), m_std(new PixelMapPlot(this)), m_noMaps(new QLabel(this)),
      m_files(makeTableView(m_checkModel, QStringLiteral("dataCheckTable"), this)), m_layout(new QGridLayout(this)) {
    m_summary->setObjectName(QStringLiteral("statsSummary"));
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_mean->setObjectName(QStringLiteral("pixelMeanMap"));
    m_std->setObjectName(QStringLiteral("pixelStdMap"));
    m_mapChannel->setObjectName(QStringLiteral("mapChannel"));
    m_mapChannel->setToolTip(tr("Which channel the per-pixel maps show"));
    m_noMaps->setObjectName(QStringLiteral("noPixelMaps"));
    m_noMaps->setAlignment(Qt::AlignCenter);
    m_noMaps->setWordWrap(true);

    auto* mapPage = new QWidget(this);
    auto* mapPlots = new QHBoxLayout;
    mapPlots->addWidget(m_mean);
    mapPlots->addWidget(m_std);
    auto* mapChoice = new QHBoxLayout;
    mapChoice->addStretch();
    mapChoice->addWidget(m_mapChannel);
    auto* mapLayout = new QVBoxLayout(mapPage);
    mapLayout->setContentsMargins(0, 0, 0, 0);
    mapLayout->addLayout(mapChoice);
    mapLayout->addLayout(mapPlots, 1);
    m_maps->addWidget(mapPage);
    m_maps->addWidget(m_noMaps);

    m_layout->addWidget(m_summary, 0, 0, 1, 2);
    m_layout->addWidget(m_classes, 1, 0);
    m_layout->addWidget(m_maps, 1, 1);
    m_layout->addWidget(new QLabel(tr("Data check"), this), 2, 0, 1, 2);
    m_layout->addWidget(m_files, 3, 0, 1, 2);
    m_layout->setRowStretch(1, 2);
    m_layout->setRowStretch(3, 1);
    // The per-class table as wide as its numbers (colour data's "0.4914 / 0.4822 / 0.4465" too);
    // the maps take the rest, square anyway. Nothing on the tab scrolls sideways.
    fitWidthToColumns(m_classes);
    m_classes->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // R, G, B lines
    m_layout->setColumnStretch(1, 1);
    // The data check wraps its words in rows as tall as they need, in the tab's width.
    m_files->setWordWrap(true);
    m_files->horizontalHeader()->setSectionResizeMode(DataCheckModel::CheckColumn, QHeaderView::Stretch);
    m_files->horizontalHeader()->setSectionResizeMode(DataCheckModel::OriginColumn, QHeaderView::Stretch);
    m_files->horizontalHeader()->setStretchLastSection(false);
    m_files->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_files->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    connect(m_mapChannel, &ChannelCombo::channelChanged, this, &StatsPage::showMaps);
}

void StatsPage::setDataset(const LoadedDatasetPtr& dataset, const std::string& split) {
    m_dataset = dataset;
    m_split = split;
    const SplitStats& s = dataset->statsOf(split);
    const auto& none = s.method(Method::None).channels;
    const QString which = s.channels > 1 ? QStringLiteral(", ") + channelList(s.channels) : QString();
    m_summary->setText(tr("%1 · %2: %3 images of %4 · mean %5 · std %6 (x/255, population%7) · normalization "
                          "parameters from %8")
                           .arg(QString::fromStdString(s.dataset), QString::fromStdString(s.split),
                                QLocale().toString(qulonglong(s.count)), shapeText(dataset->imagesOf(split)),
                                channelValues(field(none, &ChannelSummary::mean), kDecimals),
                                channelValues(field(none, &ChannelSummary::std), kDecimals), which,
                                QString::fromStdString(s.paramsSource)));
    m_classModel->setStats(s);
    m_mapChannel->setChannels(s.channels);
    showMaps();
    m_checkModel->setChecks(checkSources(s.sources, s.origin));
}

void StatsPage::showMaps() {
    if (!m_dataset) return;
    const SplitStats& s = m_dataset->statsOf(m_split);
    if (!hasPixelMaps()) {
        // A mean "per pixel" needs one pixel grid for all images: resizing them first would be a
        // choice of the training pipeline, not a property of the data.
        m_noMaps->setText(tr("No per-pixel maps: the images differ in size."));
        m_maps->setCurrentWidget(m_noMaps);
        return;
    }
    const int c = std::clamp(m_mapChannel->channel(), 0, s.channels - 1);
    // The title on two lines, the channel on the second: no wider than a narrow map.
    const QString which = s.channels > 1 ? tr(", channel %1").arg(channelName(c, s.channels)) : QString();
    m_mean->setMap(s.pixelMean.at(c), s.width, s.height, tr("per-pixel mean\n(x/255)%1").arg(which),
                   QCPColorGradient::gpGrayscale);
    m_std->setMap(s.pixelStd.at(c), s.width, s.height, tr("per-pixel std\n(x/255)%1").arg(which),
                  QCPColorGradient::gpThermal);
    m_maps->setCurrentIndex(0);
}

QString StatsPage::summaryText() const {
    return m_summary->text();
}

bool StatsPage::hasPixelMaps() const {
    if (!m_dataset) return false;
    const SplitStats& s = m_dataset->statsOf(m_split);
    return !s.pixelMean.empty() && s.height > 0 && s.width > 0;
}

QString StatsPage::pixelMapsText() const {
    return m_maps->currentWidget() == m_noMaps ? m_noMaps->text() : QString();
}

int StatsPage::mapChannel() const {
    return m_mapChannel->wantedChannel();
}

void StatsPage::setMapChannel(int channel) {
    m_mapChannel->setChannel(channel);
}

} // namespace normlab
