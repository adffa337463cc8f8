#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli train: short training runs, one normalization or a comparison of several.
void addTrainCommand(CLI::App& app);

} // namespace normlab::cli
