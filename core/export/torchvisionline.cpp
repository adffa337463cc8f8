#include "core/export/torchvisionline.h"

#include <iomanip>
#include <sstream>
#include <vector>

namespace normlab {
namespace {

std::string tuple(const std::vector<double>& values, int decimals) {
    std::ostringstream out;
    if (decimals >= 0)
        out << std::fixed << std::setprecision(decimals);
    else
        out << std::setprecision(17);
    out << "(";
    for (std::size_t i = 0; i < values.size(); ++i)
        out << (i ? ", " : "") << values[i];
    // A one-element Python tuple needs its trailing comma.
    out << (values.size() == 1 ? ",)" : ")");
    return out.str();
}

} // namespace

std::string torchvisionNormalizeLine(const NormalizationParams& params, int decimals) {
    return "transforms.Normalize(" + tuple(params.mean, decimals) + ", " + tuple(params.std, decimals) + ")";
}

} // namespace normlab
