#pragma once

#include <CLI/CLI.hpp>

namespace normlab::cli {

// normlab-cli download: fetch MNIST or FashionMNIST into the data directory, verified by MD5.
void addDownloadCommand(CLI::App& app);

} // namespace normlab::cli
