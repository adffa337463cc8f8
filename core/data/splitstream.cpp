#include "core/data/splitstream.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/data/formats/cifar/cifarsplitstream.h"
#include "core/data/formats/idx/idxsplitstream.h"
#include "core/data/formats/numpy/numpysplitstream.h"

namespace normlab {

ImageSet SplitStream::next(std::size_t maxImages) {
    ImageSet chunk;
    chunk.channels = m_about.channels;
    chunk.height = m_about.height;
    chunk.width = m_about.width;
    chunk.count = std::min(maxImages, m_about.count - m_given);
    if (chunk.count == 0) return chunk;
    read(chunk, chunk.count);
    m_given += chunk.count;
    return chunk;
}

LoadedSplitStream::LoadedSplitStream(ImageSet set) : m_set(std::move(set)) {
    if (!m_set.uniformSize()) throw Error("internal: a split of mixed image sizes is not streamed in chunks");
    m_about = m_set;
    std::vector<std::uint8_t>().swap(m_about.pixels);
    std::vector<std::uint8_t>().swap(m_about.labels);
}

void LoadedSplitStream::read(ImageSet& chunk, std::size_t count) {
    const std::size_t bytes = m_set.pixelsPerImage();
    const auto first = m_set.pixels.begin() + static_cast<std::ptrdiff_t>(m_given * bytes);
    chunk.pixels.assign(first, first + static_cast<std::ptrdiff_t>(count * bytes));
    const auto label = m_set.labels.begin() + static_cast<std::ptrdiff_t>(m_given);
    chunk.labels.assign(label, label + static_cast<std::ptrdiff_t>(count));
}

std::vector<SourceFile> LoadedSplitStream::finish() {
    return m_set.sources;
}

std::unique_ptr<SplitStream> openSplitStream(const DatasetRequest& request, const std::string& split,
                                             const Progress& progress) {
    if (!isValidSplit(split)) throw Error("unknown split '" + split + "' (expected train, val or test)");
    std::unique_ptr<SplitStream> stream;
    switch (datasetKind(request)) {
    case DatasetKind::Catalog:
    case DatasetKind::IdxFolder:
    case DatasetKind::Cifar:
        if (const auto idx = idxSplitFiles(request, split)) {
            stream = std::make_unique<IdxSplitStream>(idx->images, idx->labels, idx->classNames, idx->transposed);
            stream->describe(idx->dataset, split, idx->origin);
        } else if (const auto cifar = cifarSplitFolder(request)) { // batch file by batch file
            stream = std::make_unique<CifarSplitStream>(cifar->layout, split, cifar->labels, progress);
            stream->describe(cifar->dataset, split, cifar->origin);
        }
        break;
    case DatasetKind::NumpyPair: {
        const auto files = numpyPairFiles(resolveDatasetId(request), split);
        stream = openNpyPairStream(files.images, files.labels, split);
        break;
    }
    case DatasetKind::MedMnistNpz:
        stream = openMedMnistNpzStream(resolveDatasetId(request), split);
        break;
    default:
        break;
    }
    if (stream && request.coarseLabels && stream->about().dataset != "cifar100")
        throw Error(resolveDatasetId(request) + ": coarse labels are CIFAR-100's 20 superclasses; this data set has none");
    // The rest (generated digits, image folders) is read whole.
    if (!stream) stream = std::make_unique<LoadedSplitStream>(openSplit(request, split, progress));
    stream->limitTo(request.limit);
    return stream;
}

} // namespace normlab
