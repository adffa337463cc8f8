#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <QString>
#include <QStringList>

#include "core/data/imageset.h"
#include "core/data/imagesource.h"

namespace normlab::test {

// A small image set with a skewed, MNIST-like byte distribution (mostly zeros, some 255s), so
// ties, empty bins and extremes are all exercised.
ImageSet randomImageSet(std::size_t count, int classes, std::uint64_t seed, int channels = 1, int height = 6,
                        int width = 5);

// The same distribution in images of mixed sizes (1..maxSide on each side), as an image folder
// may hold them.
ImageSet randomMixedSizeSet(std::size_t count, int classes, std::uint64_t seed, int channels, int maxSide);

// A source's images back as one ImageSet, pixels included as the source gives them (an image
// folder's decoded), to compare what a view shows with. One size: height and width set, no shapes.
ImageSet wholeSplit(const ImageSource& source);

// Writes the four IDX files of a data set into dir (plain or .gz).
void writeIdxDataset(const std::filesystem::path& dir, const ImageSet& train, const ImageSet& test, bool gzipped);

void writeBytes(const std::filesystem::path& path, const std::vector<std::uint8_t>& bytes);

// An IDX header followed by data bytes, for hand-made malformed files.
std::vector<std::uint8_t> idxBytes(std::uint8_t type, const std::vector<std::uint32_t>& dims, std::size_t dataBytes);

// Debian 12's real FashionMNIST (package dataset-fashion-mnist): its folder, or an empty path
// when the package is not installed (tests then QSKIP, saying so). Its pixels/255 have mean
// 0.2860405969887955 and population std 0.3530242445149226 (the lesson's 0.2860 / 0.3530).
std::filesystem::path debianFashionMnist();
inline constexpr double kFashionMnistMean = 0.2860405969887955;
inline constexpr double kFashionMnistStd = 0.3530242445149226;
// The XDG_DATA_DIRS value under which NormLab finds it (its parent's parent, /usr/share).
inline constexpr const char* kDebianDataDirs = "/usr/share";

// A python3 that imports every module in `modules` (e.g. "numpy", "PIL"): the one on PATH, else
// Debian's /usr/bin/python3 (python3-numpy, python3-pil), which a pyenv or virtualenv python3 earlier
// on PATH does not see. Empty when there is none; tests then QSKIP, saying which package to install.
QString pythonWith(const QStringList& modules);

// Files (regular, any depth) in dir, for "nothing partial was left behind" checks.
std::vector<std::string> filesIn(const std::filesystem::path& dir);

} // namespace normlab::test
