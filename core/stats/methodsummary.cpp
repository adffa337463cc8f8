#include "core/stats/methodsummary.h"

#include <cmath>

namespace normlab {

MethodStats affineMethodStats(Method method, const std::vector<ByteHistogram>& bytes,
                              const NormalizationParams& params) {
    MethodStats m;
    m.method = method;
    m.exact = true;
    for (std::size_t c = 0; c < bytes.size(); ++c) {
        const ByteHistogram& h = bytes[c];
        const Affine a = affineFor(method, params, static_cast<int>(c));
        ChannelSummary s;
        if (h.total() > 0) {
            s.mean = a.apply(h.mean());
            s.std = std::abs(a.scale) * h.populationStd();
            s.min = a.apply(h.min());
            s.max = a.apply(h.max());
            s.p1 = a.apply(h.quantile(0.01));
            s.p50 = a.apply(h.quantile(0.50));
            s.p99 = a.apply(h.quantile(0.99));
        }
        Histogram hist;
        for (int v = 0; v <= kHistogramBins; ++v)
            hist.edges.push_back(a.apply(v - 0.5));
        hist.counts.assign(h.counts.begin(), h.counts.end());
        m.channels.push_back(s);
        m.histograms.push_back(std::move(hist));
        m.affine.push_back(a);
    }
    return m;
}

} // namespace normlab
