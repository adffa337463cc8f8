#include "app/cli/datasetoptions.h"

namespace normlab::cli {

void DatasetOptions::addTo(CLI::App& command) {
    command
        .add_option("--dataset", dataset,
                    "a catalog id (mnist, fashion-mnist, kmnist, qmnist, emnist-<split>, cifar10, cifar100; "
                    "'normlab-cli datasets' lists them), synthetic, auto (MNIST if found, else FashionMNIST if "
                    "found, else synthetic), a folder (IDX files, a torchvision root such as ./data, a CIFAR "
                    "batches folder, an image folder ROOT/<class>/<image> or ROOT/train|val|test/<class>/...) or "
                    "a file (x_train.npy with y_train.npy beside it, a MedMNIST .npz)")
        ->capture_default_str();
    command.add_option("--data-dir", dataDir,
                       "NormLab's data directory (default: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab); a "
                       "torchvision ./data folder works too. Searched before $XDG_DATA_DIRS/datasets "
                       "(/usr/share/datasets: Debian's dataset packages)");
    command.add_option("--seed", seed, "seed of the synthetic digits")->capture_default_str();
    command.add_option("--labels", labels, "CIFAR-100's labels: fine (100 classes) or coarse (20 superclasses)")
        ->check(CLI::IsMember({"fine", "coarse"}))
        ->capture_default_str();
    command.add_option("--limit", limit, "use only the first N images of each split (0: all)")->capture_default_str();
}

DatasetRequest DatasetOptions::request() const {
    DatasetRequest r;
    r.dataset = dataset;
    r.dataDir = dataDir;
    r.syntheticSeed = seed;
    r.limit = limit;
    r.coarseLabels = labels == "coarse";
    return r;
}

} // namespace normlab::cli
