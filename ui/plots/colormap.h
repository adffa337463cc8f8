#pragma once

#include <cstddef>

#include <QColor>
#include <QImage>
#include <QString>

#include "core/data/imageset.h"
#include "core/stats/normalization.h"
#include "core/stats/splitstats.h"

namespace normlab {

// How values map to colours. Fixed per data set and method, never rescaled per image, so the
// same value always looks the same: grey over the method's nominal range for non-negative
// methods, and a diverging blue-white-red map, symmetric around 0, when values go negative.
// Colour images are drawn as RGB instead, each channel mapped linearly over the same range.
struct ValueRange {
    double lo = 0, hi = 1;
    bool diverging = false;
    // Where lo and hi come from when they are not the method's whole range, e.g. "1st–99th
    // percentile": values beyond them saturate, and the label says so.
    QString basis = {};

    QRgb colorFor(double value) const;
    int intensity(double value) const; // 0..255, linear over lo … hi
    // e.g. "black 0 … white 1", "blue -2.85 … white 0 … red 2.85", or for colour images
    // "RGB, each channel -2.1 … 2.4".
    QString describe(int channels = 1) const;
};

// The fixed display range of a method, from the training split's statistics: for colour images
// one range over the three channels shown, so equal values look equally bright in each.
// Per-sample values have a few extreme pixels (±15 on FashionMNIST, from nearly blank images)
// against a typical ±2: their range is the split's 1st to 99th percentile, said in the label, so a
// typical image is not drawn pale.
ValueRange displayRange(Method method, const SplitStats& trainStats);

// Renders an image's values (C x H x W floats) with a range, one pixel per value: RGB from the
// first three channels of a colour image, channel 0 otherwise.
QImage renderValues(const float* values, int channels, int width, int height, const ValueRange& range);

// Image `index` of a set as it is stored, at its own size (owns its pixels): RGB for three or
// more channels, grey (channel 0) for one or two.
QImage byteImage(const ImageSet& set, std::size_t index);
// The same for one image's bytes (C x H x W).
QImage byteImage(const std::uint8_t* bytes, int channels, int width, int height);

} // namespace normlab
