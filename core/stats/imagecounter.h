#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace normlab {

constexpr int kSubHistograms = 4; // breaks the store-to-load chain of repeated byte values

// Per-image byte counts in four interleaved sub-histograms so runs of equal bytes (the many
// zeros of MNIST) do not serialise on one counter.
struct ImageCounter {
    std::uint32_t sub[kSubHistograms][256] = {};

    void count(const std::uint8_t* px, std::size_t n) {
        // MNIST-like images are mostly background: whole 8-byte runs of zeros are counted at
        // once, and only the remaining bytes pay for a histogram increment.
        std::uint32_t zeros = 0;
        std::size_t i = 0;
        for (; i + 8 <= n; i += 8) {
            std::uint64_t block;
            std::memcpy(&block, px + i, sizeof block);
            if (block == 0) {
                zeros += 8;
                continue;
            }
            ++sub[0][px[i]];
            ++sub[1][px[i + 1]];
            ++sub[2][px[i + 2]];
            ++sub[3][px[i + 3]];
            ++sub[0][px[i + 4]];
            ++sub[1][px[i + 5]];
            ++sub[2][px[i + 6]];
            ++sub[3][px[i + 7]];
        }
        for (; i < n; ++i)
            ++sub[0][px[i]];
        sub[1][0] += zeros;
    }
    // Collapses into `merged` and clears the sub-histograms for the next image.
    void take(std::uint32_t* merged) {
        for (int v = 0; v < 256; ++v) {
            merged[v] = sub[0][v] + sub[1][v] + sub[2][v] + sub[3][v];
            sub[0][v] = sub[1][v] = sub[2][v] = sub[3][v] = 0;
        }
    }
    // Adds the counts so far to `total` and clears them.
    void addTo(std::uint64_t* total) {
        for (int v = 0; v < 256; ++v) {
            total[v] += std::uint64_t{sub[0][v]} + sub[1][v] + sub[2][v] + sub[3][v];
            sub[0][v] = sub[1][v] = sub[2][v] = sub[3][v] = 0;
        }
    }
};

} // namespace normlab
