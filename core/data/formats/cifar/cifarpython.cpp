// CIFAR's python form: each file one pickled dict (cifarbatch.h says which entries are read).
#include "core/data/formats/cifar/cifarbatch.h"
#include "core/data/formats/cifar/cifarsplit.h"
#include "core/data/hashedfile.h"
#include "core/data/formats/pickle/picklereader.h"

namespace normlab {

ImageSet readCifarPythonSplit(const CifarLayout& layout, const std::string& split, CifarLabels labels,
                              const Progress& progress) {
    ImageSet set = startCifarSplit(layout, split, labels);
    const auto files = layout.splitFiles(split);
    const double steps = static_cast<double>(files.size()) + 1;
    { // the names first: a broken meta file fails before 150 MB of batches are read
        const auto path = layout.namesFile(labels);
        HashedFile file(path, HashedFile::Digests::Sha256);
        const Pickle meta = parsePickle(file.bytes(), path.string());
        set.classNames = decodeCifarNames(meta.root(), layout, labels, path.string());
        set.sources.push_back(file.source());
        progress.update(1 / steps);
    }
    HashedFiles batches(kCifarFilesMapped);
    for (std::size_t i = 0; i < files.size(); ++i) {
        progress.throwIfStopped();
        const std::string name = files[i].string();
        HashedFile& file = batches.open(files[i], HashedFile::Digests::Sha256);
        const Pickle pickle = parsePickle(file.bytes(), name); // views into file.bytes(): no copy
        const CifarBatch batch = decodeCifarBatch(pickle.root(), layout, labels, name);
        if (i == 0) { // CIFAR's batches are all the same size
            set.pixels.reserve(batch.pixels.size() * files.size());
            set.labels.reserve(batch.count() * files.size());
        }
        set.pixels.insert(set.pixels.end(), batch.pixels.begin(), batch.pixels.end());
        set.labels.insert(set.labels.end(), batch.labels.begin(), batch.labels.end());
        set.count += batch.count();
        progress.update(static_cast<double>(i + 2) / steps);
    }
    for (auto& source : batches.sources())
        set.sources.push_back(std::move(source));
    return set;
}

} // namespace normlab
