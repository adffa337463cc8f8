#include "core/data/hashedfile.h"

#include "core/common/digest.h"
#include "core/data/filebytes.h"

namespace normlab {

HashedFile::HashedFile(const std::filesystem::path& path, Digests digests)
    : m_path(path), m_bytes(readFileBytes(path)) {
    m_sha256 = std::async(std::launch::async, [this] { return sha256Hex(m_bytes); });
    if (digests == Digests::Sha256AndMd5) m_md5 = std::async(std::launch::async, [this] { return md5Hex(m_bytes); });
}

HashedFile::~HashedFile() {
    if (m_sha256.valid()) m_sha256.wait();
    if (m_md5.valid()) m_md5.wait();
}

SourceFile HashedFile::source() {
    SourceFile source;
    source.path = m_path.string();
    source.bytes = m_bytes.size();
    source.sha256 = m_sha256.get();
    if (m_md5.valid()) source.md5 = m_md5.get();
    return source;
}

} // namespace normlab
