#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <span>
#include <string>
#include <vector>

#include "core/data/formats/numpy/npyarray.h"

namespace normlab {

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

// The same from an archive already in memory (callers that digest the file read it once; fuzzing).
std::map<std::string, NpyArray> readNpz(std::span<const std::uint8_t> archive, const std::string& nameForErrors,
                                        const std::vector<std::string>& keys);

} // namespace normlab
