#include "core/common/atomicfile.h"

#include <cerrno>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/common/error.h"

namespace normlab {
namespace {

// Owns the temporary file until it is renamed; removes it on every early exit.
class TempFile {
public:
    explicit TempFile(const std::filesystem::path& target) {
        const auto dir = target.has_parent_path() ? target.parent_path() : std::filesystem::path(".");
        std::string pattern = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
        m_name.assign(pattern.begin(), pattern.end());
        m_name.push_back('\0');
        m_fd = ::mkstemp(m_name.data());
        m_created = m_fd >= 0;
    }
    ~TempFile() {
        if (m_fd >= 0) ::close(m_fd);
        if (m_created && !m_committed) ::unlink(m_name.data());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    bool valid() const { return m_fd >= 0; }
    int fd() const { return m_fd; }
    const char* name() const { return m_name.data(); }
    bool closeFile() {
        const int rc = ::close(m_fd);
        m_fd = -1;
        return rc == 0;
    }
    void markCommitted() { m_committed = true; }

private:
    std::vector<char> m_name;
    int m_fd = -1;
    bool m_created = false;
    bool m_committed = false;
};

[[noreturn]] void fail(const std::filesystem::path& path, int err) {
    throw Error(path.string() + ": cannot write: " + std::strerror(err));
}

} // namespace

void writeFileAtomically(const std::filesystem::path& path, std::string_view contents) {
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Error(path.string() + ": cannot write: is a directory");
    TempFile temp(path);
    if (!temp.valid()) fail(path, errno);
    const char* p = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ssize_t n = ::write(temp.fd(), p, left);
        if (n < 0) {
            if (errno == EINTR) continue;
            fail(path, errno);
        }
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    if (::fsync(temp.fd()) != 0) fail(path, errno);
    // mkstemp creates 0600 files; exports are ordinary user files.
    ::fchmod(temp.fd(), 0644);
    if (!temp.closeFile()) fail(path, errno);
    if (::rename(temp.name(), path.c_str()) != 0) fail(path, errno);
    temp.markCommitted();
}

} // namespace normlab
