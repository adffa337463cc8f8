#include "core/stats/splitpair.h"

#include "core/common/error.h"
#include "core/data/formats/imagefolder/imagefolder.h"
#include "core/stats/folderstats.h"
#include "core/stats/statsengine.h"
#include "core/stats/streamstats.h"

namespace normlab {
namespace {

// Shares of the progress: the train split is six times the test split; counting is a fast pass.
constexpr double kTrainShare = 0.7, kTestShare = 0.2, kCountShare = 0.1;

// A split with no images but the train split's description, for data sets with nothing held out.
ImageSet emptyLike(const ImageSet& train) {
    ImageSet empty;
    empty.dataset = train.dataset;
    empty.origin = train.origin;
    empty.channels = train.channels;
    empty.height = train.height;
    empty.width = train.width;
    empty.classNames = train.classNames;
    return empty;
}

} // namespace

SplitPair loadSplitPair(const DatasetRequest& request, const Progress& progress, double minmaxLow, double minmaxHigh) {
    SplitPair pair;
    pair.train = openSplit(request, "train", progress.part(0, kTrainShare));
    const std::string heldOut = heldOutSplit(request);
    pair.test =
        heldOut.empty() ? emptyLike(pair.train) : openSplit(request, heldOut, progress.part(kTrainShare, kTestShare));
    pair.params = normalizationParamsFrom(countBytes(pair.train, progress.part(kTrainShare + kTestShare, kCountShare)),
                                          minmaxLow, minmaxHigh);
    progress.update(1.0);
    return pair;
}

namespace {

// An image folder's split listed as --limit asks.
ImageFolderSplit folderListing(const DatasetRequest& request, const std::string& split) {
    auto listing = listImageFolder(resolveDatasetId(request), split);
    if (request.limit && request.limit < listing.files.size()) listing.files.resize(request.limit);
    return listing;
}

// The train split's parameters of an image folder: one streamed pass of sums over it (the same
// numbers as its complete statistics, without their histograms).
NormalizationParams folderTrainParams(const DatasetRequest& request, double minmaxLow, double minmaxHigh,
                                      const Progress& progress) {
    return streamImageFolderSums(folderListing(request, "train"), progress).sums.params(minmaxLow, minmaxHigh);
}

} // namespace

SplitStats splitStats(const DatasetRequest& request, const std::string& split, double minmaxLow, double minmaxHigh,
                      const Progress& progress) {
    if (datasetKind(request) == DatasetKind::ImageFolder) {
        // Streamed, so a folder larger than memory works; another split's parameters take a pass
        // over the train split first.
        if (split == "train")
            return streamImageFolderStats(folderListing(request, split), std::nullopt, progress, minmaxLow, minmaxHigh);
        const auto params = folderTrainParams(request, minmaxLow, minmaxHigh, progress.part(0, 0.5));
        return streamImageFolderStats(folderListing(request, split), params, progress.part(0.5, 0.5), minmaxLow,
                                      minmaxHigh);
    }
    // Every other kind streams a chunk at a time; another split's parameters take a pass of sums
    // over the train split first.
    if (split == "train") return streamSplitStats(*openSplitStream(request, split), std::nullopt, progress, minmaxLow, minmaxHigh);
    const auto params =
        streamSplitSums(*openSplitStream(request, "train"), progress.part(0, 0.3)).sums.params(minmaxLow, minmaxHigh);
    return streamSplitStats(*openSplitStream(request, split), params, progress.part(0.3, 0.7), minmaxLow, minmaxHigh);
}

namespace {

// A split of a plain IDX or .npy file larger than heldBytesLimit, read from its file; else null.
ImageSourcePtr arrayFileImages(const DatasetRequest& request, const std::string& split, std::uint64_t heldBytesLimit) {
    // Only IDX and .npy files can be (a catalog CIFAR is not: its stream would count every batch
    // file to say so).
    const auto kind = datasetKind(request);
    const bool idx = (kind == DatasetKind::Catalog || kind == DatasetKind::IdxFolder) && idxSplitFiles(request, split);
    if (!idx && kind != DatasetKind::NumpyPair) return nullptr;
    const auto stream = openSplitStream(request, split);
    const ImageSet& about = stream->about();
    if (std::uint64_t{about.pixelsPerImage()} * about.count <= heldBytesLimit) return nullptr;
    auto index = stream->fileIndex();
    if (!index) return nullptr;
    return std::make_shared<ArrayFileImages>(about, std::move(*index));
}

} // namespace

std::optional<SplitSources> indexSplits(const DatasetRequest& request, std::uint64_t heldBytesLimit) {
    SplitSources sources;
    const std::string heldOut = heldOutSplit(request);
    if (datasetKind(request) == DatasetKind::ImageFolder) {
        sources.train = std::make_shared<FolderImages>(folderListing(request, "train"));
        if (!heldOut.empty()) sources.test = std::make_shared<FolderImages>(folderListing(request, heldOut));
    } else {
        sources.train = arrayFileImages(request, "train", heldBytesLimit);
        if (!sources.train) return std::nullopt;
        if (!heldOut.empty()) sources.test = arrayFileImages(request, heldOut, 0);
        if (!heldOut.empty() && !sources.test)
            return std::nullopt; // a held-out split held, the train one not: load both
    }
    if (!sources.test) sources.test = heldImages(emptyLike(sources.train->about()));
    return sources;
}

std::array<SplitStats, 2> indexedPairStats(const DatasetRequest& request, const SplitSources& sources,
                                           const Progress& progress) {
    constexpr double kIndexedTrainShare = 0.8;
    const auto trainPart = progress.part(0, kIndexedTrainShare);
    const auto testPart = progress.part(kIndexedTrainShare, 1 - kIndexedTrainShare);
    std::array<SplitStats, 2> stats;
    const auto* trainFolder = dynamic_cast<const FolderImages*>(sources.train.get());
    const auto* testFolder = dynamic_cast<const FolderImages*>(sources.test.get());
    stats[0] = trainFolder ? streamImageFolderStats(trainFolder->listing(), std::nullopt, trainPart)
                           : streamSplitStats(*openSplitStream(request, "train"), std::nullopt, trainPart);
    if (sources.test->count() == 0)
        stats[1] = computeStats(emptyLike(sources.train->about()), stats[0].params, testPart);
    else if (testFolder)
        stats[1] = streamImageFolderStats(testFolder->listing(), stats[0].params, testPart);
    else
        stats[1] = streamSplitStats(*openSplitStream(request, heldOutSplit(request)), stats[0].params, testPart);
    progress.update(1.0);
    return stats;
}

SplitSums splitSums(const DatasetRequest& request, const std::string& split, const Progress& progress) {
    if (datasetKind(request) == DatasetKind::ImageFolder)
        return streamImageFolderSums(folderListing(request, split), progress);
    return streamSplitSums(*openSplitStream(request, split), progress);
}

StatsPart splitStatsPart(const DatasetRequest& request, const std::string& split, double minmaxLow, double minmaxHigh,
                         const Progress& progress, Shard shard) {
    if (datasetKind(request) != DatasetKind::ImageFolder)
        throw Error("--shard splits image folders; " + resolveDatasetId(request) + " is read whole");
    if (split == "train")
        return streamImageFolderPart(folderListing(request, split), std::nullopt, progress, minmaxLow, minmaxHigh,
                                     shard);
    const auto params = folderTrainParams(request, minmaxLow, minmaxHigh, progress.part(0, 0.5));
    return streamImageFolderPart(folderListing(request, split), params, progress.part(0.5, 0.5), minmaxLow, minmaxHigh,
                                 shard);
}

} // namespace normlab
