#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli datasets: every data set NormLab knows, whether and where it was found.
void addDatasetsCommand(CLI::App& app);

} // namespace normlab::cli
