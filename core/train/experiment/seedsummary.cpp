#include "core/train/experiment/seedsummary.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "core/common/shortestnumber.h"
#include "core/train/experiment/experimentgrid.h"

namespace normlab {
namespace {

const std::string kSeparator = " · ";

// Every configuration setting but the seed: runs equal in all of these are seeds of one configuration.
bool sameButSeed(const TrainConfig& a, const TrainConfig& b) {
    return a.dataset == b.dataset && a.dataDir == b.dataDir && a.limit == b.limit && a.testSplit == b.testSplit &&
           a.normalization == b.normalization && a.model == b.model && a.optimizer == b.optimizer && a.lr == b.lr &&
           a.momentum == b.momentum && a.batchSize == b.batchSize && a.epochs == b.epochs && a.device == b.device;
}

int optionsThatDiffer(const TrainConfig& a, const TrainConfig& b) {
    int n = 0;
    for (const auto& option : gridOptions())
        if (optionValue(a, option) != optionValue(b, option)) ++n;
    return n;
}

std::string fixed(double value, int decimals, bool sign = false) {
    char text[64];
    std::snprintf(text, sizeof text, sign ? "%+.*f" : "%.*f", decimals, value);
    return text;
}

// A CSV field in double quotes: names hold " · " and, from a model or option value, maybe a comma.
std::string quoted(const std::string& text) {
    std::string field = "\"";
    for (char c : text)
        field += c == '"' ? std::string("\"\"") : std::string(1, c);
    return field + '"';
}

std::string meanAndStd(const Spread& s) {
    return s.count > 1 ? fixed(s.mean, 4) + " ± " + fixed(s.std, 4) : fixed(s.mean, 4);
}

// "0.7899 ± 0.0140 vs 0.7503 ± 0.0169, 3 seeds each"
std::string describe(const Spread& a, const Spread& b) {
    const auto seeds = [](int n) { return n == 1 ? std::string("one seed") : std::to_string(n) + " seeds"; };
    const std::string counts = a.count == b.count
                                   ? (a.count == 1 ? "one seed each" : std::to_string(a.count) + " seeds each")
                                   : seeds(a.count) + " and " + seeds(b.count);
    return meanAndStd(a) + " vs " + meanAndStd(b) + ", " + counts;
}

std::string sentence(const GroupComparison& c, const std::vector<SeedGroup>& groups) {
    const SeedGroup& better = groups[static_cast<std::size_t>(c.better)];
    const SeedGroup& worse = groups[static_cast<std::size_t>(c.worse)];
    const std::string when = c.betterEpoch == c.worseEpoch
                                 ? "at epoch " + std::to_string(c.betterEpoch)
                                 : "at epochs " + std::to_string(c.betterEpoch) + " and " + std::to_string(c.worseEpoch);
    std::string text = better.name + " vs " + worse.name + " " + when + ": " + fixed(c.difference, 4, true) +
                       " test accuracy (" + describe(c.betterAccuracy, c.worseAccuracy) + ") — ";
    switch (c.verdict) {
    case NoiseVerdict::BeyondRange:
        return text + "larger than the seed-to-seed spread: every seed of " + better.name + " beat every seed of " +
               worse.name + ".";
    case NoiseVerdict::BeyondStd:
        return text + "larger than the seed-to-seed spread (the mean ± 1 std intervals do not overlap), though the "
                      "best seed of " +
               worse.name + " reached the worst of " + better.name + ".";
    case NoiseVerdict::WithinSpread:
        return text + "within the seed-to-seed spread: with these seeds the difference may be noise.";
    case NoiseVerdict::OneSeed:
        break;
    }
    return text + "one seed, so the seed-to-seed spread is unknown: repeat with 3 or more seeds to tell a difference "
                  "from noise.";
}

// Epoch e (0-based) of the runs that finished it.
EpochSpread spreadAt(const std::vector<RunResult>& results, const std::vector<int>& runs, std::size_t e) {
    std::vector<double> trainLoss, trainAccuracy, testLoss, testAccuracy;
    for (int run : runs) {
        const auto& epochs = results[static_cast<std::size_t>(run)].epochs;
        if (e >= epochs.size()) continue;
        trainLoss.push_back(epochs[e].trainLoss);
        trainAccuracy.push_back(epochs[e].trainAccuracy);
        testLoss.push_back(epochs[e].testLoss);
        testAccuracy.push_back(epochs[e].testAccuracy);
    }
    return {static_cast<int>(e) + 1, spreadOf(trainLoss), spreadOf(trainAccuracy), spreadOf(testLoss),
            spreadOf(testAccuracy)};
}

} // namespace

Spread spreadOf(const std::vector<double>& values) {
    Spread s;
    s.count = static_cast<int>(values.size());
    if (values.empty()) return s;
    double sum = 0;
    for (double v : values)
        sum += v;
    s.mean = sum / static_cast<double>(values.size());
    double squares = 0;
    for (double v : values)
        squares += (v - s.mean) * (v - s.mean);
    s.std = values.size() > 1 ? std::sqrt(squares / static_cast<double>(values.size() - 1)) : 0.0;
    s.min = *std::min_element(values.begin(), values.end());
    s.max = *std::max_element(values.begin(), values.end());
    return s;
}

std::string withoutSeed(const std::string& runName) {
    const std::size_t at = runName.rfind("seed=");
    if (at == std::string::npos) return runName;
    if (at == 0) return {};
    if (at >= kSeparator.size() && runName.compare(at - kSeparator.size(), kSeparator.size(), kSeparator) == 0)
        return runName.substr(0, at - kSeparator.size());
    return runName;
}

std::vector<SeedGroup> groupBySeed(const std::vector<RunResult>& results) {
    std::vector<SeedGroup> groups;
    for (std::size_t i = 0; i < results.size(); ++i) {
        const RunResult& r = results[i];
        auto group = std::find_if(groups.begin(), groups.end(),
                                  [&](const SeedGroup& g) { return sameButSeed(g.config, r.config); });
        if (group == groups.end()) {
            std::string name = withoutSeed(r.name);
            if (name.empty()) name = methodName(r.config.normalization);
            groups.push_back({name, r.config, {}, {}, {}});
            group = groups.end() - 1;
        }
        group->runs.push_back(static_cast<int>(i));
    }
    for (SeedGroup& g : groups) {
        std::size_t common = results[static_cast<std::size_t>(g.runs.front())].epochs.size(), reached = 0;
        for (int run : g.runs) {
            common = std::min(common, results[static_cast<std::size_t>(run)].epochs.size());
            reached = std::max(reached, results[static_cast<std::size_t>(run)].epochs.size());
        }
        for (std::size_t e = 0; e < reached; ++e) {
            g.reached.push_back(spreadAt(results, g.runs, e));
            if (e < common) g.epochs.push_back(g.reached.back());
        }
    }
    return groups;
}

std::vector<GroupComparison> compareGroups(const std::vector<SeedGroup>& groups) {
    std::vector<GroupComparison> list;
    for (std::size_t a = 0; a < groups.size(); ++a)
        for (std::size_t b = a + 1; b < groups.size(); ++b) {
            if (groups.size() > 2 && optionsThatDiffer(groups[a].config, groups[b].config) != 1) continue;
            if (groups[a].epochs.empty() || groups[b].epochs.empty()) continue;
            const EpochSpread& ea = groups[a].epochs.back();
            const EpochSpread& eb = groups[b].epochs.back();
            const bool aBetter = ea.testAccuracy.mean >= eb.testAccuracy.mean;
            GroupComparison c;
            c.better = static_cast<int>(aBetter ? a : b);
            c.worse = static_cast<int>(aBetter ? b : a);
            c.betterEpoch = (aBetter ? ea : eb).epoch;
            c.worseEpoch = (aBetter ? eb : ea).epoch;
            c.betterAccuracy = (aBetter ? ea : eb).testAccuracy;
            c.worseAccuracy = (aBetter ? eb : ea).testAccuracy;
            c.difference = c.betterAccuracy.mean - c.worseAccuracy.mean;
            if (c.betterAccuracy.count < 2 || c.worseAccuracy.count < 2)
                c.verdict = NoiseVerdict::OneSeed;
            else if (c.betterAccuracy.min > c.worseAccuracy.max)
                c.verdict = NoiseVerdict::BeyondRange;
            else if (c.difference > c.betterAccuracy.std + c.worseAccuracy.std)
                c.verdict = NoiseVerdict::BeyondStd;
            else
                c.verdict = NoiseVerdict::WithinSpread;
            c.text = sentence(c, groups);
            list.push_back(std::move(c));
        }
    return list;
}

std::string seedSummaryCsv(const std::vector<SeedGroup>& groups) {
    std::ostringstream out;
    out << "configuration,epoch,seeds,loss_mean,loss_std,accuracy_mean,accuracy_std,test_loss_mean,test_loss_std,"
           "test_accuracy_mean,test_accuracy_std\n";
    for (const SeedGroup& g : groups)
        for (const EpochSpread& e : g.epochs) {
            out << quoted(g.name) << ',' << e.epoch << ',' << e.testAccuracy.count;
            for (const Spread* s : {&e.trainLoss, &e.trainAccuracy, &e.testLoss, &e.testAccuracy})
                out << ',' << shortestText(s->mean) << ',' << shortestText(s->std);
            out << '\n';
        }
    return out.str();
}

} // namespace normlab
