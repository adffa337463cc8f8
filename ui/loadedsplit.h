#pragma once

#include <memory>

#include <QMetaType>

#include "core/data/imageset.h"
#include "core/stats/splitstats.h"

namespace normlab {

// A split and its statistics, computed together on a worker and handed to the GUI read-only.
struct LoadedSplit {
    ImageSet images;
    SplitStats stats;
};

using LoadedSplitPtr = std::shared_ptr<const LoadedSplit>;

} // namespace normlab

Q_DECLARE_METATYPE(normlab::LoadedSplitPtr)
