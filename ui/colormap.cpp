#include "ui/colormap.h"

#include <algorithm>
#include <cmath>

namespace normlab {
namespace {

constexpr QRgb kNegative = qRgb(33, 102, 172); // blue
constexpr QRgb kZero = qRgb(247, 247, 247);    // near white
constexpr QRgb kPositive = qRgb(178, 24, 43);  // red

QRgb mix(QRgb a, QRgb b, double t) {
    return qRgb(static_cast<int>(qRed(a) + (qRed(b) - qRed(a)) * t),
                static_cast<int>(qGreen(a) + (qGreen(b) - qGreen(a)) * t),
                static_cast<int>(qBlue(a) + (qBlue(b) - qBlue(a)) * t));
}

} // namespace

QRgb ValueRange::colorFor(double v) const {
    if (!diverging) {
        const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.0;
        const int g = static_cast<int>(std::lround(t * 255));
        return qRgb(g, g, g);
    }
    const double m = std::max(std::abs(lo), std::abs(hi));
    const double t = m > 0 ? std::clamp(v / m, -1.0, 1.0) : 0.0;
    return t < 0 ? mix(kZero, kNegative, -t) : mix(kZero, kPositive, t);
}

QString ValueRange::describe() const {
    if (diverging) {
        const double m = std::max(std::abs(lo), std::abs(hi));
        return QStringLiteral("blue %1 … white 0 … red %2").arg(-m, 0, 'g', 3).arg(m, 0, 'g', 3);
    }
    return QStringLiteral("black %1 … white %2").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3);
}

ValueRange displayRange(Method method, const SplitStats& train) {
    switch (method) {
    case Method::Raw255:
        return {0, 255, false};
    case Method::None:
        return {0, 1, false};
    case Method::MinMax:
        return {train.params.rangeLow, train.params.rangeHigh, train.params.rangeLow < 0};
    case Method::ZScore:
    case Method::PerSample: {
        const ChannelSummary& s = train.method(method).channels.at(0);
        return {s.min, s.max, true};
    }
    }
    return {};
}

QImage renderValues(const float* values, int width, int height, const ValueRange& range) {
    QImage image(width, height, QImage::Format_RGB32);
    for (int y = 0; y < height; ++y) {
        auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
        for (int x = 0; x < width; ++x)
            line[x] = range.colorFor(values[y * width + x]);
    }
    return image;
}

QImage byteImage(const std::uint8_t* bytes, int width, int height) {
    QImage image(width, height, QImage::Format_Grayscale8);
    for (int y = 0; y < height; ++y)
        std::copy(bytes + y * width, bytes + (y + 1) * width, image.scanLine(y));
    return image;
}

} // namespace normlab
