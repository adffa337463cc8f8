#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "core/data/splitstream.h"

namespace normlab {

// One IDX split as a stream: the labels file is read whole (a byte an image), the images file
// (plain or .gz) a chunk at a time through a ContentReader, which digests it on the way. The same
// checks and results as loadIdxSplit; the data's end is checked when the last image was read (a
// .gz file's size is known only then).
class IdxSplitStream : public SplitStream {
public:
    IdxSplitStream(const std::filesystem::path& images, const std::filesystem::path& labels,
                   const std::vector<std::string>& classNames, bool transposed);
    ~IdxSplitStream() override;
    std::vector<SourceFile> finish() override;
    std::optional<SplitFileIndex> fileIndex() const override; // plain files only

protected:
    void read(ImageSet& chunk, std::size_t count) override;

private:
    struct State;
    std::unique_ptr<State> m_state;
};

} // namespace normlab
