#include "ui/widgets/constantspanel.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTableWidget>
#include <QVBoxLayout>

#include "core/common/error.h"
#include "core/stats/constantscheck.h"
#include "core/stats/constantsseries.h"
#include "core/stats/publishedconstants.h"
#include "ui/widgets/channelcombo.h"
#include "ui/plots/channelstyle.h"
#include "ui/plots/histogramplot.h"

namespace normlab {
namespace {

constexpr int kImageStdBins = 64;
constexpr int kDecimals = 4;
const QColor kIdealColor(60, 60, 60);
const QColor kPooledColor(200, 60, 40);
const QColor kPerImageColor(40, 110, 200);
const QColor kImageStdColor(90, 90, 90);

HistogramSeries seriesOf(BinnedCounts bins, const QString& name, const QColor& color) {
    return {name, std::move(bins.edges), std::move(bins.counts), color};
}

QString number(double v) {
    return QString::number(v, 'f', kDecimals);
}

} // namespace

ConstantsPanel::ConstantsPanel(QWidget* parent)
    : QWidget(parent), m_line(new QLineEdit(this)), m_published(new QComboBox(this)),
      m_channel(new ChannelCombo(ChannelCombo::All::Offered, this)), m_verdict(new QLabel(this)),
      m_after(new HistogramPlot(this)), m_imageStds(new HistogramPlot(this)), m_recipes(new QTableWidget(this)) {
    m_recipes->setTabKeyNavigation(false); // read-only numbers: Tab moves on
    m_line->setObjectName(QStringLiteral("constantsLine"));
    m_line->setPlaceholderText(
        tr("Paste a Normalize line, e.g. transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010))"));
    m_published->setObjectName(QStringLiteral("publishedCombo"));
    m_published->addItem(tr("or a published set…"), QString());
    for (const auto& p : publishedConstants())
        m_published->addItem(QString::fromStdString(p.name + " (" + p.dataset + ")"), QString::fromStdString(p.name));
    m_channel->setObjectName(QStringLiteral("constantsChannel"));
    m_channel->setToolTip(tr("Which channel the after-histogram shows: every one, or one alone"));
    auto* checkButton = new QPushButton(tr("Check"), this);
    checkButton->setObjectName(QStringLiteral("checkConstantsButton"));
    m_verdict->setObjectName(QStringLiteral("constantsVerdict"));
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_verdict->setText(tr("Paste the constants your code uses, or pick a published set, and press Check: NormLab "
                          "shows what they do to this split and which recipe they come from."));
    m_after->setObjectName(QStringLiteral("constantsAfterPlot"));
    m_imageStds->setObjectName(QStringLiteral("imageStdPlot"));
    m_after->setLogScale(true); // the background byte holds most pixels and flattens the rest
    m_imageStds->yAxis->setLabel(tr("fraction of images"));
    m_recipes->setObjectName(QStringLiteral("recipesTable"));
    m_recipes->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_recipes->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents); // numbers never elide
    m_recipes->horizontalHeader()->setStretchLastSection(true);
    m_recipes->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);

    auto* input = new QHBoxLayout;
    input->addWidget(m_line, 3);
    input->addWidget(m_published, 1);
    input->addWidget(checkButton);
    input->addWidget(m_channel);

    auto* right = new QSplitter(Qt::Vertical, this);
    right->addWidget(m_recipes);
    right->addWidget(m_imageStds);
    auto* plots = new QSplitter(Qt::Horizontal, this);
    plots->addWidget(m_after);
    plots->addWidget(right);
    plots->setSizes({1, 1}); // half each, whatever the window's width
    plots->setChildrenCollapsible(false);
    right->setStretchFactor(0, 0);
    right->setStretchFactor(1, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(input);
    layout->addWidget(m_verdict);
    layout->addWidget(plots, 1);

    connect(checkButton, &QPushButton::clicked, this, &ConstantsPanel::check);
    connect(m_line, &QLineEdit::returnPressed, this, &ConstantsPanel::check);
    connect(m_published, &QComboBox::activated, this, [this](int index) {
        if (index > 0) m_line->clear(); // the published set is what gets checked
        this->check();
    });
    connect(m_channel, &ChannelCombo::channelChanged, this, [this](int channel) {
        showChecked();
        Q_EMIT channelChanged(channel);
    });
}

int ConstantsPanel::channel() const {
    return m_channel->channel();
}

void ConstantsPanel::setChannel(int channel) {
    m_channel->setChannel(channel);
}

void ConstantsPanel::setDataset(LoadedDatasetPtr dataset, const std::string& split) {
    m_dataset = std::move(dataset);
    m_split = split;
    m_checked.reset(); // checked against the old data: nothing to show until checked again
    m_channel->setChannels(m_dataset->imagesOf(split).channels);
    showRecipes();
    if (!m_line->text().isEmpty() || m_published->currentIndex() > 0) check();
}

QString ConstantsPanel::verdict() const {
    return m_verdict->text();
}

void ConstantsPanel::check() {
    if (!m_dataset) return;
    try {
        const QString text = m_line->text().trimmed();
        if (!text.isEmpty()) {
            m_published->setCurrentIndex(0);
            run(parseNormalize(text.toStdString()));
        } else if (const auto* p = findPublishedConstants(m_published->currentData().toString().toStdString())) {
            run({p->mean, p->std});
        } else {
            showError(tr("Paste a Normalize line or pick a published set first."));
        }
    } catch (const Error& e) {
        showError(QString::fromStdString(e.what()));
    }
}

void ConstantsPanel::run(const NormalizeConstants& constants) {
    const ConstantsCheck k = checkConstants(m_dataset->statsOf(m_split), constants);
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(QString::fromStdString(k.verdict));
    m_checked = k.constants; // broadcast to every channel
    showChecked();
}

void ConstantsPanel::showChecked() {
    if (!m_dataset || !m_checked) return;
    const SplitStats& stats = m_dataset->statsOf(m_split);
    const ConstantsCheck k = checkConstants(stats, *m_checked);
    const int channels = stats.channels;
    std::vector<HistogramSeries> series;
    std::vector<HistogramMarker> markers{{-1, tr("ideal ±1"), kIdealColor, Qt::DotLine},
                                         {0, tr("ideal 0"), kIdealColor, Qt::DashLine},
                                         {1, QString(), kIdealColor, Qt::DotLine}};
    for (int c = 0; c < channels; ++c) {
        if (!m_channel->shows(c)) continue;
        const QString name = channels == 1 ? tr("after") : channelName(c, channels);
        const QColor color = channelColor(c, channels);
        series.push_back(
            seriesOf(normalizedByteHistogram(stats.bytes[c], k.constants.mean[c], k.constants.std[c]), name, color));
        const QString which = channels == 1 ? QString() : QLatin1Char(' ') + name;
        markers.push_back({k.afterMean[c], tr("mean %1%2").arg(QString::number(k.afterMean[c], 'f', 2), which), color,
                           Qt::SolidLine});
        markers.push_back({k.afterMean[c] + k.afterStd[c],
                           tr("+std %1%2").arg(QString::number(k.afterStd[c], 'f', 2), which), color, Qt::DashDotLine});
    }
    m_after->setSeries(std::move(series), tr("value after this Normalize"));
    m_after->setMarkers(std::move(markers));
}

void ConstantsPanel::showRecipes() {
    if (!m_dataset) return;
    const SplitStats& stats = m_dataset->statsOf(m_split);
    const StdRecipes r = stdRecipes(stats);
    const std::vector<std::pair<QString, const std::vector<double>*>> rows{
        {tr("pooled mean"), &r.mean},
        {tr("pooled std, ÷N (NormLab's Normalize line)"), &r.population},
        {tr("pooled std, ÷(N−1) (torch.std)"), &r.unbiased},
        {tr("mean of per-image stds"), &r.meanOfImageStd},
        {tr("within-image variance (mean)"), &r.within},
        {tr("between-image variance (of image means)"), &r.between}};
    m_recipes->clear();
    m_recipes->setRowCount(static_cast<int>(rows.size()));
    m_recipes->setColumnCount(stats.channels);
    QStringList channels;
    for (int c = 0; c < stats.channels; ++c)
        channels << (stats.channels == 1 ? tr("value") : channelName(c, stats.channels));
    m_recipes->setHorizontalHeaderLabels(channels);
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        m_recipes->setVerticalHeaderItem(i, new QTableWidgetItem(rows[i].first));
        for (int c = 0; c < stats.channels; ++c)
            m_recipes->setItem(i, c, new QTableWidgetItem(number((*rows[i].second)[c])));
    }
    fitRecipesHeight();
    // The picture of the gap: each image's own std is narrower than the pooled std, because it
    // leaves out how much the image means differ. A colour image's std is taken over all its
    // channels, so it is compared with the std pooled over all channels, not one channel's.
    if (stats.channels == 1) {
        m_imageStds->setSeries({seriesOf(imageStdHistogram(stats.imageStd, kImageStdBins), tr("images by their std"),
                                         kImageStdColor)},
                               tr("std of one image (x/255)"));
        m_imageStds->setMarkers({{r.population[0], tr("pooled %1").arg(number(r.population[0])), kPooledColor},
                                 {r.meanOfImageStd[0], tr("mean of these %1").arg(number(r.meanOfImageStd[0])),
                                  kPerImageColor, Qt::DashLine}});
    } else {
        const double pooled = r.pooledStdAllChannels, mean = r.meanOfImageStdAllChannels;
        m_imageStds->setSeries({seriesOf(imageStdHistogram(stats.imageStd, kImageStdBins), tr("images by their std"),
                                         kImageStdColor)},
                               tr("std of one image, all channels (x/255)"));
        m_imageStds->setMarkers({{pooled, tr("pooled, all channels %1").arg(number(pooled)), kPooledColor},
                                 {mean, tr("mean of these %1").arg(number(mean)), kPerImageColor, Qt::DashLine}});
    }
}

void ConstantsPanel::fitRecipesHeight() {
    // As tall as its rows (in the current font), so the picture below gets the rest.
    int height = m_recipes->horizontalHeader()->sizeHint().height() + 2 * m_recipes->frameWidth();
    for (int i = 0; i < m_recipes->rowCount(); ++i)
        height += m_recipes->verticalHeader()->sectionSizeHint(i);
    m_recipes->setMinimumHeight(height);
    m_recipes->setMaximumHeight(height);
}

void ConstantsPanel::changeEvent(QEvent* event) {
    QWidget::changeEvent(event);
    if (event->type() == QEvent::FontChange) fitRecipesHeight(); // larger fonts for a projector
}

// What the error invalidates goes (the previous constants' histogram and markers); what the user
// typed stays, to be corrected.
void ConstantsPanel::showError(const QString& message) {
    m_checked.reset();
    m_after->setSeries({}, tr("value after this Normalize"));
    m_after->setMarkers({});
    m_verdict->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_verdict->setText(message);
}

} // namespace normlab
