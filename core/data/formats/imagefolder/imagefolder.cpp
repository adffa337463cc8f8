#include "core/data/formats/imagefolder/imagefolder.h"

#include <algorithm>
#include <atomic>
#include <optional>
#include <set>
#include <utility>

#include <sys/stat.h>
#include <unistd.h>

#include "core/common/error.h"
#include "core/common/parallel.h"
#include "core/common/utf8names.h"
#include "core/data/formats/codecs/imagedecoder.h"

namespace fs = std::filesystem;

namespace normlab {
namespace {

constexpr const char* kSplitFolders[] = {"train", "val", "test"};
constexpr std::size_t kMaxClasses = 256; // ImageSet labels are bytes

bool isDirectory(const fs::path& path) {
    std::error_code ec;
    return fs::is_directory(path, ec);
}

// The sorted names of the folders directly inside `folder`, as torchvision's find_classes.
std::vector<std::string> subfolders(const fs::path& folder) {
    std::vector<std::string> names;
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec)) names.push_back(it->path().filename().string());
    if (ec) throw Error(folder.string() + ": cannot list the folder (" + ec.message() + ")");
    std::sort(names.begin(), names.end()); // bytewise: Python's code-point order for UTF-8 names
    return names;
}

bool holdsImage(const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_regular_file(ec) && hasImageExtension(it->path())) return true;
    return false;
}

bool holdsClassFolderWithImage(const fs::path& folder) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
        if (it->is_directory(ec) && holdsImage(it->path())) return true;
    return false;
}

// A real file or folder, whatever the paths that lead to it: device and inode.
using FileId = std::pair<dev_t, ino_t>;

std::optional<FileId> idOf(const fs::path& path) { // follows links
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return FileId{st.st_dev, st.st_ino};
}

// What one walk of a split has seen: every real folder and image file in the class folders
// (reached without links), then what links added. torchvision's os.walk(followlinks=True) never
// ends on a folder linking to its parent, and counts a linked sibling class twice; here a linked
// folder or file is followed only when it leads somewhere not seen yet.
struct SplitWalk {
    std::set<FileId> folders, files;
    std::vector<std::string> skippedLinks; // "a/loop -> /data/pets/train"
};

// Phase one: the real tree of a class folder, links not followed.
void recordRealTree(const fs::path& classFolder, SplitWalk& walk) {
    if (const auto id = idOf(classFolder)) walk.folders.insert(*id);
    std::error_code ec;
    for (fs::recursive_directory_iterator it(classFolder, fs::directory_options::skip_permission_denied, ec), end;
         !ec && it != end; it.increment(ec)) {
        if (it->is_symlink(ec)) continue;
        if (it->is_directory(ec)) {
            if (const auto id = idOf(it->path())) walk.folders.insert(*id);
        } else if (it->is_regular_file(ec) && hasImageExtension(it->path())) {
            if (const auto id = idOf(it->path())) walk.files.insert(*id);
        }
    }
    if (ec) throw Error(classFolder.string() + ": cannot list the folder (" + ec.message() + ")");
}

// Phase two: the images under one class folder, links followed once, in torchvision's order:
// sorted(os.walk(dir, followlinks=True)), then sorted file names within each folder.
void collectImages(const fs::path& folder, const fs::path& root, bool viaLink, SplitWalk& walk,
                   std::vector<std::pair<std::string, std::string>>& found) {
    std::error_code ec;
    for (fs::directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
         it.increment(ec)) {
        const fs::path& path = it->path();
        const bool link = it->is_symlink(ec);
        if (it->is_directory(ec)) { // follows a link, as is_directory does
            if (link) {
                const auto id = idOf(path);
                if (!id || !walk.folders.insert(*id).second) {
                    walk.skippedLinks.push_back(path.lexically_relative(root).string() + " -> " +
                                                fs::read_symlink(path, ec).string());
                    continue;
                }
                // A linked folder's own subfolders are new too: the walk below records them as it goes.
            } else if (const auto id = idOf(path)) {
                walk.folders.insert(*id); // linked-to trees are recorded here on first visit
            }
            collectImages(path, root, viaLink || link, walk, found);
        } else if (it->is_regular_file(ec) && hasImageExtension(path)) {
            if (link || viaLink) { // reached through a link: it may be a file counted already
                const auto id = idOf(path);
                if (!id || !walk.files.insert(*id).second) {
                    walk.skippedLinks.push_back(path.lexically_relative(root).string() + " -> " +
                                                fs::read_symlink(path, ec).string());
                    continue;
                }
            }
            found.emplace_back(path.parent_path().string(), path.filename().string());
        }
    }
    if (ec) throw Error(folder.string() + ": cannot list the folder (" + ec.message() + ")");
}

std::vector<fs::path> imagesUnder(const fs::path& classFolder, const fs::path& root, SplitWalk& walk) {
    std::vector<std::pair<std::string, std::string>> found; // (folder, file name)
    collectImages(classFolder, root, false, walk, found);
    std::sort(found.begin(), found.end());
    std::vector<fs::path> paths;
    paths.reserve(found.size());
    for (const auto& [dir, name] : found)
        paths.push_back(fs::path(dir) / name);
    return paths;
}

std::size_t halfOfMemory() {
    const long pages = sysconf(_SC_PHYS_PAGES), pageSize = sysconf(_SC_PAGE_SIZE);
    return pages > 0 && pageSize > 0 ? static_cast<std::size_t>(pages) * pageSize / 2 : std::size_t{1} << 31;
}

std::string gigabytes(std::size_t bytes) {
    return std::to_string(bytes / 100'000'000 / 10.0).substr(0, 4) + " GB";
}

} // namespace

bool looksLikeImageFolder(const fs::path& folder) {
    if (!isDirectory(folder)) return false;
    for (const char* split : kSplitFolders)
        if (isDirectory(folder / split) && holdsClassFolderWithImage(folder / split)) return true;
    return holdsClassFolderWithImage(folder);
}

std::vector<std::string> imageFolderSplits(const fs::path& folder) {
    std::vector<std::string> splits;
    for (const char* split : kSplitFolders)
        if (isDirectory(folder / split)) splits.push_back(split);
    if (splits.empty()) splits.push_back("train");
    return splits;
}

ImageFolderSplit listImageFolder(const fs::path& folder, const std::string& split) {
    const auto splits = imageFolderSplits(folder);
    if (std::find(splits.begin(), splits.end(), split) == splits.end()) {
        std::string have;
        for (const auto& s : splits)
            have += (have.empty() ? "" : ", ") + s;
        throw Error(folder.string() + ": no " + split + " split (this image folder has " + have +
                    "; ROOT/train, ROOT/val and ROOT/test folders of class folders make splits)");
    }
    ImageFolderSplit listing;
    listing.root = isDirectory(folder / split) ? folder / split : folder;
    listing.dataset = fs::absolute(folder).lexically_normal().filename().string();
    if (listing.dataset.empty()) listing.dataset = fs::absolute(folder).parent_path().filename().string();
    listing.split = split;
    listing.classes = subfolders(listing.root);
    if (listing.classes.empty())
        throw Error(listing.root.string() + ": no class folders (an image folder holds one folder per class, "
                                            "ROOT/<class>/<image>, as torchvision's ImageFolder reads it)");
    if (listing.classes.size() > kMaxClasses)
        throw Error(listing.root.string() + ": " + std::to_string(listing.classes.size()) +
                    " class folders; NormLab reads up to " + std::to_string(kMaxClasses) + " classes");
    SplitWalk walk;
    // The split's folder and every folder above it: a link to one of them leads back into the split.
    std::error_code ec;
    for (fs::path above = fs::canonical(listing.root, ec); !ec && !above.empty(); above = above.parent_path()) {
        if (const auto id = idOf(above)) walk.folders.insert(*id);
        if (above == above.root_path()) break;
    }
    for (const auto& name : listing.classes)
        recordRealTree(listing.root / name, walk);
    for (std::size_t label = 0; label < listing.classes.size(); ++label) {
        const fs::path classFolder = listing.root / listing.classes[label];
        const auto images = imagesUnder(classFolder, listing.root, walk);
        if (images.empty())
            throw Error(classFolder.string() + ": class folder holds no image (.jpg, .jpeg, .png, .ppm, .bmp, .pgm, "
                                               ".tif, .tiff or .webp); torchvision's ImageFolder refuses it too");
        for (const auto& path : images)
            listing.files.push_back({path, static_cast<int>(label)});
    }
    listing.skippedLinks = std::move(walk.skippedLinks);
    return listing;
}

ImageSet describeImageFolder(const ImageFolderSplit& listing, std::optional<std::uint64_t> filesBytes) {
    // Names as shown and exported (core/common/utf8names.h): a Latin-1 class folder "café" is
    // "caf\xe9"; the listing keeps the real bytes to open the files by.
    ImageSet set;
    set.dataset = utf8Name(listing.dataset);
    set.split = listing.split;
    set.origin = "image folder " + utf8Name(listing.root.string());
    set.channels = 3;
    for (const auto& name : listing.classes)
        set.classNames.push_back(utf8Name(name));
    set.notes.push_back(kImageFolderConversionNote);
    if (!listing.skippedLinks.empty()) {
        constexpr std::size_t kNamed = 3;
        std::string named;
        for (std::size_t i = 0; i < std::min(kNamed, listing.skippedLinks.size()); ++i)
            named += (i ? "; " : "") + utf8Name(listing.skippedLinks[i]);
        if (listing.skippedLinks.size() > kNamed)
            named += "; and " + std::to_string(listing.skippedLinks.size() - kNamed) + " more";
        set.notes.push_back("skipped " + std::to_string(listing.skippedLinks.size()) +
                            " link(s) to folders or images already in the data set, so each real file counts "
                            "once (a link loop would count them again and again): " + named);
    }
    // The folder as one source: its files' total size.
    SourceFile source;
    source.path = utf8Name(listing.root.string());
    source.published = std::to_string(listing.files.size()) + " image files in " +
                       std::to_string(listing.classes.size()) + " class folders";
    if (filesBytes) {
        source.bytes = *filesBytes;
    } else {
        std::error_code ec;
        for (const auto& file : listing.files)
            source.bytes += fs::file_size(file.path, ec);
    }
    set.sources.push_back(source);
    return set;
}

std::uint64_t decodeFolderFiles(const ImageFolderSplit& listing, std::size_t begin, std::size_t end, unsigned workers,
                                std::size_t batch, const Progress& progress,
                                const std::function<void(unsigned worker, std::span<DecodedFile> files)>& consume) {
    const std::size_t total = end - begin;
    std::atomic<std::size_t> next{begin}, done{0};
    std::atomic<std::uint64_t> filesBytes{0};
    parallelRanges(workers, workers, [&](unsigned w, std::size_t, std::size_t) {
        std::vector<DecodedFile> files(std::max<std::size_t>(batch, 1));
        for (bool more = true; more;) {
            std::size_t n = 0;
            for (; n < files.size(); ++n) {
                const std::size_t i = next++;
                if (i >= end) {
                    more = false;
                    break;
                }
                progress.throwIfStopped();
                std::uint64_t bytes = 0;
                files[n] = {decodeImageFile(listing.files[i].path, &bytes), i, listing.files[i].label};
                filesBytes += bytes;
            }
            if (n == 0) break;
            consume(w, std::span(files.data(), n));
            const std::size_t finished = done += n;
            if (w == 0 && finished % 64 < n) progress.update(static_cast<double>(finished) / total);
        }
    });
    return filesBytes.load();
}

ImageSet loadImageFolder(const ImageFolderSplit& listing, const Progress& progress, std::size_t memoryLimit) {
    if (memoryLimit == 0) memoryLimit = halfOfMemory();
    // Decode in chunks so the memory check fires before the machine runs out, not after.
    constexpr std::size_t kChunkFiles = 4096;
    ImageSet set = describeImageFolder(listing, 0); // the folder's size follows from the pass below
    std::uint64_t filesBytes = 0;
    for (std::size_t begin = 0; begin < listing.files.size(); begin += kChunkFiles) {
        const std::size_t end = std::min(listing.files.size(), begin + kChunkFiles);
        const double share = static_cast<double>(end - begin) / listing.files.size();
        std::vector<DecodedImage> decoded(end - begin);
        filesBytes += decodeFolderFiles(listing, begin, end, workerCount(), 1,
                                        progress.part(static_cast<double>(begin) / listing.files.size(), share),
                                        [&](unsigned, std::span<DecodedFile> files) {
                                            for (DecodedFile& file : files)
                                                decoded[file.index - begin] = std::move(file.image);
                                        });
        for (std::size_t i = 0; i < decoded.size(); ++i) {
            if (set.pixels.size() + decoded[i].planar.size() > memoryLimit)
                throw Error(listing.root.string() + ": the decoded images need more than " + gigabytes(memoryLimit) +
                            " of memory, more than NormLab holds for viewing and training; 'normlab-cli stats' "
                            "streams folders of any size");
            set.shapes.push_back({decoded[i].height, decoded[i].width, set.pixels.size()});
            set.pixels.insert(set.pixels.end(), decoded[i].planar.begin(), decoded[i].planar.end());
            std::vector<std::uint8_t>().swap(decoded[i].planar); // keep the peak near one copy
            set.labels.push_back(static_cast<std::uint8_t>(listing.files[begin + i].label));
        }
    }
    set.sources.front().bytes = filesBytes;
    set.count = set.shapes.size();
    // Every image its own shape while loading; a folder of one size is an ordinary set.
    const bool oneSize = std::all_of(set.shapes.begin(), set.shapes.end(), [&](const ImageShape& s) {
        return s.height == set.shapes.front().height && s.width == set.shapes.front().width;
    });
    if (oneSize && !set.shapes.empty()) {
        set.height = set.shapes.front().height;
        set.width = set.shapes.front().width;
        set.shapes.clear();
    }
    progress.update(1.0);
    return set;
}

} // namespace normlab
