#pragma once

#include <array>
#include <memory>
#include <string>

#include <QMetaType>

#include "core/data/imagesource.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Both splits of a data set with their statistics (the test split's zscore/minmax use the train
// split's parameters), handed to the GUI read-only. Having both lets the GUI switch split and
// overlay train vs test without recomputing. The images are sources: a split held in memory, or
// an image folder's index that decodes an image when a view asks (a folder larger than memory).
// A folder is handed over twice: indexed (statsReady false, so the images can be browsed while
// its statistics are counted), then with its statistics.
struct LoadedDataset {
    std::string datasetId;
    std::array<ImageSourcePtr, 2> images; // [0] train, [1] test
    std::array<SplitStats, 2> stats;
    bool statsReady = false;

    static int indexOf(const std::string& split) { return split == "test" ? 1 : 0; }
    // The split without its pixels (count, labels, class names, channels, notes).
    const ImageSet& imagesOf(const std::string& split) const { return images[indexOf(split)]->about(); }
    const ImageSource& sourceOf(const std::string& split) const { return *images[indexOf(split)]; }
    const SplitStats& statsOf(const std::string& split) const { return stats[indexOf(split)]; }
};

using LoadedDatasetPtr = std::shared_ptr<const LoadedDataset>;

} // namespace normlab

Q_DECLARE_METATYPE(normlab::LoadedDatasetPtr)
