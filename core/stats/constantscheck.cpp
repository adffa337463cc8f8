#include "core/stats/constantscheck.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "core/common/error.h"
#include "core/stats/publishedconstants.h"

namespace normlab {
namespace {

std::vector<double> broadcast(const std::vector<double>& values, int channels, const char* what) {
    if (static_cast<int>(values.size()) == channels) return values;
    if (values.size() == 1) return std::vector<double>(static_cast<std::size_t>(channels), values.front());
    throw Error("the data has " + std::to_string(channels) + " channel(s) but the Normalize has " +
                std::to_string(values.size()) + " " + what + " values");
}

double largestDifference(const NormalizeConstants& c, const std::vector<double>& mean, const std::vector<double>& std) {
    double d = 0;
    for (std::size_t i = 0; i < c.mean.size(); ++i)
        d = std::max({d, std::abs(c.mean[i] - mean[i]), std::abs(c.std[i] - std[i])});
    return d;
}

std::string fixed(const std::vector<double>& values, int decimals) {
    std::string out;
    for (double v : values) {
        char text[32];
        std::snprintf(text, sizeof text, "%.*f", decimals, v);
        out += (out.empty() ? "" : ", ") + std::string(text);
    }
    return out;
}

std::string verdictFor(const ConstantsCheck& k, const std::string& dataset) {
    const std::string after =
        "after this Normalize the data has mean (" + fixed(k.afterMean, 3) + ") and std (" + fixed(k.afterStd, 3) + ")";
    const std::string own = "this data set's own are Normalize(" + constantsTuple(k.recipes.mean) + ", " +
                            constantsTuple(k.recipes.population) + ")";
    if (!k.match)
        return "These constants match none of " + dataset + "'s recipes nor a published set NormLab knows: " + after +
               ", not 0 and 1 — " + own + ".";
    const ConstantsCandidate& m = *k.match;
    const std::string published =
        k.alsoPublished ? " They are also published as " + k.alsoPublished->name + " (" + k.alsoPublished->source + ")."
                        : std::string();
    if (m.name == "population" || m.name == "unbiased")
        return "These are " + dataset + "'s own pooled mean and std (" +
               (m.name == "population" ? std::string("population std, dividing by N, as NormLab's Normalize line")
                                       : std::string("torch.std's unbiased N-1 std, the same to 4 decimals here")) +
               "): " + after + ", as intended." + published;
    if (m.name == "mean_of_image_std")
        return "The std is the mean of per-image stds (x.std(dim=(2,3)).mean(0)), not the data's std: " + after +
               ", not 1. Each image's std leaves out how much the image means differ (between-image variance " +
               fixed(k.recipes.between, 4) + " of " + fixed(k.recipes.population, 4) + "^2) — use " +
               constantsTuple(k.recipes.population) + " as the std." + published;
    if (m.name == "swapped") return "The mean and std are swapped: " + after + " — " + own + "." + published;
    return "These are the published " + m.name + " constants (" + m.source + "; " + m.how + "), not " + dataset +
           "'s own: " + after + " — " + own + ".";
}

} // namespace

std::string constantsTuple(const std::vector<double>& values) {
    return "(" + fixed(values, 4) + (values.size() == 1 ? ",)" : ")");
}

ConstantsCheck checkConstants(const SplitStats& stats, NormalizeConstants constants) {
    ConstantsCheck k;
    constants.mean = broadcast(constants.mean, stats.channels, "mean");
    constants.std = broadcast(constants.std, stats.channels, "std");
    k.constants = constants;
    k.recipes = stdRecipes(stats);
    for (int c = 0; c < stats.channels; ++c) {
        const ByteHistogram& bytes = stats.bytes.at(static_cast<std::size_t>(c));
        const double m = constants.mean[c], s = constants.std[c];
        const auto value = [&](int v) { return (v / 255.0 - m) / s; };
        k.afterMean.push_back((k.recipes.mean[c] - m) / s);
        k.afterStd.push_back(k.recipes.population[c] / s);
        k.afterMin.push_back(value(std::max(0, bytes.min())));
        k.afterMax.push_back(value(std::max(0, bytes.max())));
        std::uint64_t beyond = 0;
        for (int v = 0; v < 256; ++v)
            if (std::abs(value(v)) > 3) beyond += bytes.counts[v];
        const std::uint64_t total = bytes.total();
        k.beyondThree.push_back(total ? static_cast<double>(beyond) / static_cast<double>(total) : 0.0);
    }

    const std::string self = "this data set (" + stats.dataset + ", " + stats.split + ")";
    const StdRecipes& r = k.recipes;
    k.candidates = {{"population", self, "pooled mean and population std over every pixel (divide by N)",
                     largestDifference(constants, r.mean, r.population)},
                    {"unbiased", self, "pooled mean and unbiased std (divide by N-1, torch.std's default)",
                     largestDifference(constants, r.mean, r.unbiased)},
                    {"mean_of_image_std", self, "pooled mean and the mean of per-image stds (x.std(dim=(2,3)).mean(0))",
                     largestDifference(constants, r.mean, r.meanOfImageStd)},
                    {"swapped", self, "the pooled std given as the mean and the mean as the std",
                     largestDifference(constants, r.population, r.mean)}};
    for (const auto& p : publishedConstants())
        if (static_cast<int>(p.mean.size()) == stats.channels)
            k.candidates.push_back({p.name, p.source, p.how, largestDifference(constants, p.mean, p.std)});
    std::stable_sort(k.candidates.begin(), k.candidates.end(),
                     [](const auto& a, const auto& b) { return a.largestDifference < b.largestDifference; });
    // Constants equal to the data's own recipe are that recipe, whether or not someone also
    // published them; only constants that fit no recipe are attributed to a published set.
    const auto fits = [](const ConstantsCandidate& c) { return c.largestDifference <= kMatchTolerance; };
    const auto isRecipe = [&](const ConstantsCandidate& c) { return c.source == self; };
    for (const char* recipe : {"population", "unbiased", "mean_of_image_std", "swapped"})
        for (const auto& c : k.candidates)
            if (!k.match && c.name == recipe && isRecipe(c) && fits(c)) k.match = c;
    for (const auto& c : k.candidates)
        if (!isRecipe(c) && fits(c)) {
            (k.match ? k.alsoPublished : k.match) = c;
            break;
        }
    k.verdict = verdictFor(k, stats.dataset);
    return k;
}

} // namespace normlab
