#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace normlab {

// The five input normalizations, named the same everywhere (CLI, exports, GUI).
enum class Method { Raw255, None, MinMax, ZScore, PerSample };

inline constexpr std::array<Method, 5> kAllMethods = {Method::Raw255, Method::None, Method::MinMax, Method::ZScore,
                                                      Method::PerSample};

std::string methodName(Method method); // "raw255", "none", "minmax", "zscore", "per-sample"
std::optional<Method> parseMethod(const std::string& name);
std::string methodNameList(); // "raw255, none, minmax, zscore, per-sample"

// Parameters taken from the training split, per channel. They define every method but
// per-sample, which standardizes each image by its own statistics.
struct NormalizationParams {
    std::vector<double> mean; // mean of pixel/255
    std::vector<double> std;  // population std of pixel/255
    std::vector<int> minByte; // smallest byte seen
    std::vector<int> maxByte; // largest byte seen
    double rangeLow = 0.0;    // minmax target range
    double rangeHigh = 1.0;
};

// value = byte * scale + offset: what every method but per-sample is.
struct Affine {
    double scale = 1.0;
    double offset = 0.0;
    double apply(double byte) const { return byte * scale + offset; }
};

// The affine map of a method for one channel. Not defined for Method::PerSample.
Affine affineFor(Method method, const NormalizationParams& params, int channel);

// Per-sample standardization: (x - mean) / max(std, 1/sqrt(P)) in pixel/255 units, the guard
// tf.image.per_image_standardization uses so constant images map to 0 instead of dividing by 0.
struct PerSampleScale {
    double meanByte = 0.0;
    double stdByte = 1.0; // the guarded std, in byte units
    double apply(double byte) const { return (byte - meanByte) / stdByte; }
};
PerSampleScale perSampleScale(double meanByte, double stdByte, std::size_t pixelsPerChannel);

// Normalizes one image (C x H x W bytes) into floats with the given method.
void normalizeImage(Method method, const NormalizationParams& params, const std::uint8_t* image, int channels,
                    std::size_t pixelsPerChannel, float* out);

} // namespace normlab
