#pragma once

#include <string>

#include "core/data/imageset.h"

namespace normlab {

// For data of unknown classes (labels 0..max taken as the classes): when some labels in between
// have no image (say 0-9 and 200), a note saying so, which front ends print as a warning and
// exports carry — rather than 190 silent empty classes. Empty when there is no gap.
std::string labelGapNote(const ImageSet& set);

} // namespace normlab
