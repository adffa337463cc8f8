#include "core/data/synthetic/syntheticdigits.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <numbers>

#include "core/common/digest.h"
#include "core/common/parallel.h"
#include "core/common/splitmix.h"
#include "core/data/catalog/datasetcatalog.h"
#include "core/data/synthetic/digitstrokefont.h"

namespace normlab {
namespace {

constexpr int kSide = 28;
constexpr double kFitBox = 20.0; // MNIST digits fit a 20x20 box inside the 28x28 image
constexpr double kCentre = kSide / 2.0;
constexpr std::size_t kChunk = 1024;

struct Segment {
    Point2 a, b;
};

// Coverage of a round-capped stroke of half-width r at distance d, with a one-pixel soft edge.
inline double coverage(double d, double r) {
    return std::clamp(r + 0.5 - d, 0.0, 1.0);
}

double squaredDistanceToSegment(double px, double py, const Segment& s) {
    const double dx = s.b.x - s.a.x, dy = s.b.y - s.a.y;
    const double len2 = dx * dx + dy * dy;
    double t = len2 > 0 ? ((px - s.a.x) * dx + (py - s.a.y) * dy) / len2 : 0.0;
    t = std::clamp(t, 0.0, 1.0);
    const double ex = s.a.x + t * dx - px, ey = s.a.y + t * dy - py;
    return ex * ex + ey * ey;
}

void render(const std::vector<Segment>& segments, double radius, double offsetX, double offsetY, float* canvas) {
    std::fill(canvas, canvas + kSide * kSide, 0.0f);
    const double reach = radius + 1.0;
    // Only the one-pixel anti-aliased band needs a square root; inside is 1, outside 0.
    const double outer2 = (radius + 0.5) * (radius + 0.5);
    const double inner = std::max(0.0, radius - 0.5), inner2 = inner * inner;
    for (const auto& seg0 : segments) {
        const Segment seg{{seg0.a.x + offsetX, seg0.a.y + offsetY}, {seg0.b.x + offsetX, seg0.b.y + offsetY}};
        const int x0 = std::max(0, static_cast<int>(std::floor(std::min(seg.a.x, seg.b.x) - reach)));
        const int x1 = std::min(kSide - 1, static_cast<int>(std::ceil(std::max(seg.a.x, seg.b.x) + reach)));
        const int y0 = std::max(0, static_cast<int>(std::floor(std::min(seg.a.y, seg.b.y) - reach)));
        const int y1 = std::min(kSide - 1, static_cast<int>(std::ceil(std::max(seg.a.y, seg.b.y) + reach)));
        for (int y = y0; y <= y1; ++y)
            for (int x = x0; x <= x1; ++x) {
                const double d2 = squaredDistanceToSegment(x + 0.5, y + 0.5, seg);
                if (d2 >= outer2) continue;
                const double c = d2 <= inner2 ? 1.0 : coverage(std::sqrt(d2), radius);
                float& px = canvas[y * kSide + x];
                px = std::max(px, static_cast<float>(c));
            }
    }
}

void drawDigit(int digit, SplitMix64& rng, std::uint8_t* out) {
    auto strokes = digitStrokes(digit, rng);
    // A random hand: slant (shear), rotation, aspect, a smooth 2-D warp, strokes that do not
    // quite meet, the odd pen lift and the odd stray mark. Tuned so that a small CNN needs a few
    // epochs, as on MNIST, rather than one pass.
    const double shear = rng.uniform(-0.45, 0.45);
    const double angle = rng.uniform(-18.0, 18.0) * std::numbers::pi / 180.0;
    const double aspect = rng.uniform(0.6, 1.3);
    const double warpX = rng.uniform(0.0, 0.09), warpY = rng.uniform(0.0, 0.07);
    const double freqX = rng.uniform(0.8, 2.2), freqY = rng.uniform(0.8, 2.2);
    const double phaseX = rng.uniform(0, 6.3), phaseY = rng.uniform(0, 6.3);
    const double radius = rng.uniform(0.7, 1.9); // stroke half-width in pixels
    const double ca = std::cos(angle), sa = std::sin(angle);
    for (auto& stroke : strokes) {
        const double dx = rng.uniform(-0.05, 0.05), dy = rng.uniform(-0.05, 0.05), k = rng.uniform(0.85, 1.15);
        for (auto& p : stroke)
            p = {0.3 + (p.x - 0.3) * k + dx, 0.5 + (p.y - 0.5) * k + dy};
    }
    if (rng.chance(0.15)) { // pen lift: a gap in the longest stroke
        auto longest = std::max_element(strokes.begin(), strokes.end(),
                                        [](const Stroke& a, const Stroke& b) { return a.size() < b.size(); });
        if (longest->size() >= 8) {
            const std::size_t cut = 2 + rng.below(static_cast<unsigned>(longest->size() - 5));
            Stroke tail(longest->begin() + static_cast<std::ptrdiff_t>(cut + 2), longest->end());
            longest->resize(cut);
            strokes.push_back(std::move(tail));
        }
    }
    if (rng.chance(0.1)) { // a stray mark
        const Point2 a{rng.uniform(0.0, 0.6), rng.uniform(0.0, 1.0)};
        strokes.push_back({a, {a.x + rng.uniform(-0.2, 0.2), a.y + rng.uniform(-0.2, 0.2)}});
    }

    std::vector<Point2> points;
    std::vector<std::size_t> strokeEnds;
    for (const auto& stroke : strokes) {
        for (auto p : stroke) {
            const double wx = p.x + warpX * std::sin(freqX * p.y * 2 * std::numbers::pi + phaseX);
            const double wy = p.y + warpY * std::sin(freqY * p.x * 2 * std::numbers::pi + phaseY);
            const double x = (wx - 0.3) * aspect + shear * (wy - 0.5);
            const double y = wy - 0.5;
            points.push_back({ca * x - sa * y, sa * x + ca * y});
        }
        strokeEnds.push_back(points.size());
    }
    double minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9;
    for (const auto& p : points) {
        minX = std::min(minX, p.x), maxX = std::max(maxX, p.x);
        minY = std::min(minY, p.y), maxY = std::max(maxY, p.y);
    }
    // Fit the larger side, stroke included, into the 20x20 box, keeping the aspect ratio.
    const double scale = (kFitBox - 2 * radius) / std::max({maxX - minX, maxY - minY, 1e-6});
    const double midX = (minX + maxX) / 2, midY = (minY + maxY) / 2;
    std::vector<Segment> segments;
    std::size_t start = 0;
    for (auto end : strokeEnds) {
        for (std::size_t i = start; i + 1 < end; ++i)
            segments.push_back({{(points[i].x - midX) * scale, (points[i].y - midY) * scale},
                                {(points[i + 1].x - midX) * scale, (points[i + 1].y - midY) * scale}});
        if (end - start == 1) // a dot
            segments.push_back({{(points[start].x - midX) * scale, (points[start].y - midY) * scale},
                                {(points[start].x - midX) * scale, (points[start].y - midY) * scale}});
        start = end;
    }

    // Centre by centre of mass, as MNIST did: render once, measure, shift, render again.
    float canvas[kSide * kSide];
    render(segments, radius, kCentre, kCentre, canvas);
    double mass = 0, mx = 0, my = 0;
    for (int y = 0; y < kSide; ++y)
        for (int x = 0; x < kSide; ++x) {
            const double v = canvas[y * kSide + x];
            mass += v, mx += v * (x + 0.5), my += v * (y + 0.5);
        }
    const double shiftX = mass > 0 ? kCentre - mx / mass : 0.0;
    const double shiftY = mass > 0 ? kCentre - my / mass : 0.0;
    render(segments, radius, kCentre + shiftX, kCentre + shiftY, canvas);
    for (int i = 0; i < kSide * kSide; ++i)
        out[i] = static_cast<std::uint8_t>(std::lround(canvas[i] * 255.0f));
}

std::uint64_t splitStream(const std::string& split) {
    return split == "test" ? 2 : 1;
}

} // namespace

std::size_t syntheticSplitSize(const std::string& split) {
    return split == "test" ? kSyntheticTestCount : kSyntheticTrainCount;
}

ImageSet generateSyntheticDigits(const std::string& split, std::size_t count, std::uint64_t seed,
                                 const Progress& progress) {
    ImageSet set;
    set.dataset = "synthetic";
    set.split = split;
    set.count = count;
    set.channels = 1;
    set.height = kSide;
    set.width = kSide;
    set.classNames = digitClassNames();
    set.pixels.resize(count * kSide * kSide);
    set.labels.resize(count);
    std::atomic<std::size_t> done{0};
    const auto stream = splitStream(split);
    parallelRanges(count, workerCount(), [&](unsigned worker, std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i) {
            if ((i - begin) % kChunk == 0) {
                progress.throwIfStopped();
                if (worker == 0) progress.update(static_cast<double>(done.load()) / std::max<std::size_t>(count, 1));
            }
            SplitMix64 rng(seed, stream, i);
            const int digit = static_cast<int>(rng.below(10));
            set.labels[i] = static_cast<std::uint8_t>(digit);
            drawDigit(digit, rng, set.pixels.data() + i * kSide * kSide);
            done.fetch_add(1, std::memory_order_relaxed);
        }
    });
    // The generated bytes' hash identifies the data in exports, as a file's hash would.
    set.sources = {{"synthetic digits (seed " + std::to_string(seed) + ", split " + split + ", " +
                        std::to_string(count) + " images)",
                    set.pixels.size(), sha256Hex(set.pixels), "", ""}};
    progress.update(1.0);
    return set;
}

} // namespace normlab
