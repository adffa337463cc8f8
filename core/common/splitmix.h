#pragma once

#include <cstdint>

namespace normlab {

// SplitMix64: a tiny, fast, well-mixed generator. Seeding one per item from (seed, stream, index)
// makes generated data identical whatever the thread count or generation order.
class SplitMix64 {
public:
    explicit SplitMix64(std::uint64_t seed) : m_state(seed) {}
    SplitMix64(std::uint64_t seed, std::uint64_t stream, std::uint64_t index)
        : m_state(seed * 0x9e3779b97f4a7c15ULL ^ (stream + 0x632be59bd9b4e019ULL) * 0xbf58476d1ce4e5b9ULL ^
                  index * 0x94d049bb133111ebULL) {
        next();
    }

    std::uint64_t next() {
        std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [lo, hi).
    double uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(next() >> 11) * 0x1.0p-53; }
    bool chance(double p) { return uniform(0.0, 1.0) < p; }
    unsigned below(unsigned n) { return static_cast<unsigned>(next() % n); }

private:
    std::uint64_t m_state;
};

} // namespace normlab
