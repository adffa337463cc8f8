#include "ui/plots/pixelmapplot.h"

#include <algorithm>
#include <cmath>

#include <QFontMetrics>

#include "ui/plots/plotfonts.h"

namespace normlab {
namespace {

constexpr int kFewestTicks = 2;
constexpr int kLayoutPasses = 4;
constexpr int kLabelSpacing = 2; // a label's width of space between two labels

// Ticks on whole pixels only: a narrow step of 2.5 labelled rows "2.5, 7.5, 12.5" that no image has.
class PixelTicker : public QCPAxisTicker {
protected:
    double getTickStep(const QCPRange& range) override {
        const double step = QCPAxisTicker::getTickStep(range);
        if (step == std::floor(step)) return std::max(1.0, step);
        return step < 1 ? 1 : step < 2 ? 2 : step < 5 ? 5 : 10 * std::ceil(step / 10);
    }
};

} // namespace

PixelMapPlot::PixelMapPlot(QWidget* parent)
    : QCustomPlot(parent), m_map(new QCPColorMap(xAxis, yAxis)), m_scale(new QCPColorScale(this)),
      m_title(new QCPTextElement(this)), m_body(new QCPLayoutGrid) {
    setMinimumSize(180, 220); // a 2-line title, the map, its ticks and the scale below
    // The title in a row of its own over the map and its scale.
    QCPAxisRect* rect = axisRect();
    plotLayout()->take(rect);
    plotLayout()->simplify();
    m_body->setAutoMargins(QCP::msNone); // keepSquare() sets them
    plotLayout()->addElement(0, 0, m_title);
    plotLayout()->addElement(1, 0, m_body);
    // The colour scale under the map, not beside it: a narrow map (larger fonts, beside a wide
    // table) keeps its width for the image.
    m_body->addElement(0, 0, rect);
    m_body->addElement(1, 0, m_scale);
    m_scale->setType(QCPAxis::atBottom);
    m_map->setColorScale(m_scale);
    m_map->setInterpolate(false); // one flat cell per pixel
    yAxis->setRangeReversed(true);
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new PixelTicker));
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new PixelTicker));
    // No "x" and "y" axis labels: the ticks along the image say it, and the space goes to the map.
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    m_scale->setMarginGroup(QCP::msLeft | QCP::msRight, margins);
    followWidgetFont(this);
}

void PixelMapPlot::keepSquare() {
    if (m_width <= 0 || m_height <= 0) return;
    // The axes span exactly the image (labels such as -15 or 45 beside a 28-row image read as if
    // it went there); the space the image's shape leaves over becomes margin around map and scale.
    // A few passes: the margins move tick labels, which can move the axis rect once more.
    m_body->setMargins(QMargins());
    for (int pass = 0; pass < kLayoutPasses; ++pass) {
        replot(); // lays the plot out with the margins so far
        const QRect rect = axisRect()->rect();
        if (rect.width() <= 0 || rect.height() <= 0) return;
        const double unit = std::min(rect.width() / double(m_width), rect.height() / double(m_height));
        if (pass == 0) setTickCounts(unit);
        const int spareX = rect.width() - static_cast<int>(unit * m_width);
        const int spareY = rect.height() - static_cast<int>(unit * m_height);
        if (spareX <= 0 && spareY <= 0) return;
        const QMargins m = m_body->margins();
        m_body->setMargins(m + QMargins(spareX / 2, spareY / 2, spareX - spareX / 2, spareY - spareY / 2));
    }
    replot();
}

void PixelMapPlot::setTickCounts(double unit) {
    // As many ticks as labels fit side by side: a narrow map in larger fonts ran "10152025", and
    // a short one stacked its y labels.
    const QFontMetrics metrics(xAxis->tickLabelFont());
    const int across = static_cast<int>(unit * m_width) / (kLabelSpacing * metrics.horizontalAdvance(QStringLiteral("0.00")));
    const int down = static_cast<int>(unit * m_height) / (kLabelSpacing * metrics.height());
    xAxis->ticker()->setTickCount(std::max(kFewestTicks, across));
    m_scale->axis()->ticker()->setTickCount(std::max(kFewestTicks, across));
    yAxis->ticker()->setTickCount(std::max(kFewestTicks, down));
}

void PixelMapPlot::resizeEvent(QResizeEvent* event) {
    QCustomPlot::resizeEvent(event); // lays the plot out anew: the axis rect has its new size
    keepSquare();
}

void PixelMapPlot::setMap(const std::vector<double>& values, int width, int height, const QString& title,
                          QCPColorGradient::GradientPreset gradient) {
    m_title->setText(title);
    m_map->data()->setSize(width, height);
    m_map->data()->setRange(QCPRange(0, width - 1), QCPRange(0, height - 1));
    for (int y = 0; y < height; ++y)
        for (int x = 0; x < width; ++x)
            m_map->data()->setCell(x, y, values[static_cast<std::size_t>(y) * width + x]);
    m_map->setGradient(gradient);
    m_map->rescaleDataRange(true);
    m_width = width;
    m_height = height;
    xAxis->setRange(-0.5, width - 0.5);
    yAxis->setRange(-0.5, height - 0.5);
    replot();
    keepSquare();
}

double PixelMapPlot::valueAt(int x, int y) const {
    return m_map->data()->cell(x, y);
}

} // namespace normlab
