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
         {{{"train-images-idx3-ubyte.gz", "8d4fb7e6c68d591d4c3dfef9ec88bf0d"},
           {"train-labels-idx1-ubyte.gz", "25c81989df183df01b3e8a0aad5dffbe"},
           {"t10k-images-idx3-ubyte.gz", "bef4ecab320f06d8554ea6380940ec79"},
           {"t10k-labels-idx1-ubyte.gz", "bb300cfdad3c16e7a12a480ee83cd310"}}}},
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
