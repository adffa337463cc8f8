#include "core/data/formats/numpy/npzarchive.h"

#include <algorithm>
#include <memory>
#include <new>
#include <string_view>

#include <archive.h>
#include <archive_entry.h>

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/common/filebytes.h"
#include "core/data/hashedfile.h"
#include "core/data/formats/numpy/npyheader.h"

namespace normlab {
namespace {

// DEFLATE cannot expand more than about 1032:1: an entry declaring more data than that from the
// whole archive is forged, and is refused before any of it is read.
constexpr std::uint64_t kMaxDeflateRatio = 1032;
// Data is read in pieces of this size, so memory follows the bytes that really come out.
constexpr std::size_t kChunkBytes = std::size_t{1} << 20;
constexpr std::string_view kEntrySuffix = ".npy";

using ArchivePtr = std::unique_ptr<archive, decltype(&archive_read_free)>;

std::string problemOf(archive* a) {
    const char* text = archive_error_string(a);
    return text ? text : "unknown libarchive error";
}

// Reads up to `want` bytes of the current entry; fewer only where the entry ends.
std::size_t readSome(archive* a, std::uint8_t* out, std::size_t want, const std::string& name) {
    std::size_t got = 0;
    while (got < want) {
        const la_ssize_t n = archive_read_data(a, out + got, want - got);
        if (n < 0) throw Error(name + ": damaged archive entry: " + problemOf(a));
        if (n == 0) break;
        got += static_cast<std::size_t>(n);
    }
    return got;
}

NpyArray readEntry(archive* a, archive_entry* entry, std::uint64_t archiveBytes, const std::string& name) {
    // The header first, in two steps: its length, then the dict.
    std::vector<std::uint8_t> prefix(kNpyPreambleBytes);
    prefix.resize(readSome(a, prefix.data(), prefix.size(), name));
    const std::size_t headerBytes = npyHeaderBytes(prefix, name);
    if (headerBytes > prefix.size()) {
        const std::size_t have = prefix.size();
        prefix.resize(headerBytes);
        prefix.resize(have + readSome(a, prefix.data() + have, headerBytes - have, name));
    }
    const NpyHeader header = parseNpyHeader(prefix, name);
    if (header.dataBytes > archiveBytes * kMaxDeflateRatio)
        throw Error(name + ": shape " + npyShapeText(header.shape) + " of " + header.descr + " declares " +
                    std::to_string(header.dataBytes) + " bytes, more than the " + std::to_string(archiveBytes) +
                    "-byte archive can hold");
    if (archive_entry_size_is_set(entry)) {
        const auto size = static_cast<std::uint64_t>(std::max<la_int64_t>(archive_entry_size(entry), 0));
        checkNpyDataSize(header, size > headerBytes ? size - headerBytes : 0, name);
    }

    // A short dict (only in broken files) can leave the first data bytes in the prefix.
    std::vector<std::uint8_t> data(prefix.begin() + static_cast<std::ptrdiff_t>(header.headerBytes), prefix.end());
    const auto want = static_cast<std::size_t>(header.dataBytes);
    // Never more up front than the archive itself occupies: the rest grows as it is inflated.
    data.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(want, archiveBytes)));
    while (data.size() < want) {
        const std::size_t have = data.size();
        const std::size_t room = std::min(kChunkBytes, want - have);
        data.resize(have + room);
        const std::size_t got = readSome(a, data.data() + have, room, name);
        data.resize(have + got);
        if (got < room) checkNpyDataSize(header, data.size(), name); // ended early: truncated
    }
    std::uint8_t extra = 0;
    if (data.size() > want || readSome(a, &extra, 1, name) != 0)
        throw Error(name + ": unexpected bytes after the " + std::to_string(want) +
                    " bytes of data the header declares");
    return npyArrayFromData(header, std::move(data));
}

} // namespace

std::map<std::string, NpyArray> readNpz(std::span<const std::uint8_t> archiveBytes, const std::string& nameForErrors,
                                        const std::vector<std::string>& keys) {
    const std::string& name = nameForErrors;
    ArchivePtr a(archive_read_new(), &archive_read_free);
    if (!a) throw Error(name + ": out of memory for libarchive");
    archive_read_support_format_zip(a.get());
    if (archive_read_open_memory(a.get(), archiveBytes.data(), archiveBytes.size()) != ARCHIVE_OK)
        throw Error(name + ": not a .npz file (zip archive): " + problemOf(a.get()));

    const auto wanted = [&keys](const std::string& key) {
        return keys.empty() || std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    std::map<std::string, NpyArray> arrays;
    std::vector<std::string> held;
    try {
        archive_entry* entry = nullptr;
        for (;;) {
            const int rc = archive_read_next_header(a.get(), &entry);
            if (rc == ARCHIVE_EOF) break;
            if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
                throw Error(name + ": not a .npz file or a damaged one: " + problemOf(a.get()));
            const char* pathname = archive_entry_pathname(entry);
            const std::string entryName = pathname ? pathname : "";
            if (archive_entry_filetype(entry) == AE_IFDIR || !entryName.ends_with(kEntrySuffix)) continue;
            const std::string key = entryName.substr(0, entryName.size() - kEntrySuffix.size());
            held.push_back(key);
            if (!wanted(key)) continue; // libarchive skips its data at the next header
            if (arrays.contains(key)) throw Error(name + ": holds '" + key + "' twice");
            arrays.emplace(key, readEntry(a.get(), entry, archiveBytes.size(), name + " (" + entryName + ")"));
        }
    } catch (const std::bad_alloc&) {
        throw Error(name + ": not enough memory for its arrays");
    }
    for (const auto& key : keys)
        if (!arrays.contains(key))
            throw Error(name + ": no '" + key + "' in the archive (" +
                        (held.empty() ? std::string("it holds no .npy arrays") : "it holds " + joined(held)) + ")");
    return arrays;
}

std::map<std::string, NpyArray> readNpz(const std::filesystem::path& path, const std::vector<std::string>& keys,
                                        SourceFile* source) {
    HashedFile file(path);
    auto arrays = readNpz(file.bytes(), path.string(), keys);
    if (source) *source = file.source();
    return arrays;
}

} // namespace normlab
