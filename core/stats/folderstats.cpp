#include "core/stats/folderstats.h"

#include <algorithm>
#include <charconv>
#include <memory>

#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/data/formats/codecs/imagedecoder.h"
#include "core/stats/statsaccumulator.h"
#include "core/stats/statspart.h"

namespace normlab {
namespace {

std::optional<std::size_t> parseCount(std::string_view text) {
    std::size_t value = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size() || text.empty()) return std::nullopt;
    return value;
}

} // namespace

Shard Shard::parse(const std::string& text) {
    const auto slash = text.find('/');
    const auto k = slash == std::string::npos ? std::nullopt : parseCount(std::string_view(text).substr(0, slash));
    const auto n = slash == std::string::npos ? std::nullopt : parseCount(std::string_view(text).substr(slash + 1));
    if (!k || !n || *n == 0 || *k >= *n)
        throw Error("--shard '" + text + "': expected K/N with 0 <= K < N, e.g. 0/4 for the first of four parts");
    return {*k, *n};
}

namespace {

struct Accumulated {
    std::unique_ptr<StatsAccumulator> acc;
    std::uint64_t filesBytes = 0; // the sizes of the files read
};

// One pass over files [begin, end) of the listing into an accumulator. Each worker decodes a few
// files and counts them at once, on its own thread and while their pixels are in cache.
Accumulated accumulateFiles(const ImageFolderSplit& listing, std::size_t begin, std::size_t end,
                            const Progress& progress) {
    // The first image's size is the size of the per-pixel maps; they last while all share it.
    std::uint64_t firstBytes = 0;
    const DecodedImage first = decodeImageFile(listing.files[begin].path, &firstBytes);
    auto acc = std::make_unique<StatsAccumulator>(
        StatsLayout{static_cast<int>(listing.classes.size()), 3, first.height, first.width, kStreamedPerSampleBound});
    acc->reserveImages(end - begin);
    acc->addImage(0, first.planar.data(), first.height, first.width, listing.files[begin].label, 0);
    const std::uint64_t restBytes =
        decodeFolderFiles(listing, begin + 1, end, acc->workers(), StatsAccumulator::kImagesPerAdd, progress,
                          [&](unsigned w, std::span<DecodedFile> files) {
                              StatsAccumulator::ImageView views[StatsAccumulator::kImagesPerAdd];
                              for (std::size_t k = 0; k < files.size(); ++k)
                                  views[k] = {files[k].image.planar.data(), files[k].image.height, files[k].image.width,
                                              files[k].label, files[k].index - begin};
                              acc->addImages(w, std::span(views, files.size()));
                          });
    for (unsigned w = 0; w < acc->workers(); ++w)
        acc->finishWorker(w);
    return {std::move(acc), firstBytes + restBytes};
}

std::pair<std::size_t, std::size_t> shardRange(const ImageFolderSplit& listing, Shard shard) {
    const std::size_t begin = shard.begin(listing.files.size()), end = shard.end(listing.files.size());
    if (begin == end)
        throw Error(listing.root.string() + ": shard " + std::to_string(shard.index) + "/" +
                    std::to_string(shard.count) + " holds no file (the split has " +
                    std::to_string(listing.files.size()) + ")");
    return {begin, end};
}

} // namespace

StatsPart streamImageFolderPart(const ImageFolderSplit& listing, const std::optional<NormalizationParams>& trainParams,
                                const Progress& progress, double rangeLow, double rangeHigh, Shard shard) {
    const auto [begin, end] = shardRange(listing, shard);
    StatsPart part;
    part.counts = accumulateFiles(listing, begin, end, progress).acc->counts();
    part.about = describeImageFolder(listing);
    part.about.notes.push_back("shard " + std::to_string(shard.index) + "/" + std::to_string(shard.count) + ": files " +
                               std::to_string(begin) + " to " + std::to_string(end - 1) + " of " +
                               std::to_string(listing.files.size()));
    part.shard = shard;
    part.filesTotal = listing.files.size();
    part.trainParams = trainParams;
    part.rangeLow = rangeLow, part.rangeHigh = rangeHigh;
    progress.update(1.0);
    return part;
}

SplitStats streamImageFolderStats(const ImageFolderSplit& listing,
                                  const std::optional<NormalizationParams>& trainParams, const Progress& progress,
                                  double rangeLow, double rangeHigh, Shard shard) {
    const auto [begin, end] = shardRange(listing, shard);
    const Accumulated pass = accumulateFiles(listing, begin, end, progress);
    // A pass over the whole listing read every file, so it knows the folder's size.
    const bool wholeListing = begin == 0 && end == listing.files.size();
    const ImageSet about = describeImageFolder(listing, wholeListing ? std::optional(pass.filesBytes) : std::nullopt);
    SplitStats stats = pass.acc->finish(about, trainParams, rangeLow, rangeHigh);
    progress.update(1.0);
    return stats;
}

SplitSums streamImageFolderSums(const ImageFolderSplit& listing, const Progress& progress) {
    const unsigned workers = workerCount();
    std::vector<ChannelSums> parts(workers, ChannelSums(3));
    const std::uint64_t filesBytes = decodeFolderFiles(
        listing, 0, listing.files.size(), workers, 1, progress, [&](unsigned w, std::span<DecodedFile> files) {
            for (const DecodedFile& file : files)
                parts[w].addImage(file.image.planar.data(),
                                  static_cast<std::size_t>(file.image.height) * file.image.width);
        });
    SplitSums result{describeImageFolder(listing, filesBytes), ChannelSums(3)};
    for (const ChannelSums& part : parts)
        result.sums += part;
    result.about.count = result.sums.images;
    progress.update(1.0);
    return result;
}

} // namespace normlab
