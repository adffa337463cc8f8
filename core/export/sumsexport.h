#pragma once

#include <string>

#include "core/stats/channelsums.h"

namespace normlab {

// What `normlab-cli normalize --format json` writes: the split, its per-channel mean and population
// std of x/255 (exact), smallest and largest values, pixel counts, the torchvision lines and the
// conventions they follow.
std::string splitSumsToJson(const SplitSums& split, int indent = 2);

} // namespace normlab
