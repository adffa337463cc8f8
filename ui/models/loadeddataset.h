#pragma once

#include <array>
#include <memory>
#include <string>

#include <QMetaType>

#include "core/data/imageset.h"
#include "core/stats/splitstats.h"

namespace normlab {

// Both splits of a data set with their statistics (the test split's zscore/minmax use the train
// split's parameters), computed together on a worker and handed to the GUI read-only. Having
// both lets the GUI switch split and overlay train vs test without recomputing.
struct LoadedDataset {
    std::string datasetId;
    std::array<ImageSet, 2> images; // [0] train, [1] test
    std::array<SplitStats, 2> stats;

    static int indexOf(const std::string& split) { return split == "test" ? 1 : 0; }
    const ImageSet& imagesOf(const std::string& split) const { return images[indexOf(split)]; }
    const SplitStats& statsOf(const std::string& split) const { return stats[indexOf(split)]; }
};

using LoadedDatasetPtr = std::shared_ptr<const LoadedDataset>;

} // namespace normlab

Q_DECLARE_METATYPE(normlab::LoadedDatasetPtr)
