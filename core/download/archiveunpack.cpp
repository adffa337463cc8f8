#include "core/download/archiveunpack.h"

#include <archive.h>
#include <archive_entry.h>

#include <fstream>
#include <memory>

#include "core/common/error.h"

namespace fs = std::filesystem;

namespace normlab {
namespace {

struct ArchiveCloser {
    void operator()(archive* a) const { archive_read_free(a); }
};

// A member path that stays inside the target folder: relative, no "..".
bool isSafe(const fs::path& relative) {
    if (relative.empty() || relative.is_absolute()) return false;
    for (const auto& part : relative)
        if (part == "..") return false;
    return true;
}

// Writes one member to a temporary file beside its target, then renames it into place.
void writeMember(archive* a, const fs::path& target, const fs::path& archivePath, const Progress& progress) {
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec) throw Error(target.parent_path().string() + ": cannot create directory: " + ec.message());
    const fs::path partial = target.parent_path() / ("." + target.filename().string() + ".unpacking");
    try {
        std::ofstream out(partial, std::ios::binary | std::ios::trunc);
        if (!out) throw Error(partial.string() + ": cannot write");
        std::vector<char> buffer(1 << 20);
        for (;;) {
            progress.throwIfStopped();
            const la_ssize_t n = archive_read_data(a, buffer.data(), buffer.size());
            if (n == 0) break;
            if (n < 0)
                throw Error(archivePath.string() + ": damaged archive while reading " + target.filename().string() +
                            ": " + archive_error_string(a));
            out.write(buffer.data(), n);
            if (!out) throw Error(partial.string() + ": cannot write (disk full?)");
        }
        out.close();
        if (!out) throw Error(partial.string() + ": cannot write");
        fs::rename(partial, target, ec);
        if (ec) throw Error(target.string() + ": cannot move into place: " + ec.message());
    } catch (...) {
        fs::remove(partial, ec);
        throw;
    }
}

} // namespace

std::vector<fs::path> unpackArchive(const fs::path& archivePath, const fs::path& folder,
                                    const std::string& memberPrefix, const std::string& stripPrefix,
                                    const Progress& progress) {
    std::unique_ptr<archive, ArchiveCloser> a(archive_read_new());
    archive_read_support_filter_all(a.get());
    archive_read_support_format_all(a.get());
    if (archive_read_open_filename(a.get(), archivePath.c_str(), 1 << 16) != ARCHIVE_OK)
        throw Error(archivePath.string() + ": cannot open archive: " + archive_error_string(a.get()));
    std::error_code ec;
    const double total = static_cast<double>(std::max<std::uintmax_t>(1, fs::file_size(archivePath, ec)));
    std::vector<fs::path> written;
    archive_entry* entry = nullptr;
    for (;;) {
        const int status = archive_read_next_header(a.get(), &entry);
        if (status == ARCHIVE_EOF) break;
        if (status < ARCHIVE_WARN)
            throw Error(archivePath.string() + ": damaged archive: " + archive_error_string(a.get()));
        const char* rawName = archive_entry_pathname(entry);
        const std::string name = rawName ? rawName : "";
        if (archive_entry_filetype(entry) != AE_IFREG || !name.starts_with(memberPrefix)) continue;
        const fs::path relative =
            fs::path(name.starts_with(stripPrefix) ? name.substr(stripPrefix.size()) : name).lexically_normal();
        if (!isSafe(relative))
            throw Error(archivePath.string() + ": refusing member '" + name + "' (outside the folder)");
        writeMember(a.get(), folder / relative, archivePath, progress);
        written.push_back(relative);
        progress.update(std::min(1.0, static_cast<double>(archive_filter_bytes(a.get(), -1)) / total));
    }
    if (written.empty())
        throw Error(archivePath.string() + ": no member under '" + memberPrefix + "' (not the expected archive)");
    return written;
}

} // namespace normlab
