#include "core/common/mappedfile.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "core/common/error.h"

namespace normlab {
namespace {

Error errnoError(const std::filesystem::path& path, const char* what) {
    return Error(path.string() + ": " + what + ": " + std::strerror(errno));
}

} // namespace

MappedFile::MappedFile(const std::filesystem::path& path) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(path.string() + ": is a directory, not a file");
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw errnoError(path, "cannot open");
    struct stat st {};
    if (::fstat(fd, &st) != 0) {
        const Error error = errnoError(path, "cannot read its size");
        ::close(fd);
        throw error;
    }
    m_size = static_cast<std::size_t>(st.st_size);
    if (m_size > 0) { // mmap refuses a length of 0; an empty file is an empty span
        void* data = ::mmap(nullptr, m_size, PROT_READ, MAP_PRIVATE, fd, 0);
        if (data == MAP_FAILED) {
            const Error error = errnoError(path, "cannot map it into memory");
            ::close(fd);
            throw error;
        }
        m_data = static_cast<const std::uint8_t*>(data);
    }
    ::close(fd); // the mapping keeps the file open
}

MappedFile::~MappedFile() {
    if (m_data) ::munmap(const_cast<std::uint8_t*>(m_data), m_size);
}

} // namespace normlab
