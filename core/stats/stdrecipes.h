#pragma once

#include <vector>

#include "core/stats/splitstats.h"

namespace normlab {

// A split's per-channel std by each recipe people use for Normalize constants, in pixel/255
// units, with the decomposition that explains the gap between them. One value per channel each.
struct StdRecipes {
    std::vector<double> mean;           // the pooled mean: the same for every recipe
    std::vector<double> population;     // pooled over every pixel, divide by N (NormLab's Normalize line)
    std::vector<double> unbiased;       // pooled, divide by N-1 (torch.std over the whole split)
    std::vector<double> meanOfImageStd; // mean over images of each image's std (x.std(dim=(2,3)).mean(0))
    // population^2 = within + between: the mean within-image variance plus the variance of the
    // image means. The mean of per-image stds misses `between` (and, being a mean of square
    // roots, a little of `within`), so it is always smaller than the pooled std.
    std::vector<double> within, between;
    // Over all channels together, for colour data (a colour image's own std is taken over all its
    // channels, so this is what it compares with): the std pooled over every channel's pixels, and
    // the mean over images of each image's std. For one channel, the same as the above.
    double pooledStdAllChannels = 0;
    double meanOfImageStdAllChannels = 0;
};

StdRecipes stdRecipes(const SplitStats& stats);

} // namespace normlab
