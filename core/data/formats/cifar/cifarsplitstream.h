#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/formats/cifar/cifarlayout.h"
#include "core/data/hashedfile.h"
#include "core/data/splitstream.h"

namespace normlab {

// A CIFAR split (python or binary form) read a batch file at a time: one file's images are in
// memory (30 MB for CIFAR-10, CIFAR-100's one 150 MB train file), never the split's. The class
// names and the number of images are read when it is opened (a python batch's pixels are not
// touched for that: parsing walks its opcodes and labels); each file's SHA-256 runs on another
// thread while the next is parsed. Progress is reported per batch file read; the stop token is
// honoured between files. Throws Error("FILE: problem") as the whole readers do.
class CifarSplitStream final : public SplitStream {
public:
    CifarSplitStream(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                     const Progress& progress = {});
    std::vector<SourceFile> finish() override;

protected:
    void read(ImageSet& chunk, std::size_t count) override;

private:
    void loadNextFile();

    CifarLayout m_layout;
    CifarLabels m_labels;
    Progress m_progress;
    std::vector<std::filesystem::path> m_files;
    std::size_t m_nextFile = 0;
    HashedFiles m_hashed;
    SourceFile m_namesSource;
    std::vector<std::uint8_t> m_pixels, m_batchLabels; // the current batch file's
    std::size_t m_taken = 0;                           // of its images, already given
};

} // namespace normlab
