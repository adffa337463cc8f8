#pragma once

#include <string>

#include <CLI/CLI.hpp>

#include "core/data/datasetopener.h"

namespace normlab::cli {

// The options every data-reading command shares: --dataset, --data-dir, --seed, --limit, --labels.
struct DatasetOptions {
    std::string dataset = "auto";
    std::string dataDir;
    std::uint64_t seed = 1;
    std::size_t limit = 0;
    std::string labels = "fine";

    void addTo(CLI::App& command);
    DatasetRequest request() const;
};

} // namespace normlab::cli
