#pragma once

#include <string>
#include <vector>

namespace normlab {

// The constants of a torchvision Normalize, one per channel, in pixel/255 units.
struct NormalizeConstants {
    std::vector<double> mean, std;
};

// Reads a Normalize as people write it: "transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023,
// 0.1994, 0.2010))", "T.Normalize(mean=[0.5, 0.5, 0.5], std=[0.5, 0.5, 0.5])", "Normalize(0.5, 0.5)";
// a number may be a quotient such as 125.3/255. Throws Error saying what was expected and where.
NormalizeConstants parseNormalize(const std::string& text);

// "0.4914,0.4822,0.4465" (spaces allowed) for --mean / --std. Throws Error naming `what`.
std::vector<double> parseNumberList(const std::string& text, const std::string& what);

} // namespace normlab
