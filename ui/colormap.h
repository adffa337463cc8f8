#pragma once

#include <cstdint>
#include <vector>

#include <QColor>
#include <QImage>
#include <QString>

#include "core/stats/normalization.h"
#include "core/stats/splitstats.h"

namespace normlab {

// How values map to colours. Fixed per data set and method, never rescaled per image, so the
// same value always looks the same: grey over the method's nominal range for non-negative
// methods, and a diverging blue-white-red map, symmetric around 0, when values go negative.
struct ValueRange {
    double lo = 0, hi = 1;
    bool diverging = false;

    QRgb colorFor(double value) const;
    QString describe() const; // e.g. "grey, 0 … 1" or "diverging, −2.85 … 0 … 2.85"
};

// The fixed display range of a method, from the training split's statistics.
ValueRange displayRange(Method method, const SplitStats& trainStats);

// Renders channel 0 of an image's values (H x W floats) with a range, one pixel per value.
QImage renderValues(const float* values, int width, int height, const ValueRange& range);

// An 8-bit grey image of channel 0 of a byte image (owns its pixels).
QImage byteImage(const std::uint8_t* bytes, int width, int height);

} // namespace normlab
