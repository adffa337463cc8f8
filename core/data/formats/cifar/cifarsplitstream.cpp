#include "core/data/formats/cifar/cifarsplitstream.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/common/mappedfile.h"
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"

namespace normlab {

CifarSplitStream::CifarSplitStream(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                                   const Progress& progress)
    : m_layout(layout), m_labels(labels), m_progress(progress), m_hashed(kCifarFilesMapped) {
    // Requests a folder cannot satisfy are refused before anything is read.
    if (split != "train" && split != "test")
        throw Error(layout.folder.string() + ": CIFAR has no split '" + split + "' (expected train or test)");
    if (layout.variant == 10 && labels == CifarLabels::Coarse)
        throw Error(layout.folder.string() + ": CIFAR-10 has no coarse labels (only CIFAR-100 has)");
    m_about = startCifarSplit(layout, split, labels);
    m_files = layout.splitFiles(split);
    const bool python = layout.format == CifarFormat::Python;
    { // the names first: a broken meta file fails before 150 MB of batches are read
        const auto path = layout.namesFile(labels);
        HashedFile file(path, HashedFile::Digests::Sha256);
        m_about.classNames = python ? cifarPythonNames(file.bytes(), layout, labels, path.string())
                                    : cifarBinaryNames(file.bytes(), layout, labels, path.string());
        m_namesSource = file.source();
        m_progress.update(1.0 / static_cast<double>(m_files.size() + 1)); // a step, as each batch file is
    }
    for (const auto& path : m_files) {
        m_progress.throwIfStopped();
        const MappedFile file(path);
        m_about.count += python ? cifarPythonCount(file.bytes(), layout, labels, path.string())
                                : cifarBinaryCount(file.bytes(), layout, path.string());
    }
}

void CifarSplitStream::loadNextFile() {
    m_progress.throwIfStopped();
    if (m_nextFile == m_files.size()) // counted when opened: a file changed since
        throw Error(m_files.back().string() + ": changed while it was read (fewer images than when it was opened)");
    const auto& path = m_files[m_nextFile++];
    HashedFile& file = m_hashed.open(path, HashedFile::Digests::Sha256);
    CifarBatchImages batch = m_layout.format == CifarFormat::Python
                                 ? cifarPythonBatch(file.bytes(), m_layout, m_labels, path.string())
                                 : cifarBinaryBatch(file.bytes(), m_layout, m_labels, path.string());
    m_pixels = std::move(batch.pixels);
    m_batchLabels = std::move(batch.labels);
    m_taken = 0;
    m_progress.update(static_cast<double>(m_nextFile + 1) / static_cast<double>(m_files.size() + 1));
}

void CifarSplitStream::read(ImageSet& chunk, std::size_t count) {
    chunk.pixels.reserve(count * kCifarImageBytes);
    chunk.labels.reserve(count);
    while (count > 0) {
        if (m_taken == m_batchLabels.size()) loadNextFile();
        const std::size_t n = std::min(count, m_batchLabels.size() - m_taken);
        const auto first = m_pixels.begin() + static_cast<std::ptrdiff_t>(m_taken * kCifarImageBytes);
        chunk.pixels.insert(chunk.pixels.end(), first, first + static_cast<std::ptrdiff_t>(n * kCifarImageBytes));
        const auto label = m_batchLabels.begin() + static_cast<std::ptrdiff_t>(m_taken);
        chunk.labels.insert(chunk.labels.end(), label, label + static_cast<std::ptrdiff_t>(n));
        m_taken += n;
        count -= n;
    }
}

std::vector<SourceFile> CifarSplitStream::finish() {
    // The files --limit left unread are still hashed: the sources describe the whole split.
    while (m_nextFile < m_files.size())
        m_hashed.open(m_files[m_nextFile++], HashedFile::Digests::Sha256);
    std::vector<SourceFile> sources{m_namesSource};
    for (auto& source : m_hashed.sources())
        sources.push_back(std::move(source));
    return sources;
}

} // namespace normlab
