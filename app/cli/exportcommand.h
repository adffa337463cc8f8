#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli export: writes a data set (e.g. the synthetic digits) as the four IDX files, so
// PyTorch scripts and other tools can read exactly the data NormLab uses.
void addExportCommand(CLI::App& app);

} // namespace normlab::cli
