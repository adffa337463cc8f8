#include "core/stats/normalization.h"

#include <cmath>

namespace normlab {
namespace {

constexpr double kByteScale = 255.0;

} // namespace

std::string methodName(Method method) {
    switch (method) {
    case Method::Raw255:
        return "raw255";
    case Method::None:
        return "none";
    case Method::MinMax:
        return "minmax";
    case Method::ZScore:
        return "zscore";
    case Method::PerSample:
        return "per-sample";
    }
    return "unknown";
}

std::optional<Method> parseMethod(const std::string& name) {
    for (auto m : kAllMethods)
        if (methodName(m) == name) return m;
    return std::nullopt;
}

std::string methodNameList() {
    std::string list;
    for (auto m : kAllMethods)
        list += (list.empty() ? "" : ", ") + methodName(m);
    return list;
}

Affine affineFor(Method method, const NormalizationParams& params, int channel) {
    switch (method) {
    case Method::Raw255:
        return {1.0, 0.0};
    case Method::None:
        return {1.0 / kByteScale, 0.0};
    case Method::MinMax: {
        const int lo = params.minByte.at(channel), hi = params.maxByte.at(channel);
        const double span = params.rangeHigh - params.rangeLow;
        if (hi == lo) // constant training data: everything maps to the low end
            return {0.0, params.rangeLow};
        const double scale = span / (hi - lo);
        return {scale, params.rangeLow - lo * scale};
    }
    case Method::ZScore: {
        const double stdev = params.std.at(channel) > 0 ? params.std.at(channel) : 1.0;
        return {1.0 / (kByteScale * stdev), -params.mean.at(channel) / stdev};
    }
    case Method::PerSample:
        break;
    }
    return {1.0, 0.0};
}

PerSampleScale perSampleScale(double meanByte, double stdByte, std::size_t pixelsPerChannel) {
    const double floorStd = kByteScale / std::sqrt(static_cast<double>(pixelsPerChannel));
    return {meanByte, std::max(stdByte, floorStd)};
}

void normalizeImage(Method method, const NormalizationParams& params, const std::uint8_t* image, int channels,
                    std::size_t pixelsPerChannel, float* out) {
    for (int c = 0; c < channels; ++c) {
        const std::uint8_t* in = image + c * pixelsPerChannel;
        float* dst = out + c * pixelsPerChannel;
        if (method == Method::PerSample) {
            double sum = 0, sumSq = 0;
            for (std::size_t i = 0; i < pixelsPerChannel; ++i)
                sum += in[i], sumSq += double(in[i]) * in[i];
            const double mean = sum / pixelsPerChannel;
            const double var = std::max(0.0, sumSq / pixelsPerChannel - mean * mean);
            const auto s = perSampleScale(mean, std::sqrt(var), pixelsPerChannel);
            for (std::size_t i = 0; i < pixelsPerChannel; ++i)
                dst[i] = static_cast<float>(s.apply(in[i]));
        } else {
            const Affine a = affineFor(method, params, c);
            for (std::size_t i = 0; i < pixelsPerChannel; ++i)
                dst[i] = static_cast<float>(a.apply(in[i]));
        }
    }
}

} // namespace normlab
