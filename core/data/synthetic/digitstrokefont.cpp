#include "core/data/synthetic/digitstrokefont.h"

#include <cmath>
#include <numbers>

#include "core/common/splitmix.h"

namespace normlab {
namespace {

constexpr int kPointsPerFullTurn = 20;

// An elliptic arc from a0 to a1 degrees (0 = right, 90 = down, since y grows downwards).
Stroke arc(double cx, double cy, double rx, double ry, double a0, double a1) {
    const int steps = std::max(3, static_cast<int>(std::abs(a1 - a0) / 360.0 * kPointsPerFullTurn));
    Stroke s;
    for (int i = 0; i <= steps; ++i) {
        const double a = (a0 + (a1 - a0) * i / steps) * std::numbers::pi / 180.0;
        s.push_back({cx + rx * std::cos(a), cy + ry * std::sin(a)});
    }
    return s;
}

void append(Stroke& to, const Stroke& from) {
    to.insert(to.end(), from.begin(), from.end());
}

} // namespace

std::vector<Stroke> digitStrokes(int digit, SplitMix64& rng) {
    auto j = [&](double amount) { return rng.uniform(-amount, amount); };
    switch (digit) {
    case 0:
        return {arc(0.3, 0.5, 0.27 + j(0.05), 0.47 + j(0.03), -90 + j(20), 280 + j(20))};
    case 1: {
        const double top = 0.02 + j(0.02), lean = j(0.06);
        std::vector<Stroke> s = {{{0.3 + lean, top}, {0.3 - lean, 0.98}}};
        if (rng.chance(0.5)) s.push_back({{0.12 + j(0.04), 0.22 + j(0.06)}, {0.3 + lean, top}});
        if (rng.chance(0.25)) s.push_back({{0.12, 0.98}, {0.48, 0.98}});
        return s;
    }
    case 2: {
        Stroke s = arc(0.3, 0.28 + j(0.03), 0.26 + j(0.04), 0.25 + j(0.03), 190 + j(15), 400 + j(15));
        s.push_back({0.03 + j(0.03), 0.97});
        s.push_back({0.6 + j(0.05), 0.97 + j(0.02)});
        return {s};
    }
    case 3: {
        const double mid = 0.5 + j(0.04);
        Stroke s = arc(0.3, 0.27, 0.24 + j(0.04), mid - 0.27, 200 + j(15), 450);
        append(s, arc(0.3, mid + (0.98 - mid) / 2, 0.28 + j(0.04), (0.98 - mid) / 2, 270, 520 + j(15)));
        return {s};
    }
    case 4: {
        const double bar = 0.66 + j(0.06), stem = 0.45 + j(0.05);
        if (rng.chance(0.5)) return {{{stem, 0.98}, {stem, 0.02}, {0.02, bar}, {0.6, bar}}};
        // The open 4: two separate strokes.
        return {{{0.08, 0.02}, {0.03, bar}, {0.6, bar}}, {{stem, 0.15}, {stem, 0.98}}};
    }
    case 5: {
        Stroke s = {{0.56 + j(0.04), 0.03}, {0.12 + j(0.04), 0.03}, {0.08 + j(0.04), 0.45 + j(0.04)}};
        append(s, arc(0.3, 0.69, 0.27 + j(0.04), 0.28 + j(0.03), 225, 515 + j(15)));
        return {s};
    }
    case 6: {
        Stroke s = arc(0.48, 0.62, 0.44, 0.6 + j(0.04), 250 + j(10), 180);
        append(s, arc(0.3, 0.73, 0.26 + j(0.04), 0.24 + j(0.03), 180, 540));
        return {s};
    }
    case 7: {
        std::vector<Stroke> s = {{{0.02, 0.03 + j(0.03)}, {0.6, 0.03}, {0.22 + j(0.08), 0.98}}};
        if (rng.chance(0.3)) s.push_back({{0.2, 0.5}, {0.52, 0.5}});
        return s;
    }
    case 8: {
        const double mid = 0.48 + j(0.04);
        return {arc(0.3 + j(0.03), mid / 2, 0.21 + j(0.04), mid / 2, 0, 360),
                arc(0.3, mid + (1 - mid) / 2, 0.27 + j(0.04), (1 - mid) / 2, 0, 360)};
    }
    case 9: {
        const double bowl = 0.28 + j(0.04);
        Stroke s = arc(0.3, bowl, 0.26 + j(0.04), bowl, 0, 360);
        if (rng.chance(0.5))
            s.push_back({0.5 + j(0.06), 0.98});
        else
            append(s, arc(0.0, bowl, 0.56, 0.98 - bowl, 0, 90));
        return {s};
    }
    default:
        return {};
    }
}

} // namespace normlab
