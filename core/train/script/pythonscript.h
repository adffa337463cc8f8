#pragma once

#include <string>

#include "core/train/experiment/experimentfile.h"
#include "core/train/script/scriptdata.h"

namespace normlab {

// A standalone, readable Python script (torch, torchvision and NumPy alone) that runs an experiment
// as NormLab runs it: the same files, the train split's normalization constants in full precision,
// the same networks, optimizer settings, seeds and batch order, every run of
// expandGrid(experiment.base, experiment.grid, experiment.seeds) in that order and with those names,
// and the lesson's CSV exactly as resultsToCsv writes it (columns, extra columns, number spelling) at
// the path given with --csv. It runs on CUDA when available (--device overrides). Same recipe, not
// bit-for-bit the same numbers.
//
// `madeBy` names the program in the script's header, e.g. "normlab-cli 0.1.0". Throws Error for an
// invalid experiment (as expandGrid does) and for a path that is not UTF-8 text.
std::string pythonScript(const Experiment& experiment, const ScriptData& data, const std::string& madeBy);

// The normlab-cli train command line that runs the same experiment, for the script's header:
// "normlab-cli train --dataset /data/x --model lesson-cnn … --compare none,zscore".
std::string trainCommandLine(const Experiment& experiment);

} // namespace normlab
