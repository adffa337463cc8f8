#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli merge: the statistics of a split from the parts `stats --shard K/N` wrote.
void addMergeCommand(CLI::App& app);

} // namespace normlab::cli
