#pragma once

#include <cstdint>

namespace normlab {

// One channel's sums over images of each image's own pixel sums: with them the pooled variance
// splits exactly into the mean within-image variance and the variance of the image means, and the
// mean of per-image stds — the recipe behind many published constants — comes for free.
// Integers (byte units), so the decomposition is exact whatever the order of images.
struct ImageMomentSums {
    __extension__ using Wide = unsigned __int128; // S_i^2 of a 4096x4096 image exceeds 64 bits

    std::uint64_t images = 0;
    std::uint64_t pixelsPerImage = 0; // per channel; the same for every image of a split
    Wide sumOfSums = 0;               // sum over images of S_i, the sum of the image's bytes
    Wide sumOfSquareSums = 0;         // sum of Q_i, the sum of the image's squared bytes
    Wide sumOfSumsSquared = 0;        // sum of S_i^2
    double sumOfUnbiasedStd = 0;      // sum of each image's std over its pixels with N-1 (torch.std)
    // Images of different sizes (image folders): the decomposition is weighted by pixels, so that
    // pooled = within + between still holds exactly; it needs the sizes' total and sum S_i^2 / p_i.
    bool mixedSizes = false;
    std::uint64_t totalPixels = 0;
    long double sumOfSumsSquaredOverPixels = 0;

    // Adds one image with sum S and sum of squares Q over its p pixels.
    void add(std::uint64_t s, std::uint64_t q, std::uint64_t p);
    ImageMomentSums& operator+=(const ImageMomentSums& other);

    // In pixel/255 units. Pooled variance = within + between (population, divide by N). With mixed
    // sizes each image weighs by its pixel count.
    double withinVariance() const;  // mean over images of each image's variance
    double betweenVariance() const; // variance of the image means
    double meanOfImageStd() const;  // mean over images of each image's N-1 std
};

} // namespace normlab
