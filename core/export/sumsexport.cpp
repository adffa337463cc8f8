#include "core/export/sumsexport.h"

#include <nlohmann/json.hpp>

#include "core/export/torchvisionline.h"

namespace normlab {

std::string splitSumsToJson(const SplitSums& split, int indent) {
    using json = nlohmann::ordered_json; // keys in the order written
    const NormalizationParams params = split.sums.params();
    json pixels = json::array(), mins = json::array(), maxs = json::array();
    for (std::size_t c = 0; c < split.sums.channels.size(); ++c) {
        pixels.push_back(split.sums.channels[c].pixels);
        mins.push_back(params.minByte[c] / 255.0);
        maxs.push_back(params.maxByte[c] / 255.0);
    }
    json j;
    j["format"] = "normlab-normalize/1";
    j["dataset"] = split.about.dataset;
    j["split"] = split.about.split;
    j["found_in"] = split.about.origin;
    j["count"] = split.sums.images;
    j["channels"] = split.sums.channels.size();
    j["pixels"] = pixels;
    j["conventions"] =
        "Values are computed from the uint8 pixels x of every image of the split, per channel, over every pixel. mean "
        "and std are of x/255 (torchvision ToTensor); std is the population standard deviation (divide by N), not "
        "torch.std()'s default unbiased N-1 estimate. Both are exact (from integer sums) and equal the 'none' mean "
        "and std of normlab-cli stats. min and max are x/255. The torchvision line is transforms.Normalize(mean, std) "
        "with them: the pooled population recipe.";
    if (!split.about.notes.empty()) j["notes"] = split.about.notes;
    j["mean"] = params.mean;
    j["std"] = params.std;
    j["min"] = mins;
    j["max"] = maxs;
    j["torchvision"] = torchvisionNormalizeLine(params, 4);
    j["torchvision_full_precision"] = torchvisionNormalizeLine(params, -1);
    return j.dump(indent) + "\n";
}

} // namespace normlab
