#include "core/data/catalog/datasetcatalog.h"

#include <algorithm>

namespace normlab {
namespace {

// torchvision's EMNIST classes per split (torchvision/datasets/mnist.py, classes_split_dict).
std::vector<std::string> emnistClasses(const std::string& split) {
    const std::string digits = "0123456789", upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ", lower = "abcdefghijklmnopqrstuvwxyz",
                      merged = "cijklmopsuvwxyz";
    std::vector<std::string> names;
    const auto add = [&](const std::string& chars, bool skipMerged) {
        for (char ch : chars)
            if (!skipMerged || merged.find(ch) == std::string::npos) names.emplace_back(1, ch);
    };
    if (split == "letters") {
        names.push_back("N/A"); // label 0 is unused: the letters are 1..26
        add(lower, false);
    } else if (split == "digits" || split == "mnist") {
        add(digits, false);
    } else {
        add(digits, false), add(upper, false), add(lower, split != "byclass");
    }
    return names;
}

DatasetInfo emnist(const std::string& split) {
    const std::string stem = "emnist-" + split;
    DatasetInfo info;
    info.id = stem;
    info.displayName = "EMNIST " + split;
    info.torchvisionFolder = "EMNIST";
    info.classNames = emnistClasses(split);
    info.mirrors = {"https://biometrics.nist.gov/cs_links/EMNIST/",
                    "http://www.itl.nist.gov/iaui/vip/cs_links/EMNIST/"};
    // The members of gzip.zip; their own checksums are not published, the archive's is.
    info.files = {{{stem + "-train-images-idx3-ubyte.gz", ""},
                   {stem + "-train-labels-idx1-ubyte.gz", ""},
                   {stem + "-test-images-idx3-ubyte.gz", ""},
                   {stem + "-test-labels-idx1-ubyte.gz", ""}}};
    info.transposed = true;
    info.archive = RemoteArchive{{"gzip.zip", "58c8d27c78d21e728a6bc7b3cc06412e"}, "gzip/", "gzip/"};
    info.folder = "emnist"; // one download serves all six splits
    info.about = "EMNIST " + split + ": handwritten characters (NIST), 28x28 grey, stored transposed";
    return info;
}

DatasetInfo cifar(const std::string& id, const std::string& name, const std::string& archive, const std::string& md5,
                  const std::string& folder) {
    DatasetInfo info;
    info.id = id;
    info.displayName = name;
    info.torchvisionFolder = folder;
    info.mirrors = {"https://www.cs.toronto.edu/~kriz/"};
    info.format = DatasetFormat::CifarPython;
    info.archive = RemoteArchive{{archive, md5}, folder + "/", ""};
    info.about = name + ": 32x32 colour photographs (class names from the data set's meta file)";
    return info;
}

} // namespace

std::vector<std::string> emnistIds() {
    return {"emnist-byclass", "emnist-bymerge", "emnist-balanced", "emnist-letters", "emnist-digits", "emnist-mnist"};
}

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
        {"kmnist",
         "KMNIST",
         "KMNIST",
         {"o", "ki", "su", "tsu", "na", "ha", "ma", "ya", "re", "wo"},
         {"http://codh.rois.ac.jp/kmnist/dataset/kmnist/"},
         {{{"train-images-idx3-ubyte.gz", "bdb82020997e1d708af4cf47b453dcf7"},
           {"train-labels-idx1-ubyte.gz", "e144d726b3acfaa3e44228e80efcd344"},
           {"t10k-images-idx3-ubyte.gz", "5c965bf0a639b31b8f53240b1b52f4d7"},
           {"t10k-labels-idx1-ubyte.gz", "7320c461ea6c1c855c0b718fb2a4b134"}}}},
        // QMNIST's test split is its full 60,000 (torchvision's what="test"); its labels are
        // N x 8 int32 with the class first.
        {"qmnist",
         "QMNIST",
         "QMNIST",
         digitClassNames(),
         {"https://raw.githubusercontent.com/facebookresearch/qmnist/master/"},
         {{{"qmnist-train-images-idx3-ubyte.gz", "ed72d4157d28c017586c42bc6afe6370"},
           {"qmnist-train-labels-idx2-int.gz", "0058f8dd561b90ffdd0f734c6a30e5e4"},
           {"qmnist-test-images-idx3-ubyte.gz", "1394631089c404de565df7b7aeaf9412"},
           {"qmnist-test-labels-idx2-int.gz", "5b5b05890a5e13444e108efe57b788aa"}}}},
    };
    static const std::vector<DatasetInfo> all = [] {
        auto entries = catalog;
        entries[0].about = "MNIST: handwritten digits, 28x28 grey";
        entries[1].about = "FashionMNIST: Zalando clothing photos, 28x28 grey";
        entries[2].about = "KMNIST: Kuzushiji (cursive Japanese) characters, 28x28 grey";
        entries[3].about = "QMNIST: MNIST reconstructed with 60,000 test digits, 28x28 grey";
        for (const auto& id : emnistIds())
            entries.push_back(emnist(id.substr(7)));
        entries.push_back(cifar("cifar10", "CIFAR-10", "cifar-10-python.tar.gz", "c58f30108f718f92721af3b95e74349a",
                                "cifar-10-batches-py"));
        entries.push_back(cifar("cifar100", "CIFAR-100", "cifar-100-python.tar.gz", "eb9058c3a382ffc7106e4002c42a8d85",
                                "cifar-100-python"));
        return entries;
    }();
    return all;
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
