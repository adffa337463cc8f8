#include "ui/pages/normalizationpage.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QStackedWidget>
#include <QStandardItemModel>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

#include "core/export/torchvisionline.h"
#include "ui/widgets/channelcombo.h"
#include "ui/plots/channelstyle.h"
#include "ui/plots/colormap.h"
#include "ui/widgets/constantspanel.h"
#include "ui/plots/histogramplot.h"
#include "ui/models/summarymodel.h"
#include "ui/widgets/pixelimageview.h"

namespace normlab {
namespace {

constexpr int kCopiedFeedbackMs = 1500;
constexpr int kTrainVsTestItem = static_cast<int>(NormalizationPage::Overlay::TrainTest); // its item in the combo

// "Before" is what ToTensor gives: pixel/255, the lesson's "not normalized".
constexpr Method kBefore = Method::None;
const QColor kBeforeColor(90, 90, 90);
const QColor kAfterColor(200, 60, 40);
const QColor kOtherColor(40, 110, 200);
constexpr int kDigits = 6;
constexpr int kComboCharacters = 12;

QString methodLabel(Method m) {
    return QString::fromStdString(methodName(m));
}

// One side of a histogram overlay: what it shows and, for one channel, in which colour.
struct OverlaySide {
    QString name;
    const MethodStats* stats = nullptr;
    QColor greyColor;
};

// The two sides of an overlay for every channel shown. One channel keeps its two colours; colour
// images get a pair per channel in the channel's colour, the first side dashed, the second solid,
// pairs in channel order.
std::vector<HistogramSeries> overlaySeries(const OverlaySide& first, const OverlaySide& second, int channels,
                                           const ChannelCombo& choice) {
    std::vector<HistogramSeries> series;
    for (int c = 0; c < channels; ++c) {
        if (!choice.shows(c)) continue;
        const QString channel = channelName(c, channels);
        const bool perChannel = channels > 1;
        for (const OverlaySide* side : {&first, &second}) {
            const Histogram& h = side->stats->histograms.at(c);
            HistogramSeries s{perChannel ? channel + QLatin1Char(' ') + side->name : side->name, h.edges, h.counts,
                              perChannel ? channelColor(c, channels) : side->greyColor};
            if (perChannel) s.style = side == &first ? Qt::DashLine : Qt::SolidLine;
            series.push_back(std::move(s));
        }
    }
    return series;
}

// The probe's values of one pixel, "12" for one channel, "R 12  G 40  B 7" for several.
QString pixelValues(const std::vector<double>& values, char format, int precision) {
    const int channels = static_cast<int>(values.size());
    if (channels == 1) return QString::number(values[0], format, precision);
    QStringList parts;
    for (int c = 0; c < channels; ++c)
        parts << channelName(c, channels) + QLatin1Char(' ') + QString::number(values[c], format, precision);
    return parts.join(QStringLiteral("  "));
}

} // namespace

NormalizationPage::NormalizationPage(QWidget* parent)
    : QWidget(parent), m_loader(new ImageLoader(0, this)), m_method(new QComboBox(this)),
      m_overlay(new QComboBox(this)), m_class(new QComboBox(this)),
      m_channel(new ChannelCombo(ChannelCombo::All::Offered, this)), m_log(new QCheckBox(tr("log scale"), this)),
      m_beforeView(new PixelImageView(this)), m_afterView(new PixelImageView(this)), m_probe(new QLabel(this)),
      m_histogram(new HistogramPlot(this)), m_summary(new SummaryModel(this)), m_table(new QTableView(this)),
      m_torchvision(new QLabel(this)), m_constants(new ConstantsPanel(this)) {
    connect(m_loader, &ImageLoader::loaded, this,
            [this](qsizetype index, const ImagePixelsPtr& pixels) { imageLoaded(index, pixels); });
    connect(m_loader, &ImageLoader::failed, this, [this](qsizetype index, const QString& message) {
        if (index == m_image) m_probe->setText(message); // the file changed since it was listed
    });
    m_constants->setObjectName(QStringLiteral("constantsPanel"));
    m_method->setObjectName(QStringLiteral("methodCombo"));
    for (auto m : kAllMethods)
        m_method->addItem(methodLabel(m), static_cast<int>(m));
    m_method->setCurrentIndex(static_cast<int>(Method::ZScore));
    m_overlay->setObjectName(QStringLiteral("overlayCombo"));
    m_overlay->addItem(tr("before vs after"));
    m_overlay->addItem(tr("train vs test (after)"));
    m_overlay->addItem(tr("one class vs all (after)"));
    m_class->setObjectName(QStringLiteral("histogramClass"));
    m_channel->setObjectName(QStringLiteral("histogramChannel"));
    m_channel->setToolTip(tr("Which channel the histograms show: every one, or one alone"));
    m_log->setObjectName(QStringLiteral("logScaleCheck"));
    m_log->setToolTip(tr("A log scale for the fraction of pixels: the background bin holds most of them"));
    // Log by default: the background bin holds most pixels and flattens everything else.
    m_log->setChecked(true);
    m_histogram->setLogScale(true);
    // Long class and overlay names elide instead of widening the page past a 1280 px projector.
    for (QComboBox* combo : {m_overlay, m_class}) {
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(kComboCharacters);
    }
    m_beforeView->setObjectName(QStringLiteral("beforeImage"));
    m_afterView->setObjectName(QStringLiteral("afterImage"));
    m_probe->setObjectName(QStringLiteral("pixelProbe"));
    m_probe->setText(tr("Hover over a pixel to see its byte and its normalized value."));
    m_probe->setWordWrap(true); // a long readout wraps instead of widening the page
    m_histogram->setObjectName(QStringLiteral("histogramPlot"));
    m_table->setObjectName(QStringLiteral("beforeAfterTable"));
    m_table->setModel(m_summary);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false); // Tab leaves the table for Copy and Check constants
    m_table->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents); // asks for every row
    // The width is shared out equally, but no column narrower than the widest number (fitTable):
    // shared out alone they elided "-0.939…" in larger fonts; the table scrolls sideways instead.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    fitTableHeight();
    m_torchvision->setObjectName(QStringLiteral("torchvisionLine"));
    // The whole line, always: it wraps between its numbers when the row is narrow (three channels in
    // larger fonts) rather than being cut at "(0.3"; selectable, and Copy copies it.
    m_torchvision->setWordWrap(true);
    m_torchvision->setTextFormat(Qt::PlainText);
    m_torchvision->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_torchvision->setFrameShape(QFrame::StyledPanel);
    m_torchvision->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Normalization:"), this));
    controls->addWidget(m_method);
    controls->addSpacing(16);
    controls->addWidget(new QLabel(tr("Histogram:"), this));
    // The row's spare width goes to the two combos with long entries, so "one class vs all
    // (after)" and "Ankle boot" show whole wherever the row has the room.
    controls->addWidget(m_overlay, 3);
    controls->addWidget(m_class, 2);
    controls->addWidget(m_channel);
    controls->addWidget(m_log);

    auto* images = new QWidget(this);
    auto* imageLayout = new QHBoxLayout(images);
    imageLayout->setContentsMargins(0, 0, 0, 0);
    imageLayout->addWidget(m_beforeView);
    imageLayout->addWidget(m_afterView);
    // Images and histogram side by side: the page has width to spare and no height (above them
    // the controls, below the table and the Normalize line). Stacked, larger fonts shrank the
    // images from 196 to 84 px; beside the histogram they keep the row's whole height.
    auto* split = new QWidget(this);
    split->setObjectName(QStringLiteral("imagesAndHistogram"));
    auto* splitLayout = new QHBoxLayout(split);
    splitLayout->setContentsMargins(0, 0, 0, 0);
    splitLayout->addWidget(images, 1); // half each, whatever the images' size hint
    splitLayout->addWidget(m_histogram, 1);
    images->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_histogram->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Expanding);

    auto* lineRow = new QHBoxLayout;
    auto* copy = new QPushButton(tr("Copy"), this);
    copy->setObjectName(QStringLiteral("copyTorchvision"));
    // Says it was copied, briefly, without moving anything: the button is wide enough for both words.
    copy->setMinimumWidth(copy->fontMetrics().horizontalAdvance(tr("Copied ✓")) + copy->fontMetrics().height());
    connect(copy, &QPushButton::clicked, this, [this, copy] {
        QApplication::clipboard()->setText(m_torchvision->text());
        copy->setText(tr("Copied ✓"));
        QTimer::singleShot(kCopiedFeedbackMs, copy, [copy] { copy->setText(tr("Copy")); });
    });
    // The line z-scores whatever method is shown above: say so, with the split it comes from.
    auto* lineLabel = new QLabel(tr("PyTorch z-score line (train split):"), this);
    lineLabel->setObjectName(QStringLiteral("torchvisionLabel"));
    lineRow->addWidget(lineLabel);
    lineRow->addWidget(m_torchvision);
    lineRow->addWidget(copy);

    // "Check constants" swaps the explorer for the constants panel; the Normalize line stays.
    auto* explore = new QWidget(this);
    auto* exploreLayout = new QVBoxLayout(explore);
    exploreLayout->setContentsMargins(0, 0, 0, 0);
    exploreLayout->addLayout(controls);
    exploreLayout->addWidget(split, 1);
    exploreLayout->addWidget(m_probe);
    exploreLayout->addWidget(m_table);
    m_views = new QStackedWidget(this);
    m_views->addWidget(explore);
    m_views->addWidget(m_constants);
    auto* toggle = new QPushButton(tr("Check constants…"), this);
    toggle->setObjectName(QStringLiteral("checkConstantsToggle"));
    toggle->setCheckable(true);
    toggle->setToolTip(tr("Where do these numbers come from? Check any Normalize constants against this data"));
    lineRow->addWidget(toggle);
    connect(toggle, &QPushButton::toggled, this, [this](bool on) { m_views->setCurrentIndex(on ? 1 : 0); });

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_views, 1);
    layout->addLayout(lineRow);

    connect(m_method, &QComboBox::currentIndexChanged, this, [this] {
        refreshImages();
        refreshDatasetViews();
        Q_EMIT methodChanged(method());
    });
    connect(m_overlay, &QComboBox::currentIndexChanged, this, &NormalizationPage::refreshDatasetViews);
    connect(m_class, &QComboBox::currentIndexChanged, this, &NormalizationPage::refreshDatasetViews);
    // One choice of channel for both histograms, the explorer's and the constants panel's: each
    // combo follows the other (setting the channel shown already emits nothing, so this ends).
    connect(m_channel, &ChannelCombo::channelChanged, this, [this](int channel) {
        m_constants->setChannel(channel);
        refreshDatasetViews();
    });
    connect(m_constants, &ConstantsPanel::channelChanged, m_channel, &ChannelCombo::setChannel);
    connect(m_log, &QCheckBox::toggled, m_histogram, &HistogramPlot::setLogScale);
    connect(m_beforeView, &PixelImageView::pixelHovered, this, &NormalizationPage::probe);
    connect(m_afterView, &PixelImageView::pixelHovered, this, &NormalizationPage::probe);
}

Method NormalizationPage::method() const {
    return static_cast<Method>(m_method->currentData().toInt());
}

void NormalizationPage::setMethod(Method method) {
    m_method->setCurrentIndex(m_method->findData(static_cast<int>(method)));
}

int NormalizationPage::histogramChannel() const {
    return m_channel->wantedChannel();
}

void NormalizationPage::setHistogramChannel(int channel) {
    m_channel->setChannel(channel);
    m_constants->setChannel(channel); // also when this combo's choice did not change
}

void NormalizationPage::setDataset(LoadedDatasetPtr dataset, const std::string& split) {
    // A class chosen for one data set means nothing in another ("Trouser" is not class 1 of the
    // dogs): it carries over between splits of the same data set only.
    const bool sameData = m_dataset && m_dataset->datasetId == dataset->datasetId;
    m_dataset = std::move(dataset);
    m_split = split;
    m_constants->setDataset(m_dataset, split);
    m_channel->setChannels(m_dataset->imagesOf(split).channels);
    const QSignalBlocker block(m_class);
    const int previous = sameData ? m_class->currentIndex() : 0;
    m_class->clear();
    m_class->addItem(tr("all classes"), -1);
    const ImageSet& images = m_dataset->imagesOf(split);
    for (int k = 0; k < images.classCount(); ++k)
        m_class->addItem(QString::fromStdString(images.classNames[k]), k);
    m_class->setCurrentIndex(previous > 0 && previous < m_class->count() ? previous : 0);
    // A data set without a held-out split (an image folder with train/ only) has no test line to
    // draw: the choice is disabled and says why, rather than drawing an empty curve.
    {
        const QSignalBlocker blockOverlay(m_overlay);
        const bool heldOut = m_dataset->images[1]->count() > 0;
        if (auto* items = qobject_cast<QStandardItemModel*>(m_overlay->model())) {
            QStandardItem* trainVsTest = items->item(kTrainVsTestItem);
            trainVsTest->setEnabled(heldOut);
            trainVsTest->setToolTip(heldOut ? QString() : tr("This data set has no test or val split to compare with"));
        }
        if (!heldOut && m_overlay->currentIndex() == kTrainVsTestItem) m_overlay->setCurrentIndex(0);
    }
    m_loader->setSource(m_dataset->images[LoadedDataset::indexOf(split)]);
    m_image = images.count > 0 ? 0 : -1;
    m_pixels.reset();
    m_torchvision->setText(QString::fromStdString(torchvisionNormalizeLine(m_dataset->stats[0].params)));
    refreshImages();
    refreshDatasetViews();
}

void NormalizationPage::fitTableHeight() {
    // At the current font (recomputed when Larger fonts changes it): as tall as every row when
    // there is room, never shorter than the header and one before/after pair. Three channels'
    // six rows do not fit a 720 px projector in larger fonts beside the images and histogram;
    // there the table scrolls rather than push the window off the screen.
    const int row = m_table->fontMetrics().height() + 8;
    m_table->verticalHeader()->setDefaultSectionSize(row);
    const int frame = 2 * m_table->frameWidth();
    m_table->setMinimumHeight(row * 3 + frame);
    m_table->setMaximumHeight(row * (std::max(2, m_summary->rowCount()) + 1) + frame);
    const QAbstractItemView* cells = m_table; // sizeHintForColumn is public here
    int widest = 0;
    for (int c = 0; c < m_summary->columnCount(); ++c)
        widest = std::max(widest, std::max(cells->sizeHintForColumn(c), m_table->horizontalHeader()->sectionSizeHint(c)));
    m_table->horizontalHeader()->setMinimumSectionSize(widest);
}

void NormalizationPage::changeEvent(QEvent* event) {
    if (event->type() == QEvent::FontChange) fitTableHeight();
    QWidget::changeEvent(event);
}

void NormalizationPage::setImage(int imageIndex) {
    m_image = imageIndex;
    m_pixels.reset();
    refreshImages();
}

void NormalizationPage::imageLoaded(qsizetype index, const ImagePixelsPtr& pixels) {
    if (index != m_image) return; // another image was chosen meanwhile
    m_pixels = pixels;
    refreshImages();
}

void NormalizationPage::refreshImages() {
    if (!m_dataset || m_image < 0) return;
    const ImageSource& source = m_dataset->sourceOf(m_split);
    const auto index = static_cast<std::size_t>(m_image);
    if (!m_pixels) {
        if (!source.held()) { // a file: decoded on a worker, shown when it arrives (imageLoaded)
            m_loader->request(index);
            return;
        }
        m_pixels = std::make_shared<const ImagePixels>(source.pixels(index));
    }
    const ImageSet& images = source.about();
    const SplitStats& train = m_dataset->stats[0];
    const std::uint8_t* bytes = m_pixels->bytes.data();
    const int w = m_pixels->width, h = m_pixels->height, channels = m_pixels->channels;
    const std::size_t plane = m_pixels->plane();
    std::vector<float> before(plane * channels);
    normalizeImage(kBefore, train.params, bytes, channels, plane, before.data());
    m_after.resize(plane * channels);
    normalizeImage(method(), train.params, bytes, channels, plane, m_after.data());
    const ValueRange beforeRange = displayRange(kBefore, train), afterRange = displayRange(method(), train);
    const QString label = QString::fromStdString(images.classNames[images.labels[index]]);
    m_beforeView->setImage(renderValues(before.data(), channels, w, h, beforeRange),
                           tr("#%1 %2 — before (x/255)").arg(m_image).arg(label), beforeRange.describe(channels));
    m_afterView->setImage(renderValues(m_after.data(), channels, w, h, afterRange),
                          tr("after: %1").arg(methodLabel(method())), afterRange.describe(channels));
    // A readout under the pointer follows the image and method now shown, never the last ones.
    if (m_probed.x() >= 0 && m_probed.x() < w && m_probed.y() >= 0 && m_probed.y() < h)
        probe(m_probed.x(), m_probed.y());
}

void NormalizationPage::refreshDatasetViews() {
    if (!m_dataset) return;
    const SplitStats& stats = m_dataset->statsOf(m_split);
    const Method after = method();
    const int cls = m_class->currentData().toInt();
    const auto byClass = [&](const SplitStats& s, Method m) -> const MethodStats& {
        return cls >= 0 ? s.perClass.at(cls).methods.at(static_cast<std::size_t>(m)) : s.method(m);
    };
    // Names stay short (a colour data set's six fill the bin tooltip): a class is named, "all" is not.
    const QString scope = cls >= 0 ? QStringLiteral(", ") + m_class->currentText() : QString();
    OverlaySide first, second;
    switch (static_cast<Overlay>(m_overlay->currentIndex())) {
    case Overlay::BeforeAfter:
        first = {tr("before (x/255)%1").arg(scope), &byClass(stats, kBefore), kBeforeColor};
        second = {tr("after (%1)%2").arg(methodLabel(after), scope), &byClass(stats, after), kAfterColor};
        break;
    case Overlay::TrainTest:
        first = {tr("train%1").arg(scope), &byClass(m_dataset->stats[0], after), kAfterColor};
        second = {tr("test%1").arg(scope), &byClass(m_dataset->stats[1], after), kOtherColor};
        break;
    case Overlay::ClassVsAll:
        first = {tr("all classes"), &stats.method(after), kBeforeColor};
        second = {cls >= 0 ? m_class->currentText() : tr("(choose a class)"), &byClass(stats, after), kAfterColor};
        break;
    }
    const int channels = stats.channels;
    std::vector<LegendKey> keys; // every channel: colours name the channels, the line style the side
    if (channels > 1 && m_channel->channel() == ChannelCombo::kAll) {
        for (int c = 0; c < channels; ++c)
            keys.push_back({channelName(c, channels), channelColor(c, channels)});
        keys.push_back({first.name, kBeforeColor, Qt::DashLine});
        keys.push_back({second.name, kBeforeColor});
    }
    m_histogram->setLegendKeys(std::move(keys));
    m_histogram->setSeries(overlaySeries(first, second, channels, *m_channel), tr("pixel value"));

    // The table: before and after of every channel, whatever the histogram shows, each channel's
    // pair together, so the rows a short window shows without scrolling still compare.
    const std::pair<QString, const MethodStats*> sides[] = {
        {tr("before (x/255)%1").arg(scope), &byClass(stats, kBefore)},
        {tr("after (%1)%2").arg(methodLabel(after), scope), &byClass(stats, after)}};
    std::vector<SummaryModel::Row> rows;
    for (int c = 0; c < channels; ++c)
        for (const auto& [name, method] : sides)
            rows.push_back({channels == 1 ? name : channelName(c, channels) + QLatin1Char(' ') + name,
                            method->channels.at(c), channels > 1 ? channelColor(c, channels) : QColor()});
    m_summary->setRows(std::move(rows));
    fitTableHeight();
    // Lay the table out now: its row header only widened for a class's longer names at the next
    // relayout, cut at "before (x/255), T" until then.
    m_table->doItemsLayout();
}

void NormalizationPage::probe(int x, int y) {
    if (!m_dataset || m_image < 0) return;
    if (!m_pixels || m_after.size() != m_pixels->bytes.size()) return; // still being decoded
    m_probed = QPoint(x, y);
    const ImagePixels& image = *m_pixels;
    const std::size_t plane = image.plane();
    const std::size_t i = static_cast<std::size_t>(y) * image.width + x;
    std::vector<double> bytes, after;
    for (int c = 0; c < image.channels; ++c) {
        bytes.push_back(image.bytes[c * plane + i]);
        after.push_back(m_after[c * plane + i]);
    }
    m_probe->setText(tr("pixel (%1, %2): %3 %4 → %5 %6")
                         .arg(x)
                         .arg(y)
                         .arg(image.channels == 1 ? tr("byte") : tr("bytes"), pixelValues(bytes, 'f', 0),
                              methodLabel(method()), pixelValues(after, 'g', kDigits)));
}

QString NormalizationPage::probeText() const {
    return m_probe->text();
}

} // namespace normlab
