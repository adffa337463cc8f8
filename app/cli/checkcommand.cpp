#include "app/cli/checkcommand.h"

#include <memory>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/cli/clioutput.h"
#include "app/cli/datasetoptions.h"
#include "core/common/error.h"
#include "core/data/datasetopener.h"
#include "core/export/recipesjson.h"
#include "core/stats/constantscheck.h"
#include "core/stats/publishedconstants.h"
#include "core/stats/splitpair.h"

namespace normlab::cli {
namespace {

struct CheckOptions {
    DatasetOptions data;
    std::string split = "train";
    std::string normalize, mean, std, published;
    bool listPublished = false;
    std::string format = "text";
    std::string out;
};

NormalizeConstants constantsFrom(const CheckOptions& o) {
    const int given = !o.normalize.empty() + !o.published.empty() + (!o.mean.empty() || !o.std.empty());
    if (given != 1) throw Error("give the constants one way: --normalize TEXT, --mean/--std, or --published NAME");
    if (!o.normalize.empty()) return parseNormalize(o.normalize);
    if (!o.published.empty()) {
        const PublishedConstants* p = findPublishedConstants(o.published);
        if (!p) {
            std::string names;
            for (const auto& s : publishedConstants())
                names += (names.empty() ? "" : ", ") + s.name;
            throw Error("no published constants named '" + o.published + "' (known: " + names + ")");
        }
        return {p->mean, p->std};
    }
    if (o.mean.empty() || o.std.empty()) throw Error("--mean and --std go together");
    return {parseNumberList(o.mean, "--mean"), parseNumberList(o.std, "--std")};
}

std::string listText() {
    std::ostringstream text;
    for (const auto& p : publishedConstants())
        text << p.name << ": " << p.dataset << ", Normalize(" << constantsTuple(p.mean) << ", " << constantsTuple(p.std)
             << ")\n  source: " << p.source << "\n  how: " << p.how << "\n";
    return text.str();
}

nlohmann::json checkJson(const ConstantsCheck& k, const SplitStats& stats) {
    using nlohmann::json;
    json candidates = json::array();
    for (const auto& c : k.candidates)
        candidates.push_back(
            {{"name", c.name}, {"source", c.source}, {"how", c.how}, {"largest_difference", c.largestDifference}});
    json j;
    j["format"] = "normlab-check/1";
    j["dataset"] = stats.dataset;
    j["split"] = stats.split;
    j["found_in"] = stats.origin;
    j["count"] = stats.count;
    j["channels"] = stats.channels;
    j["constants"] = {{"mean", k.constants.mean}, {"std", k.constants.std}};
    j["after"] = {{"mean", k.afterMean},
                  {"std", k.afterStd},
                  {"min", k.afterMin},
                  {"max", k.afterMax},
                  {"beyond_3", k.beyondThree}};
    j["matches"] = k.match ? json{{"name", k.match->name},
                                  {"source", k.match->source},
                                  {"how", k.match->how},
                                  {"largest_difference", k.match->largestDifference}}
                           : json(nullptr);
    j["also_published"] =
        k.alsoPublished ? json{{"name", k.alsoPublished->name}, {"source", k.alsoPublished->source}} : json(nullptr);
    j["candidates"] = candidates;
    j["match_tolerance"] = kMatchTolerance;
    j.update(recipesJson(k.recipes));
    j["verdict"] = k.verdict;
    j["conventions"] = "Constants are in x/255 units, as transforms.Normalize after ToTensor; after = (x/255 - mean) / "
                       "std per channel, exact from the split's byte counts; std is the population std (divide by N). "
                       "matches names the closest recipe or published set within match_tolerance (largest "
                       "difference over channels of mean and std), or null.";
    return j;
}

std::string checkText(const ConstantsCheck& k, const SplitStats& stats) {
    std::ostringstream t;
    t << stats.dataset << " (" << stats.split << ", " << stats.count << " images, " << stats.origin << ")\n";
    t << "constants:  Normalize(" << constantsTuple(k.constants.mean) << ", " << constantsTuple(k.constants.std)
      << ")\n";
    t << "after:      mean " << constantsTuple(k.afterMean) << ", std " << constantsTuple(k.afterStd) << ", range "
      << constantsTuple(k.afterMin) << " to " << constantsTuple(k.afterMax) << ", beyond ±3 "
      << constantsTuple(k.beyondThree) << "\n";
    t << "recipes:    population std " << constantsTuple(k.recipes.population) << ", unbiased "
      << constantsTuple(k.recipes.unbiased) << ", mean of per-image stds " << constantsTuple(k.recipes.meanOfImageStd)
      << "\n";
    if (k.recipes.mean.size() > 1) // what the GUI's picture of per-image stds compares with
        t << "all channels: pooled std " << constantsTuple({k.recipes.pooledStdAllChannels})
          << ", mean of per-image stds " << constantsTuple({k.recipes.meanOfImageStdAllChannels}) << "\n";
    t << "matches:    "
      << (k.match ? k.match->name + " (largest difference " + constantsTuple({k.match->largestDifference}) + ")"
                  : std::string("nothing within ") + constantsTuple({kMatchTolerance}))
      << "\n\n"
      << k.verdict << "\n";
    return t.str();
}

void runCheck(const CheckOptions& o) {
    if (o.listPublished) {
        emit(listText(), o.out);
        return;
    }
    const NormalizeConstants constants = constantsFrom(o); // a bad text fails before any loading
    const DatasetRequest request = o.data.request();
    const SplitStats stats = splitStats(request, o.split);
    const ConstantsCheck k = checkConstants(stats, constants);
    emit(o.format == "json" ? checkJson(k, stats).dump(2) + "\n" : checkText(k, stats), o.out);
}

} // namespace

void addCheckCommand(CLI::App& app) {
    auto o = std::make_shared<CheckOptions>();
    CLI::App* cmd = app.add_subcommand(
        "check", "What a Normalize's constants do to a data set, and which recipe or published set they match");
    o->data.addTo(*cmd);
    cmd->add_option("--split", o->split, "train or test")
        ->check(CLI::IsMember({"train", "test"}))
        ->capture_default_str();
    cmd->add_option("--normalize", o->normalize,
                    "the Normalize to check, e.g. \"transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, "
                    "0.2010))\"");
    cmd->add_option("--mean", o->mean, "the mean, one value per channel: 0.4914,0.4822,0.4465");
    cmd->add_option("--std", o->std, "the std, one value per channel");
    cmd->add_option("--published", o->published, "a published set by name (--list-published lists them)");
    cmd->add_flag("--list-published", o->listPublished, "list the published constants NormLab knows, with sources");
    cmd->add_option("--format", o->format, "text or json")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->add_option("--out", o->out, "output file (default: standard output); written atomically");
    cmd->callback([o] { runCheck(*o); });
}

} // namespace normlab::cli
