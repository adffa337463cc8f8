#include "core/data/hashedfile.h"

#include "core/common/digest.h"

namespace normlab {

HashedFile::HashedFile(const std::filesystem::path& path, Digests digests) : m_path(path), m_file(path) {
    m_sha256 = std::async(std::launch::async, [this] { return sha256Hex(m_file.bytes()); });
    if (digests == Digests::Sha256AndMd5)
        m_md5 = std::async(std::launch::async, [this] { return md5Hex(m_file.bytes()); });
}

HashedFile::~HashedFile() {
    if (m_sha256.valid()) m_sha256.wait();
    if (m_md5.valid()) m_md5.wait();
}

SourceFile HashedFile::source() {
    SourceFile source;
    source.path = m_path.string();
    source.bytes = m_file.bytes().size();
    source.sha256 = m_sha256.get();
    if (m_md5.valid()) source.md5 = m_md5.get();
    return source;
}

HashedFile& HashedFiles::open(const std::filesystem::path& path, HashedFile::Digests digests) {
    while (m_open.size() >= m_limit) {
        m_finished.push_back(m_open.front()->source());
        m_open.pop_front();
    }
    m_open.push_back(std::make_unique<HashedFile>(path, digests));
    return *m_open.back();
}

std::vector<SourceFile> HashedFiles::sources() {
    for (auto& file : m_open)
        m_finished.push_back(file->source());
    m_open.clear();
    return std::move(m_finished);
}

} // namespace normlab
