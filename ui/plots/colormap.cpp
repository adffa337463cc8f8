#include "ui/plots/colormap.h"

#include <algorithm>
#include <cmath>

#include "ui/plots/channelstyle.h"

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

// The channels a view draws: R, G and B of a colour image, the first channel of any other.
int shownChannels(int channels) {
    return showsAsRgb(channels) ? kRgbChannels : 1;
}

} // namespace

int ValueRange::intensity(double v) const {
    const double t = hi > lo ? std::clamp((v - lo) / (hi - lo), 0.0, 1.0) : 0.0;
    return static_cast<int>(std::lround(t * 255));
}

QRgb ValueRange::colorFor(double v) const {
    if (!diverging) {
        const int g = intensity(v);
        return qRgb(g, g, g);
    }
    const double m = std::max(std::abs(lo), std::abs(hi));
    const double t = m > 0 ? std::clamp(v / m, -1.0, 1.0) : 0.0;
    return t < 0 ? mix(kZero, kNegative, -t) : mix(kZero, kPositive, t);
}

QString ValueRange::describe(int channels) const {
    const QString from = basis.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(basis);
    if (showsAsRgb(channels))
        return QStringLiteral("RGB, each channel %1 … %2%3").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3).arg(from);
    if (diverging) {
        const double m = std::max(std::abs(lo), std::abs(hi));
        return QStringLiteral("blue %1 … white 0 … red %2%3").arg(-m, 0, 'g', 3).arg(m, 0, 'g', 3).arg(from);
    }
    return QStringLiteral("black %1 … white %2%3").arg(lo, 0, 'g', 3).arg(hi, 0, 'g', 3).arg(from);
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
        const auto& channels = train.method(method).channels;
        const int shown = std::min<int>(shownChannels(train.channels), static_cast<int>(channels.size()));
        const bool robust = method == Method::PerSample;
        const auto low = [&](int c) { return robust ? channels[c].p1 : channels[c].min; };
        const auto high = [&](int c) { return robust ? channels[c].p99 : channels[c].max; };
        ValueRange range{low(0), high(0), true, robust ? QStringLiteral("1st–99th percentile") : QString()};
        for (int c = 1; c < shown; ++c) {
            range.lo = std::min(range.lo, low(c));
            range.hi = std::max(range.hi, high(c));
        }
        return range;
    }
    }
    return {};
}

QImage renderValues(const float* values, int channels, int width, int height, const ValueRange& range) {
    const std::size_t plane = static_cast<std::size_t>(width) * height;
    if (!showsAsRgb(channels)) {
        QImage image(width, height, QImage::Format_RGB32);
        for (int y = 0; y < height; ++y) {
            auto* line = reinterpret_cast<QRgb*>(image.scanLine(y));
            for (int x = 0; x < width; ++x)
                line[x] = range.colorFor(values[static_cast<std::size_t>(y) * width + x]);
        }
        return image;
    }
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        for (int x = 0; x < width; ++x) {
            const std::size_t i = static_cast<std::size_t>(y) * width + x;
            for (int c = 0; c < kRgbChannels; ++c)
                line[x * kRgbChannels + c] = static_cast<uchar>(range.intensity(values[c * plane + i]));
        }
    }
    return image;
}

QImage byteImage(const std::uint8_t* bytes, int channels, int width, int height) {
    const std::size_t plane = static_cast<std::size_t>(width) * height;
    if (!showsAsRgb(channels)) {
        QImage image(width, height, QImage::Format_Grayscale8);
        for (int y = 0; y < height; ++y)
            std::copy(bytes + static_cast<std::size_t>(y) * width, bytes + static_cast<std::size_t>(y + 1) * width,
                      image.scanLine(y));
        return image;
    }
    // Planar C x H x W to interleaved RGB, row by row (QImage rows are padded to 4 bytes).
    QImage image(width, height, QImage::Format_RGB888);
    for (int y = 0; y < height; ++y) {
        uchar* line = image.scanLine(y);
        const std::size_t row = static_cast<std::size_t>(y) * width;
        for (int x = 0; x < width; ++x)
            for (int c = 0; c < kRgbChannels; ++c)
                line[x * kRgbChannels + c] = bytes[c * plane + row + x];
    }
    return image;
}

QImage byteImage(const ImageSet& set, std::size_t index) {
    return byteImage(set.image(index), set.channels, set.widthOf(index), set.heightOf(index));
}

} // namespace normlab
