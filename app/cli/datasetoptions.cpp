#include "app/cli/datasetoptions.h"

namespace normlab::cli {

void DatasetOptions::addTo(CLI::App& command) {
    command
        .add_option("--dataset", dataset,
                    "mnist, fashion-mnist, synthetic, auto (MNIST if found, else FashionMNIST if found, else "
                    "synthetic; 'normlab-cli datasets' lists them) or a folder of IDX files / a torchvision "
                    "data root")
        ->capture_default_str();
    command.add_option("--data-dir", dataDir,
                       "NormLab's data directory (default: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab); a "
                       "torchvision ./data folder works too. Searched before $XDG_DATA_DIRS/datasets "
                       "(/usr/share/datasets: Debian's dataset packages)");
    command.add_option("--seed", seed, "seed of the synthetic digits")->capture_default_str();
    command.add_option("--limit", limit, "use only the first N images of each split (0: all)")->capture_default_str();
}

DatasetRequest DatasetOptions::request() const {
    DatasetRequest r;
    r.dataset = dataset;
    r.dataDir = dataDir;
    r.syntheticSeed = seed;
    r.limit = limit;
    return r;
}

} // namespace normlab::cli
