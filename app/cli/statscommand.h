#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli stats: exact statistics of a split before and after every normalization.
void addStatsCommand(CLI::App& app);

} // namespace normlab::cli
