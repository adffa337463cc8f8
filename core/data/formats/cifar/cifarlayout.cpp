#include "core/data/formats/cifar/cifarlayout.h"

#include "core/common/error.h"

namespace normlab {
namespace {

constexpr int kCifar10TrainBatches = 5;

struct Candidate {
    CifarFormat format;
    int variant;
    const char* folderName;
};
constexpr Candidate kCandidates[] = {
    {CifarFormat::Python, 10, "cifar-10-batches-py"},
    {CifarFormat::Python, 100, "cifar-100-python"},
    {CifarFormat::Binary, 10, "cifar-10-batches-bin"},
    {CifarFormat::Binary, 100, "cifar-100-binary"},
};

bool isFile(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_regular_file(path, ec);
}

bool isDirectory(const std::filesystem::path& path) {
    std::error_code ec;
    return std::filesystem::is_directory(path, ec);
}

// "a/b/" names b, like "a/b".
std::string lastName(const std::filesystem::path& folder) {
    const auto normal = folder.lexically_normal();
    return (normal.has_filename() ? normal.filename() : normal.parent_path().filename()).string();
}

// A folder is a CIFAR folder by its published name (then a missing file is reported by name when
// it is read), or by holding the class names and a batch of one split (a renamed folder).
bool matches(const CifarLayout& layout, const char* folderName) {
    if (!isDirectory(layout.folder)) return false;
    if (lastName(layout.folder) == folderName) return true;
    return isFile(layout.namesFile(CifarLabels::Fine)) &&
           (isFile(layout.splitFiles("train").front()) || isFile(layout.splitFiles("test").front()));
}

} // namespace

std::vector<std::filesystem::path> CifarLayout::splitFiles(const std::string& split) const {
    if (split != "train" && split != "test")
        throw Error(datasetName() + " has no split '" + split + "' (expected train or test)");
    const std::string ext = format == CifarFormat::Binary ? ".bin" : "";
    if (variant == 100) return {folder / (split + ext)};
    if (split == "test") return {folder / ("test_batch" + ext)};
    std::vector<std::filesystem::path> files;
    for (int i = 1; i <= kCifar10TrainBatches; ++i)
        files.push_back(folder / ("data_batch_" + std::to_string(i) + ext));
    return files;
}

std::filesystem::path CifarLayout::namesFile(CifarLabels labels) const {
    if (format == CifarFormat::Python) return folder / (variant == 10 ? "batches.meta" : "meta");
    if (variant == 10) return folder / "batches.meta.txt";
    return folder / (labels == CifarLabels::Coarse ? "coarse_label_names.txt" : "fine_label_names.txt");
}

int CifarLayout::classCount(CifarLabels labels) const {
    if (variant == 10) {
        if (labels == CifarLabels::Coarse) throw Error("CIFAR-10 has no coarse labels (only CIFAR-100 has)");
        return 10;
    }
    return labels == CifarLabels::Coarse ? 20 : 100;
}

std::vector<CifarLayout> findCifarLayouts(const std::filesystem::path& folder) {
    for (const auto& c : kCandidates) {
        const CifarLayout here{c.format, c.variant, folder};
        if (matches(here, c.folderName)) return {here};
    }
    std::vector<CifarLayout> inside;
    for (const auto& c : kCandidates)
        if (isDirectory(folder / c.folderName)) inside.push_back({c.format, c.variant, folder / c.folderName});
    return inside;
}

std::optional<CifarLayout> detectCifarLayout(const std::filesystem::path& folder) {
    auto found = findCifarLayouts(folder);
    if (found.empty()) return std::nullopt;
    return found.front();
}

} // namespace normlab
