#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/data/formats/numpy/npyarray.h"

namespace normlab {

struct NpyHeader;
struct SourceFile;

// Reads arrays from a .npz file (a zip archive of NAME.npy entries, stored or deflated, as
// np.savez and np.savez_compressed write it) with libarchive. keys names the arrays wanted (NAME
// without ".npy"); empty means all. Throws Error("PATH: problem") when the file is not a zip
// archive, is damaged, holds a wanted key twice or not at all (the message lists the keys it holds),
// or when an entry is not a valid .npy (see parseNpy). An entry's data is never allocated from its
// declared size: it grows with the bytes that really come out, up to what the header declares,
// which is checked first against what DEFLATE can expand the archive to.
// When source is given it receives the file's path, size and digests, from the same single read.
std::map<std::string, NpyArray> readNpz(const std::filesystem::path& path, const std::vector<std::string>& keys,
                                        SourceFile* source = nullptr);

// The same without digests, libarchive reading the file itself: only the wanted entries are read
// (a streamed reader's labels, beside an images entry of any size).
std::map<std::string, NpyArray> readNpzArrays(const std::filesystem::path& path, const std::vector<std::string>& keys);

// One array of a .npz, its data read piece by piece: the streamed reader of a MedMNIST file holds
// a chunk of its images, never the entry. The header is checked as readNpz checks it.
class NpzEntryStream {
public:
    // Finds entry KEY.npy and reads its header. Throws Error("PATH: problem"), listing the keys
    // the archive holds when KEY is not one of them.
    NpzEntryStream(const std::filesystem::path& path, const std::string& key);
    ~NpzEntryStream();
    NpzEntryStream(const NpzEntryStream&) = delete;
    NpzEntryStream& operator=(const NpzEntryStream&) = delete;

    const NpyHeader& header() const;
    const std::string& name() const; // "FILE (KEY.npy)", for messages
    // The next out.size() bytes of data; Error naming the sizes when the entry ends first.
    void readExactly(std::span<std::uint8_t> out);
    // Error when data follows what the header declares.
    void checkEnd();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

// The same from an archive already in memory (callers that digest the file read it once; fuzzing).
std::map<std::string, NpyArray> readNpz(std::span<const std::uint8_t> archive, const std::string& nameForErrors,
                                        const std::vector<std::string>& keys);

} // namespace normlab
