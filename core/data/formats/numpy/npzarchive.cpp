#include "core/data/formats/numpy/npzarchive.h"

#include <algorithm>
#include <memory>
#include <new>
#include <string_view>

#include <archive.h>
#include <archive_entry.h>

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/common/resourcelimits.h"
#include "core/common/filebytes.h"
#include "core/data/hashedfile.h"
#include "core/data/formats/numpy/npyheader.h"

namespace normlab {
namespace {

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

// An entry's .npy header, checked against what the archive can hold; `prefix` keeps any data bytes
// read with it (only a short dict in a broken file leaves some).
NpyHeader readEntryHeader(archive* a, archive_entry* entry, std::uint64_t archiveBytes, const std::string& name,
                          std::vector<std::uint8_t>& prefix) {
    // The header first, in two steps: its length, then the dict.
    prefix.resize(kNpyPreambleBytes);
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
    prefix.erase(prefix.begin(), prefix.begin() + static_cast<std::ptrdiff_t>(header.headerBytes));
    return header;
}

NpyArray readEntry(archive* a, archive_entry* entry, std::uint64_t archiveBytes, const std::string& name) {
    std::vector<std::uint8_t> data;
    const NpyHeader header = readEntryHeader(a, entry, archiveBytes, name, data);

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

namespace {

// The next entry named KEY.npy for a key `wanted` accepts, or nullptr at the end; `held` collects
// every array's key for messages.
archive_entry* nextArray(archive* a, const std::string& name, std::string& key, std::vector<std::string>& held) {
    archive_entry* entry = nullptr;
    for (;;) {
        const int rc = archive_read_next_header(a, &entry);
        if (rc == ARCHIVE_EOF) return nullptr;
        if (rc != ARCHIVE_OK && rc != ARCHIVE_WARN)
            throw Error(name + ": not a .npz file or a damaged one: " + problemOf(a));
        const char* pathname = archive_entry_pathname(entry);
        const std::string entryName = pathname ? pathname : "";
        if (archive_entry_filetype(entry) == AE_IFDIR || !entryName.ends_with(kEntrySuffix)) continue;
        key = entryName.substr(0, entryName.size() - kEntrySuffix.size());
        held.push_back(key);
        return entry;
    }
}

Error missingKey(const std::string& name, const std::string& key, const std::vector<std::string>& held) {
    return Error(name + ": no '" + key + "' in the archive (" +
                 (held.empty() ? std::string("it holds no .npy arrays") : "it holds " + joined(held)) + ")");
}

std::map<std::string, NpyArray> readArrays(archive* a, std::uint64_t archiveBytes, const std::string& name,
                                           const std::vector<std::string>& keys) {
    const auto wanted = [&keys](const std::string& key) {
        return keys.empty() || std::find(keys.begin(), keys.end(), key) != keys.end();
    };
    std::map<std::string, NpyArray> arrays;
    std::vector<std::string> held;
    try {
        std::string key;
        while (archive_entry* entry = nextArray(a, name, key, held)) {
            if (!wanted(key)) continue; // libarchive skips its data at the next header
            if (arrays.contains(key)) throw Error(name + ": holds '" + key + "' twice");
            arrays.emplace(key, readEntry(a, entry, archiveBytes, name + " (" + key + ".npy)"));
        }
    } catch (const std::bad_alloc&) {
        throw Error(name + ": not enough memory for its arrays");
    }
    for (const auto& key : keys)
        if (!arrays.contains(key)) throw missingKey(name, key, held);
    return arrays;
}

ArchivePtr newZipReader(const std::string& name) {
    ArchivePtr a(archive_read_new(), &archive_read_free);
    if (!a) throw Error(name + ": out of memory for libarchive");
    archive_read_support_format_zip(a.get());
    return a;
}

} // namespace

std::map<std::string, NpyArray> readNpz(std::span<const std::uint8_t> archiveBytes, const std::string& nameForErrors,
                                        const std::vector<std::string>& keys) {
    ArchivePtr a = newZipReader(nameForErrors);
    if (archive_read_open_memory(a.get(), archiveBytes.data(), archiveBytes.size()) != ARCHIVE_OK)
        throw Error(nameForErrors + ": not a .npz file (zip archive): " + problemOf(a.get()));
    return readArrays(a.get(), archiveBytes.size(), nameForErrors, keys);
}

std::map<std::string, NpyArray> readNpzArrays(const std::filesystem::path& path, const std::vector<std::string>& keys) {
    const std::string name = path.string();
    std::error_code ec;
    const std::uint64_t size = std::filesystem::file_size(path, ec);
    if (ec) throw Error(name + ": cannot read: " + ec.message());
    ArchivePtr a = newZipReader(name);
    // libarchive reads the file itself and seeks past the entries not wanted.
    if (archive_read_open_filename(a.get(), path.c_str(), kChunkBytes) != ARCHIVE_OK)
        throw Error(name + ": not a .npz file (zip archive): " + problemOf(a.get()));
    return readArrays(a.get(), size, name, keys);
}

struct NpzEntryStream::State {
    ArchivePtr archive{nullptr, &archive_read_free};
    NpyHeader header;
    std::vector<std::uint8_t> early; // data bytes read with the header
    std::string name;
    std::uint64_t dataRead = 0;
};

NpzEntryStream::NpzEntryStream(const std::filesystem::path& path, const std::string& key)
    : m_state(std::make_unique<State>()) {
    State& st = *m_state;
    const std::string nameForErrors = path.string();
    std::error_code ec;
    const std::uint64_t archiveBytes = std::filesystem::file_size(path, ec);
    if (ec) throw Error(nameForErrors + ": cannot read: " + ec.message());
    st.archive = newZipReader(nameForErrors);
    // libarchive reads the file itself, seeking as the zip's central directory says: a stored
    // entry followed by a data descriptor (no size before its data) is found that way only.
    if (archive_read_open_filename(st.archive.get(), path.c_str(), kChunkBytes) != ARCHIVE_OK)
        throw Error(nameForErrors + ": not a .npz file (zip archive): " + problemOf(st.archive.get()));
    std::vector<std::string> held;
    std::string found;
    while (archive_entry* entry = nextArray(st.archive.get(), nameForErrors, found, held)) {
        if (found != key) continue;
        st.name = nameForErrors + " (" + key + ".npy)";
        st.header = readEntryHeader(st.archive.get(), entry, archiveBytes, st.name, st.early);
        return;
    }
    throw missingKey(nameForErrors, key, held);
}

NpzEntryStream::~NpzEntryStream() = default;

const NpyHeader& NpzEntryStream::header() const {
    return m_state->header;
}

const std::string& NpzEntryStream::name() const {
    return m_state->name;
}

void NpzEntryStream::readExactly(std::span<std::uint8_t> out) {
    State& st = *m_state;
    const std::size_t early = std::min(out.size(), st.early.size());
    std::copy_n(st.early.begin(), early, out.begin());
    st.early.erase(st.early.begin(), st.early.begin() + static_cast<std::ptrdiff_t>(early));
    const std::size_t got = early + readSome(st.archive.get(), out.data() + early, out.size() - early, st.name);
    st.dataRead += got;
    if (got < out.size()) checkNpyDataSize(st.header, st.dataRead, st.name); // ended early: truncated
}

void NpzEntryStream::checkEnd() {
    State& st = *m_state;
    std::uint8_t extra = 0;
    if (!st.early.empty() || readSome(st.archive.get(), &extra, 1, st.name) != 0)
        throw Error(st.name + ": unexpected bytes after the " + std::to_string(st.header.dataBytes) +
                    " bytes of data the header declares");
}

std::map<std::string, NpyArray> readNpz(const std::filesystem::path& path, const std::vector<std::string>& keys,
                                        SourceFile* source) {
    HashedFile file(path);
    auto arrays = readNpz(file.bytes(), path.string(), keys);
    if (source) *source = file.source();
    return arrays;
}

} // namespace normlab
