#pragma once

#include <vector>

namespace normlab {

class SplitMix64;

struct Point2 {
    double x = 0, y = 0;
};
using Stroke = std::vector<Point2>;

// NormLab's own stroke font for the digits 0-9, in a box about 0.6 wide and 1.0 tall (y down).
// Every call draws a slightly different hand: bowl sizes, slants, optional serifs and bars vary
// with the generator, so the synthetic set is learnable but not trivial.
std::vector<Stroke> digitStrokes(int digit, SplitMix64& rng);

} // namespace normlab
