#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/train/experiment/experimentgrid.h"
#include "core/train/config/trainconfig.h"

namespace normlab {

// Everything a comparison needs to run again: the shared configuration, the grid (the compared
// normalizations are its `normalize` axis, as `train --compare` builds it) and the seeds. The
// runs are expandGrid(base, grid, seeds).
struct Experiment {
    TrainConfig base;
    std::vector<GridAxis> grid;
    int seeds = 1;
    std::string foundIn; // where the data set was found ("Debian package dataset-fashion-mnist"); informative only
};

// {"format": "normlab-experiment/1", "dataset", "data_dir", "limit", "test_split", "options": {…},
// "grid": [{"option", "values"}], "seeds", "found_in"}.
std::string experimentToJson(const Experiment& experiment, int indent = 2);

// Strict: an unknown format, key or option, a wrong type, a value `train` would refuse, seeds < 1
// or an axis given twice throws Error naming `nameForErrors` and the key.
Experiment experimentFromJson(std::string_view text, const std::string& nameForErrors);

void saveExperiment(const std::filesystem::path& path, const Experiment& experiment); // atomically
Experiment loadExperiment(const std::filesystem::path& path);

} // namespace normlab
