#pragma once

#include <cstdint>
#include <filesystem>
#include <span>

namespace normlab {

// A whole file mapped read-only into memory. Large data files (CIFAR's 30 MB batches) are read
// where the page cache already holds them: no zeroed buffer to fault in, no copy into it, and the
// threads hashing and parsing the file share the same pages.
class MappedFile {
public:
    // Throws Error("PATH: reason") when the file cannot be opened or mapped.
    explicit MappedFile(const std::filesystem::path& path);
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;

    std::span<const std::uint8_t> bytes() const { return {m_data, m_size}; }

private:
    const std::uint8_t* m_data = nullptr;
    std::size_t m_size = 0;
};

} // namespace normlab
