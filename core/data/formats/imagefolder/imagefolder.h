#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/progress.h"
#include "core/data/formats/codecs/imagedecoder.h"
#include "core/data/imageset.h"

namespace normlab {

// One split of a torchvision ImageFolder tree: ROOT/<class>/**/<image>, classes the sorted names of
// the class folders (class_to_idx), files in the order torchvision's make_dataset lists them.
struct ImageFolderSplit {
    std::filesystem::path root; // the folder holding the class folders
    std::string dataset;        // the tree's name, e.g. "imagenette2"
    std::string split;          // "train", "val" or "test"
    std::vector<std::string> classes;
    struct File {
        std::filesystem::path path;
        int label = 0;
    };
    std::vector<File> files;
    // Links not followed because they lead to a folder or image the split already holds (a loop,
    // a sibling class): "class/link -> target". Each real file counts once.
    std::vector<std::string> skippedLinks;
};

// The note every image-folder export carries: how the files were turned into pixels.
inline constexpr const char* kImageFolderConversionNote =
    "decoded as torchvision's default loader does, PIL Image.open(f).convert(\"RGB\"): grey and palette images "
    "become RGB, alpha is dropped";

// True when the folder looks like an image folder: a split folder (train/val/test) or a class
// folder directly inside it holds an image file.
bool looksLikeImageFolder(const std::filesystem::path& folder);

// The splits of an image folder: those of train/, val/ and test/ that exist; a folder of class
// folders without them is one split, "train".
std::vector<std::string> imageFolderSplits(const std::filesystem::path& folder);

// Lists one split. Throws Error naming the folder when the split is missing, there are no class
// folders, a class folder holds no image (as torchvision refuses it), or there are too many classes
// for NormLab's labels (256).
ImageFolderSplit listImageFolder(const std::filesystem::path& folder, const std::string& split);

// One decoded file of a listing and its place there.
struct DecodedFile {
    DecodedImage image;
    std::size_t index = 0; // in listing.files
    int label = 0;
};

// Decodes the files [begin, end) of a listing on `workers` threads. Each worker takes the next
// files as it finishes (decode times vary with image size), up to `batch` at a time, and hands
// them to consume(worker, files) on its own thread while their pixels are in cache; only those few
// images per worker are in memory. Progress is the share of files done; the stop token is checked
// before each file (throws Cancelled). Throws Error naming a file that fails to decode. Returns
// the total size of the files read.
std::uint64_t decodeFolderFiles(const ImageFolderSplit& listing, std::size_t begin, std::size_t end, unsigned workers,
                                std::size_t batch, const Progress& progress,
                                const std::function<void(unsigned worker, std::span<DecodedFile> files)>& consume);

// Every image of a split decoded on all cores, held in memory (for the image view and training).
// Throws Error naming the broken file if one fails to decode, and refuses a split whose pixels
// would not fit in memoryLimit bytes (0: half the machine's memory), pointing at `normlab-cli
// stats`, which streams.
ImageSet loadImageFolder(const ImageFolderSplit& listing, const Progress& progress = {}, std::size_t memoryLimit = 0);

// The ImageSet fields that describe a listing without its pixels (names, origin, notes, and the
// folder as one source). The source's size is the total of the files' sizes: pass it when a pass
// over every file of the listing has counted it, else each file is stat'ed.
ImageSet describeImageFolder(const ImageFolderSplit& listing, std::optional<std::uint64_t> filesBytes = std::nullopt);

} // namespace normlab
