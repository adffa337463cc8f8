#include "core/data/datasetcatalog.h"

namespace normlab {

std::vector<std::string> digitClassNames(int count) {
    std::vector<std::string> names;
    for (int i = 0; i < count; ++i)
        names.push_back(std::to_string(i));
    return names;
}

const std::vector<DatasetInfo>& datasetCatalog() {
    // Mirrors and checksums are torchvision's (torchvision/datasets/mnist.py), so files fetched by
    // either tool are byte-identical and interchangeable.
    static const std::vector<DatasetInfo> catalog = {
        {"mnist",
         "MNIST",
         "MNIST",
         digitClassNames(),
         {"https://ossci-datasets.s3.amazonaws.com/mnist/", "http://yann.lecun.com/exdb/mnist/"},
         {{{"train-images-idx3-ubyte.gz", "f68b3c2dcbeaaa9fbdd348bbdeb94873"},
           {"train-labels-idx1-ubyte.gz", "d53e105ee54ea40749a09fcbcd1e9432"},
           {"t10k-images-idx3-ubyte.gz", "9fb629c4189551a2d022fa330f9573f3"},
           {"t10k-labels-idx1-ubyte.gz", "ec29112dd5afa0611ce80d1b7f02629c"}}}},
        {"fashion-mnist",
         "FashionMNIST",
         "FashionMNIST",
         {"T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"},
         {"http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/"},
         // Content digests computed from Debian 12's dataset-fashion-mnist (its pixel mean and std
         // are the published 0.2860 / 0.3530); Debian recompressed the .gz files.
         {{{"train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d",
            "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888", 47040016},
           {"train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe",
            "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9", 60008},
           {"t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79",
            "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b", 7840016},
           {"t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310",
            "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34", 10008}}},
         "dataset-fashion-mnist"},
    };
    return catalog;
}

const DatasetInfo* findCatalogDataset(const std::string& id) {
    for (const auto& info : datasetCatalog())
        if (info.id == id) return &info;
    return nullptr;
}

std::vector<std::string> knownDatasetIds() {
    std::vector<std::string> ids;
    for (const auto& info : datasetCatalog())
        ids.push_back(info.id);
    ids.push_back("synthetic");
    return ids;
}

} // namespace normlab
