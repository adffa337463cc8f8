#pragma once

#include <cstdint>
#include <vector>

namespace normlab {

struct Histogram;

// A fine fixed-range histogram for per-sample values, whose range is known before the pass:
// Samuelson's inequality bounds every standardized value of a P-pixel image by sqrt(P - 1).
// Percentiles and the display histogram come from it, accurate to one fine bin.
class FineHistogram {
public:
    static constexpr int kBins = 8192;

    FineHistogram() = default;
    explicit FineHistogram(double bound);

    void add(double value, std::uint64_t count) { m_counts[binOf(value)] += count; }
    // Adds counts[values[i]] at value values[i] * scale + offset for each of the n values: the
    // per-sample hot loop, with the bin arithmetic folded into one multiply-add.
    void addAffine(const std::uint8_t* values, int n, const std::uint32_t* counts, double scale, double offset) {
        const double a = scale * m_invWidth, b = (offset + m_bound) * m_invWidth;
        std::uint64_t* bins = m_counts.data();
        for (int i = 0; i < n; ++i) {
            const int v = values[i];
            int bin = static_cast<int>(v * a + b);
            bin = bin < 0 ? 0 : (bin >= kBins ? kBins - 1 : bin);
            bins[bin] += counts[v];
        }
    }
    FineHistogram& operator+=(const FineHistogram& other);

    double bound() const { return m_bound; }
    const std::vector<std::uint64_t>& counts() const { return m_counts; }
    void addToBin(int bin, std::uint64_t count) { m_counts.at(static_cast<std::size_t>(bin)) += count; }
    double binWidth() const { return 2 * m_bound / kBins; }
    std::uint64_t total() const;
    // Quantile with linear interpolation between order statistics, each taken at its bin centre.
    double quantile(double q) const;
    // Rebins into `bins` equal bins over [lo, hi] by fine-bin centre.
    Histogram rebin(double lo, double hi, int bins) const;

private:
    int binOf(double value) const {
        int b = static_cast<int>((value + m_bound) * m_invWidth);
        return b < 0 ? 0 : (b >= kBins ? kBins - 1 : b);
    }
    double centre(int bin) const { return -m_bound + (bin + 0.5) * binWidth(); }
    double valueAtRank(std::uint64_t rank) const;

    double m_bound = 1.0;
    double m_invWidth = kBins / 2.0;
    std::vector<std::uint64_t> m_counts = std::vector<std::uint64_t>(kBins, 0);
};

} // namespace normlab
