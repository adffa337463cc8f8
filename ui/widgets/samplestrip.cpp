#include "ui/widgets/samplestrip.h"

#include <algorithm>

#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QVBoxLayout>

#include "ui/plots/colormap.h"

namespace normlab {
namespace {

constexpr int kZoom = 2; // 28x28 becomes 56x56: readable, and eight of them fit a 1280 px window
constexpr int kGap = 2;

} // namespace

SampleStrip::SampleStrip(QWidget* parent) : QScrollArea(parent) {
    setObjectName(QStringLiteral("sampleStrip"));
    auto* content = new QWidget(this);
    m_rows = new QVBoxLayout(content);
    m_rows->setContentsMargins(0, 0, 0, 0);
    m_rows->addStretch();
    setWidget(content);
    setWidgetResizable(true);
    setFrameShape(QFrame::NoFrame);
}

void SampleStrip::clear() {
    while (m_rows->count() > 1) { // keep the trailing stretch
        QLayoutItem* item = m_rows->takeAt(0);
        delete item->widget();
        delete item;
    }
}

void SampleStrip::addRun(int run, const QString& name, const QColor& color,
                         const std::vector<std::vector<float>>& samples, int w, int h) {
    if (samples.empty() || w <= 0 || h <= 0) return;
    // Each sample is C x H x W: colour data is shown in colour, each channel over the same range.
    const int channels = std::max(1, static_cast<int>(samples.front().size() / (static_cast<std::size_t>(w) * h)));
    double lo = 0, hi = 0;
    for (const auto& s : samples)
        for (float v : s)
            lo = std::min<double>(lo, v), hi = std::max<double>(hi, v);
    const ValueRange range{lo, hi, lo < 0};
    QPixmap strip(static_cast<int>(samples.size()) * (w * kZoom + kGap), h * kZoom);
    strip.fill(Qt::transparent);
    QPainter painter(&strip);
    for (std::size_t i = 0; i < samples.size(); ++i)
        painter.drawImage(QRect(static_cast<int>(i) * (w * kZoom + kGap), 0, w * kZoom, h * kZoom),
                          renderValues(samples[i].data(), channels, w, h, range));
    painter.end();
    auto* row = new QWidget(widget());
    auto* layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* label = new QLabel(tr("<b style='color:%1'>%2</b>: %3 … %4")
                                 .arg(color.name(), name.toHtmlEscaped())
                                 .arg(lo, 0, 'g', 3)
                                 .arg(hi, 0, 'g', 3),
                             row);
    label->setToolTip(
        tr("What the network sees: values %1 … %2 (%3)").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3).arg(range.describe()));
    auto* images = new QLabel(row);
    images->setObjectName(QStringLiteral("samples_%1").arg(run));
    images->setPixmap(strip);
    layout->addWidget(label);
    layout->addWidget(images);
    layout->addStretch();
    m_rows->insertWidget(m_rows->count() - 1, row);
}

} // namespace normlab
