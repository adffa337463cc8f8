#include "core/stats/stdrecipes.h"

#include <cmath>
#include <numeric>

namespace normlab {

StdRecipes stdRecipes(const SplitStats& stats) {
    StdRecipes r;
    const MethodStats& none = stats.method(Method::None);
    for (int c = 0; c < stats.channels; ++c) {
        const ChannelSummary& s = none.channels.at(static_cast<std::size_t>(c));
        const double n = static_cast<double>(stats.bytes.at(static_cast<std::size_t>(c)).total());
        r.mean.push_back(s.mean);
        r.population.push_back(s.std);
        r.unbiased.push_back(n > 1 ? s.std * std::sqrt(n / (n - 1)) : 0.0);
        const ImageMomentSums& m = stats.imageMoments.at(static_cast<std::size_t>(c));
        r.meanOfImageStd.push_back(m.meanOfImageStd());
        r.within.push_back(m.withinVariance());
        r.between.push_back(m.betweenVariance());
    }
    ByteHistogram all;
    for (const ByteHistogram& c : stats.bytes)
        all += c;
    r.pooledStdAllChannels = all.populationStd() / 255.0;
    r.meanOfImageStdAllChannels =
        stats.imageStd.empty() ? 0.0
                               : std::accumulate(stats.imageStd.begin(), stats.imageStd.end(), 0.0) /
                                     static_cast<double>(stats.imageStd.size());
    return r;
}

} // namespace normlab
