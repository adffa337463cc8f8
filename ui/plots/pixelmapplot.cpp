#include "ui/plots/pixelmapplot.h"

#include <algorithm>

#include <QFontMetrics>

#include "ui/plots/plotfonts.h"

namespace normlab {
namespace {

constexpr int kFewestTicks = 2;
constexpr int kLabelSpacing = 2; // a label's width of space between two labels

// Ticks only where the image is: the axes reach past it to keep its pixels square, and labels such
// as -10 or 40 beside a 28-row image read as if the image went there.
class ImageTicker : public QCPAxisTicker {
public:
    void setLimits(double lo, double hi) {
        m_lo = lo;
        m_hi = hi;
    }

protected:
    QVector<double> createTickVector(double tickStep, const QCPRange& range) override {
        QVector<double> ticks = QCPAxisTicker::createTickVector(tickStep, range);
        ticks.erase(std::remove_if(ticks.begin(), ticks.end(), [this](double t) { return t < m_lo || t > m_hi; }),
                    ticks.end());
        return ticks;
    }

private:
    double m_lo = 0, m_hi = 0;
};

} // namespace

PixelMapPlot::PixelMapPlot(QWidget* parent)
    : QCustomPlot(parent), m_map(new QCPColorMap(xAxis, yAxis)), m_scale(new QCPColorScale(this)),
      m_title(new QCPTextElement(this)) {
    setMinimumSize(220, 200);
    // The title in a row of its own over the map and its scale, so it may be as wide as both
    // (a second line names the channel of a colour data set).
    QCPAxisRect* rect = axisRect();
    plotLayout()->take(rect);
    plotLayout()->simplify();
    auto* body = new QCPLayoutGrid;
    plotLayout()->addElement(0, 0, m_title);
    plotLayout()->addElement(1, 0, body);
    body->addElement(0, 0, rect);
    body->addElement(0, 1, m_scale);
    m_map->setColorScale(m_scale);
    m_map->setInterpolate(false); // one flat cell per pixel
    yAxis->setRangeReversed(true);
    xAxis->setLabel(tr("x"));
    yAxis->setLabel(tr("y"));
    xAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ImageTicker));
    yAxis->setTicker(QSharedPointer<QCPAxisTicker>(new ImageTicker));
    auto* margins = new QCPMarginGroup(this);
    axisRect()->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    m_scale->setMarginGroup(QCP::msBottom | QCP::msTop, margins);
    followWidgetFont(this);
}

void PixelMapPlot::keepSquare() {
    // Twice: new ranges change the tick labels, whose width changes the axis rect once more.
    for (int pass = 0; pass < 2; ++pass) {
        const QRect rect = axisRect()->rect();
        if (m_width <= 0 || m_height <= 0 || rect.width() <= 0 || rect.height() <= 0) return;
        // As many x ticks as labels fit side by side: a narrow map in larger fonts ran "10152025".
        const int labelWidth = QFontMetrics(xAxis->tickLabelFont()).horizontalAdvance(QStringLiteral("000"));
        xAxis->ticker()->setTickCount(std::max(kFewestTicks, rect.width() / (kLabelSpacing * labelWidth)));
        const double unit = std::min(rect.width() / double(m_width), rect.height() / double(m_height));
        const double halfX = rect.width() / unit / 2, halfY = rect.height() / unit / 2;
        const double centreX = (m_width - 1) / 2.0, centreY = (m_height - 1) / 2.0;
        xAxis->setRange(centreX - halfX, centreX + halfX);
        yAxis->setRange(centreY - halfY, centreY + halfY);
        replot(); // lays the plot out with the new tick labels
    }
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
    static_cast<ImageTicker*>(xAxis->ticker().data())->setLimits(0, width - 1);
    static_cast<ImageTicker*>(yAxis->ticker().data())->setLimits(0, height - 1);
    xAxis->setRange(-0.5, width - 0.5);
    yAxis->setRange(-0.5, height - 0.5);
    replot();
    keepSquare();
}

double PixelMapPlot::valueAt(int x, int y) const {
    return m_map->data()->cell(x, y);
}

} // namespace normlab
