#pragma once

#include <string>
#include <vector>

#include "core/train/config/trainconfig.h"

namespace normlab {

// One varied training option, as `--vary NAME=V1,V2,…` gives it: lr, batch-size, model,
// optimizer, normalize, epochs, momentum.
struct GridAxis {
    std::string option;
    std::vector<std::string> values;
};

// The options a grid can vary. Not the data set or image count: a grid's runs share one load.
const std::vector<std::string>& gridOptions();

// ("lr", "0.001, 0.01") -> {lr, {0.001, 0.01}}: values split at commas and trimmed, each checked.
// Throws Error naming the option and the bad value, in no front end's words ("lr: 'abc' is not a
// number"), so the GUI can show it as is.
GridAxis parseGridValues(const std::string& option, const std::string& values);
// `--vary` text: "lr=0.001,0.01" -> the same; its errors start with "--vary".
GridAxis parseGridAxis(const std::string& text);

// Sets one option by its command-line name. Throws Error naming the option and the bad value.
void applyOption(TrainConfig& config, const std::string& option, const std::string& value);
// The option's value in a configuration, as the results table writes it.
std::string optionValue(const TrainConfig& config, const std::string& option);

struct GridRun {
    TrainConfig config;
    std::string name; // what differs: "lr=0.001 · zscore", "zscore · seed=2"; a lone normalization bare
};

// The Cartesian product of the axes in the order of the lesson's RunBuilder (itertools.product:
// the first axis changes slowest), each configuration repeated with `seeds` seeds (base.seed,
// base.seed + 1, …; innermost). Throws Error for an axis that is not a grid option, is given twice
// or has no values, and for seeds < 1.
std::vector<GridRun> expandGrid(const TrainConfig& base, const std::vector<GridAxis>& axes, int seeds = 1);

// The results table's columns after the lesson's for a grid: one per varied option the lesson's
// table has no column for (model, optimizer, epochs, momentum), then "seed" with more than one seed.
std::vector<std::string> extraTableColumns(const std::vector<GridAxis>& axes, int seeds);

} // namespace normlab
