#include "core/data/catalog/publishedcheck.h"

#include "core/data/catalog/datasetcatalog.h"

namespace normlab {
namespace {

std::string withoutGz(const std::string& name) {
    return name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0 ? name.substr(0, name.size() - 3) : name;
}

} // namespace

std::string describePublished(const StoredFile& file, const std::function<std::string()>& contentSha256) {
    for (const auto& info : datasetCatalog())
        for (const auto& f : info.files)
            if (!f.md5.empty() && f.md5 == file.md5) return "published " + info.displayName + " file " + f.name;

    std::string content; // computed once, at most
    for (const auto& info : datasetCatalog())
        for (const auto& f : info.files) {
            if (f.contentSha256.empty() || f.contentBytes != file.contentBytes) continue;
            if (content.empty()) content = contentSha256();
            if (content != f.contentSha256) continue;
            return "published " + info.displayName + " content (" + withoutGz(f.name) + "); " +
                   (file.gzipped ? "file recompressed" : "file stored uncompressed");
        }

    // Same name, other bytes: worth saying, since a user expects the published file here.
    std::string owners;
    for (const auto& info : datasetCatalog())
        for (const auto& f : info.files)
            if (withoutGz(f.name) == withoutGz(file.name)) owners += (owners.empty() ? "" : "/") + info.displayName;
    if (!owners.empty()) return "does not match the published " + owners + " " + withoutGz(file.name);
    return "not a published file of a catalog data set";
}

bool contentDigestMayBeNeeded(std::uint64_t contentBytes) {
    for (const auto& info : datasetCatalog())
        for (const auto& f : info.files)
            if (!f.contentSha256.empty() && f.contentBytes == contentBytes) return true;
    return false;
}

} // namespace normlab
