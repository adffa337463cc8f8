#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace normlab {

// Encodes an array in NumPy's .npy format (version 1.0, little-endian, C order) so numpy.load
// reads it directly.
std::string encodeNpy(const std::vector<double>& values, const std::vector<std::size_t>& shape);
std::string encodeNpy(const std::vector<float>& values, const std::vector<std::size_t>& shape);
std::string encodeNpy(const std::vector<std::int64_t>& values, const std::vector<std::size_t>& shape);

} // namespace normlab
