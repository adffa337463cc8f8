#include "app/cli/datasetscommand.h"

#include <algorithm>
#include <iostream>
#include <memory>

#include "core/data/catalog/datasetlisting.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/data/datasetopener.h"

namespace normlab::cli {
namespace {

struct DatasetsOptions {
    std::string dataDir;
};

// One line per data set: "fashion-mnist  FashionMNIST — Debian package dataset-fashion-mnist
// (/usr/share/datasets/fashion-mnist)", then which one --dataset auto picks.
void runDatasets(const DatasetsOptions& o) {
    DatasetRequest request;
    request.dataDir = o.dataDir;
    const auto listed = listDatasets(dataDirOf(request));
    std::size_t width = 0;
    for (const auto& c : listed)
        width = std::max(width, c.id.size() + 2);
    for (const auto& c : listed) {
        std::cout << c.id << std::string(width - c.id.size(), ' ') << c.displayName << " — ";
        if (!c.found)
            std::cout << "not found (" << c.fix << ")\n";
        else if (c.folder.empty())
            std::cout << c.origin << "\n";
        else
            std::cout << c.origin << " (" << c.folder << ")\n";
    }
    std::cout << "default (--dataset auto): " << resolveDatasetId(request) << "\n";
}

} // namespace

void addDatasetsCommand(CLI::App& app) {
    auto options = std::make_shared<DatasetsOptions>();
    CLI::App* cmd = app.add_subcommand("datasets", "List the data sets NormLab knows and where each was found");
    cmd->add_option("--data-dir", options->dataDir,
                    "NormLab's data directory (default: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab)");
    cmd->callback([options] { runDatasets(*options); });
}

} // namespace normlab::cli
