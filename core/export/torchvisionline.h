#pragma once

#include <string>

#include "core/stats/normalization.h"

namespace normlab {

// The ready-to-paste line for these parameters, e.g. "transforms.Normalize((0.1307,), (0.3081,))".
// decimals < 0 prints full double precision (round-trips exactly).
std::string torchvisionNormalizeLine(const NormalizationParams& params, int decimals = 4);

} // namespace normlab
