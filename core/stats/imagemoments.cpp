#include "core/stats/imagemoments.h"

#include <algorithm>
#include <cmath>

namespace normlab {
namespace {

constexpr long double kByteScale = 255.0L * 255.0L; // byte^2 -> (pixel/255)^2

long double wide(ImageMomentSums::Wide v) {
    return static_cast<long double>(v);
}

} // namespace

void ImageMomentSums::add(std::uint64_t s, std::uint64_t q, std::uint64_t p) {
    if (images > 0 && p != pixelsPerImage) mixedSizes = true;
    ++images;
    pixelsPerImage = p;
    totalPixels += p;
    sumOfSumsSquaredOverPixels += static_cast<long double>(Wide{s} * s) / static_cast<long double>(p);
    sumOfSums += s;
    sumOfSquareSums += q;
    sumOfSumsSquared += Wide{s} * s;
    if (p > 1) {
        // p*Q - S^2 is the exact numerator of the image's variance times p^2.
        const long double numerator = static_cast<long double>(Wide{p} * q - Wide{s} * s);
        sumOfUnbiasedStd +=
            static_cast<double>(std::sqrt(std::max(0.0L, numerator) / (static_cast<long double>(p) * (p - 1))));
    }
}

ImageMomentSums& ImageMomentSums::operator+=(const ImageMomentSums& o) {
    mixedSizes = mixedSizes || o.mixedSizes || (images > 0 && o.images > 0 && pixelsPerImage != o.pixelsPerImage);
    totalPixels += o.totalPixels;
    sumOfSumsSquaredOverPixels += o.sumOfSumsSquaredOverPixels;
    images += o.images;
    pixelsPerImage = std::max(pixelsPerImage, o.pixelsPerImage);
    sumOfSums += o.sumOfSums;
    sumOfSquareSums += o.sumOfSquareSums;
    sumOfSumsSquared += o.sumOfSumsSquared;
    sumOfUnbiasedStd += o.sumOfUnbiasedStd;
    return *this;
}

double ImageMomentSums::withinVariance() const {
    if (images == 0 || pixelsPerImage == 0) return 0;
    if (mixedSizes) // sum over images of (Q_i - S_i^2 / p_i), over all pixels
        return static_cast<double>((wide(sumOfSquareSums) - sumOfSumsSquaredOverPixels) / totalPixels / kByteScale);
    // mean of (p Q_i - S_i^2) / p^2 = (p sum Q - sum S^2) / (p^2 n)
    const long double p = pixelsPerImage, n = images;
    const Wide numerator = Wide{pixelsPerImage} * sumOfSquareSums - sumOfSumsSquared;
    return static_cast<double>(wide(numerator) / (p * p * n) / kByteScale);
}

double ImageMomentSums::betweenVariance() const {
    if (images == 0 || pixelsPerImage == 0) return 0;
    if (mixedSizes) { // pixel-weighted variance of the image means
        const long double total = totalPixels, mean = wide(sumOfSums) / total;
        return static_cast<double>(std::max(0.0L, sumOfSumsSquaredOverPixels / total - mean * mean) / kByteScale);
    }
    // variance of S_i / p = (n sum S^2 - (sum S)^2) / (p^2 n^2), in exact integers (>= 0 by
    // Cauchy-Schwarz)
    const long double p = pixelsPerImage, n = images;
    const Wide numerator = Wide{images} * sumOfSumsSquared - sumOfSums * sumOfSums;
    return static_cast<double>(wide(numerator) / (p * p * n * n) / kByteScale);
}

double ImageMomentSums::meanOfImageStd() const {
    return images == 0 ? 0 : sumOfUnbiasedStd / static_cast<double>(images) / 255.0;
}

} // namespace normlab
