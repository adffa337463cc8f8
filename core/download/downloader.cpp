#include "core/download/downloader.h"

#include <chrono>
#include <ctime>
#include <random>

#include <nlohmann/json.hpp>

#include "core/common/digest.h"
#include "core/common/error.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/common/filebytes.h"
#include "core/download/archiveunpack.h"
#include "core/download/httptransfer.h"
#include "core/common/atomicfile.h"

namespace normlab {
namespace {

using json = nlohmann::ordered_json;

// Removes the partial download on every path but a successful rename.
class PartialFile {
public:
    explicit PartialFile(std::filesystem::path path) : m_path(std::move(path)) {}
    ~PartialFile() {
        if (!m_kept) {
            std::error_code ec;
            std::filesystem::remove(m_path, ec);
        }
    }
    PartialFile(const PartialFile&) = delete;
    PartialFile& operator=(const PartialFile&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    void moveTo(const std::filesystem::path& target) {
        std::error_code ec;
        std::filesystem::rename(m_path, target, ec);
        if (ec) throw Error(target.string() + ": cannot move the download into place: " + ec.message());
        m_kept = true;
    }

private:
    std::filesystem::path m_path;
    bool m_kept = false;
};

// A name the loader never matches (hidden, ".part" suffix, random tag) in the target folder,
// so the final rename is atomic.
std::filesystem::path partialName(const std::filesystem::path& folder, const std::string& file) {
    static thread_local std::mt19937_64 rng(std::random_device{}());
    return folder / ("." + file + ".part-" + std::to_string(rng() % 1000000000ULL));
}

std::string withSlash(std::string mirror) {
    if (!mirror.empty() && mirror.back() != '/') mirror.push_back('/');
    return mirror;
}

bool presentAndValid(const std::filesystem::path& path, const std::string& md5) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    try {
        return md5Hex(readFileBytes(path)) == md5;
    } catch (const Error&) {
        return false;
    }
}

std::string nowUtc() {
    const std::time_t t = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
    char text[32];
    std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
    return text;
}

void writeManifest(const DatasetInfo& info, const DownloadReport& report) {
    json previous;
    const auto path = report.folder / kManifestName;
    try {
        const auto bytes = readFileBytes(path);
        previous = json::parse(bytes.begin(), bytes.end());
    } catch (...) {
        previous = json::object();
    }
    json files = json::array();
    for (const auto& f : report.files) {
        json entry = {{"name", f.name}, {"bytes", f.bytes}, {"md5", f.md5}, {"url", f.url}, {"mirror", f.mirror}};
        if (f.alreadyPresent && previous.contains("files")) // keep where an existing file came from
            for (const auto& old : previous["files"])
                if (old.value("name", "") == f.name) entry = old;
        files.push_back(entry);
    }
    const json manifest = {
        {"format", "normlab-manifest/1"}, {"dataset", info.id}, {"updated", nowUtc()}, {"files", files}};
    writeFileAtomically(path, manifest.dump(2) + "\n");
}

// Fetches one file into folder from the first mirror that serves it with the right MD5 (or finds
// it there already), and records it in the report.
void fetchFile(const RemoteFile& remote, const std::vector<std::string>& mirrors, const DownloadOptions& options,
               int index, int fileCount, DownloadReport& report) {
    const auto target = report.folder / remote.name;
    DownloadProgress progress{remote.name, index, fileCount, 0, 0, static_cast<double>(index) / fileCount};
    if (!options.force && presentAndValid(target, remote.md5)) {
        report.files.push_back({remote.name, "", "", std::filesystem::file_size(target), remote.md5, true});
        if (options.onProgress) {
            progress.overall = static_cast<double>(index + 1) / fileCount;
            options.onProgress(progress);
        }
        return;
    }
    std::string failures;
    for (const auto& mirror : mirrors) {
        if (options.stop.stop_requested()) throw Cancelled();
        PartialFile partial(partialName(report.folder, remote.name));
        HttpTransfer transfer;
        transfer.url = mirror + remote.name;
        transfer.connectTimeoutSeconds = options.connectTimeoutSeconds;
        transfer.stallTimeoutSeconds = options.stallTimeoutSeconds;
        transfer.stop = options.stop;
        transfer.onProgress = [&](std::uint64_t bytes, std::uint64_t total) {
            if (!options.onProgress) return;
            progress.fileBytes = bytes;
            progress.fileTotal = total;
            const double within = total ? static_cast<double>(bytes) / static_cast<double>(total) : 0.0;
            progress.overall = (index + within) / fileCount;
            options.onProgress(progress);
        };
        const HttpResult result = httpGetToFile(transfer, partial.path());
        if (result.cancelled) throw Cancelled(); // ~PartialFile removes what was written
        std::string problem = result.error;
        if (result.ok && result.md5 != remote.md5)
            problem = "checksum mismatch (MD5 " + result.md5 + ", expected " + remote.md5 + ")";
        if (!problem.empty()) {
            failures += (failures.empty() ? "" : "; ") + transfer.url + ": " + problem;
            if (options.onMessage) options.onMessage(transfer.url + ": " + problem);
            continue;
        }
        partial.moveTo(target);
        report.files.push_back({remote.name, transfer.url, mirror, result.bytes, result.md5, false});
        return;
    }
    throw Error(remote.name + ": every mirror failed: " + failures);
}

// A data set published as one archive: fetched, checked, unpacked, then removed (the unpacked
// files are what NormLab and torchvision read). Nothing is fetched when they are already there.
void fetchArchive(const DatasetInfo& info, const std::filesystem::path& dataDir,
                  const std::vector<std::string>& mirrors, const DownloadOptions& options, DownloadReport& report) {
    const RemoteArchive& archive = *info.archive;
    if (!options.force && findCatalogFilesIn(catalogSearchFolders(info, dataDir).front(), info)) {
        report.files.push_back({archive.file.name, "", "", 0, archive.file.md5, true});
        return;
    }
    fetchFile(archive.file, mirrors, options, 0, 1, report);
    const auto path = report.folder / archive.file.name;
    if (options.onMessage) options.onMessage("unpacking " + path.string());
    unpackArchive(path, report.folder, archive.memberPrefix, archive.stripPrefix, Progress{{}, options.stop});
    std::error_code ec;
    std::filesystem::remove(path, ec);
    if (!findCatalogFilesIn(catalogSearchFolders(info, dataDir).front(), info))
        throw Error(path.string() + ": unpacked, but " + info.id + "'s files are not among its members");
}

} // namespace

DownloadReport downloadDataset(const DatasetInfo& info, const std::filesystem::path& dataDir,
                               const DownloadOptions& options) {
    DownloadReport report;
    report.folder = ownDatasetFolder(dataDir, info);
    std::error_code ec;
    std::filesystem::create_directories(report.folder, ec);
    if (ec) throw Error(report.folder.string() + ": cannot create directory: " + ec.message());
    std::vector<std::string> mirrors;
    for (const auto& m : options.extraMirrors)
        mirrors.push_back(withSlash(m));
    for (const auto& m : info.mirrors)
        mirrors.push_back(withSlash(m));
    if (mirrors.empty()) throw Error(info.id + ": no mirror to download from");

    if (info.archive) {
        fetchArchive(info, dataDir, mirrors, options, report);
    } else {
        const int fileCount = static_cast<int>(info.files.size());
        for (int index = 0; index < fileCount; ++index)
            fetchFile(info.files[index], mirrors, options, index, fileCount, report);
    }
    writeManifest(info, report);
    return report;
}

} // namespace normlab
