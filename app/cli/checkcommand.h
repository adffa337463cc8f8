#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli check: what a Normalize's constants do to a data set, and where they come from.
void addCheckCommand(CLI::App& app);

} // namespace normlab::cli
