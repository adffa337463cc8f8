#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli normalize: the transforms.Normalize(...) line of a split, from one fast pass of sums.
void addNormalizeCommand(CLI::App& app);

} // namespace normlab::cli
