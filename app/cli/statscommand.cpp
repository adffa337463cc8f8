#include "app/cli/statscommand.h"

#include <memory>

#include "app/cli/clioutput.h"
#include "app/cli/datasetoptions.h"
#include "core/common/error.h"
#include "core/export/statsexport.h"
#include "core/stats/splitpair.h"

namespace normlab::cli {
namespace {

struct StatsOptions {
    DatasetOptions data;
    std::string split = "train";
    std::string format = "json";
    std::string out;
    std::string npyDir;
    std::vector<double> minmaxRange = {0.0, 1.0};
};

void runStats(const StatsOptions& o) {
    const DatasetRequest request = o.data.request();
    if (o.minmaxRange.size() != 2 || !(o.minmaxRange[1] > o.minmaxRange[0]))
        throw Error("--minmax-range needs LOW HIGH with LOW < HIGH");
    const double low = o.minmaxRange[0], high = o.minmaxRange[1];
    const SplitStats stats = splitStats(request, o.split, low, high);
    if (!o.npyDir.empty()) writeStatsNpy(stats, o.npyDir);
    emit(o.format == "csv" ? statsToCsv(stats) : statsToJson(stats), o.out);
}

} // namespace

void addStatsCommand(CLI::App& app) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand("stats", "Exact statistics of a split before and after each normalization");
    options->data.addTo(*cmd);
    cmd->add_option("--split", options->split, "train or test")
        ->check(CLI::IsMember({"train", "test"}))
        ->capture_default_str();
    cmd->add_option("--format", options->format, "json or csv")
        ->check(CLI::IsMember({"json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--out", options->out, "output file (default: standard output); written atomically");
    cmd->add_option("--npy", options->npyDir, "also write per-pixel maps and counts as .npy files into DIR");
    cmd->add_option("--minmax-range", options->minmaxRange, "target range of minmax, LOW HIGH (e.g. -1 1)")
        ->expected(2);
    cmd->callback([options] { runStats(*options); });
}

} // namespace normlab::cli
