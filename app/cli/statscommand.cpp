#include "app/cli/statscommand.h"

#include <memory>

#include "app/cli/clioutput.h"
#include "app/cli/datasetoptions.h"
#include "core/common/error.h"
#include "core/export/statsexport.h"
#include "core/session/resultsfiles.h"
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
    std::string shard;
};

void runStats(const StatsOptions& o) {
    const DatasetRequest request = o.data.request();
    if (o.minmaxRange.size() != 2 || !(o.minmaxRange[1] > o.minmaxRange[0]))
        throw Error("--minmax-range needs LOW HIGH with LOW < HIGH");
    const double low = o.minmaxRange[0], high = o.minmaxRange[1];
    if (!o.shard.empty()) {
        // A part of the split, as exact counts; 'normlab-cli merge' turns the parts into statistics.
        if (!o.npyDir.empty() || o.format != "json") throw Error("--shard writes a part file: no --npy, --format json");
        const StatsPart part =
            splitStatsPart(request, o.split, low, high, stderrProgress("stats"), Shard::parse(o.shard));
        printNotes(part.about.notes);
        emit(statsPartToJson(part), o.out);
        return;
    }
    const SplitStats stats = splitStats(request, o.split, low, high, stderrProgress("stats"));
    printNotes(stats.notes);
    if (!o.npyDir.empty()) writeStatsNpy(stats, o.npyDir);
    emit(statsFileText(stats, o.format == "csv" ? FileFormat::Csv : FileFormat::Json), o.out);
}

} // namespace

void addStatsCommand(CLI::App& app) {
    auto options = std::make_shared<StatsOptions>();
    CLI::App* cmd = app.add_subcommand("stats", "Exact statistics of a split before and after each normalization");
    options->data.addTo(*cmd);
    cmd->add_option("--split", options->split, "train, val or test (the splits the data set has)")
        ->check(CLI::IsMember({"train", "val", "test"}))
        ->capture_default_str();
    cmd->add_option("--format", options->format, "json or csv")
        ->check(CLI::IsMember({"json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--out", options->out, "output file (default: standard output); written atomically");
    cmd->add_option("--npy", options->npyDir, "also write per-pixel maps and counts as .npy files into DIR");
    cmd->add_option("--minmax-range", options->minmaxRange, "target range of minmax, LOW HIGH (e.g. -1 1)")
        ->expected(2);
    cmd->add_option("--shard", options->shard,
                    "K/N: only part K (from 0) of N of an image folder's files, for a job array; "
                    "'normlab-cli merge' combines the parts exactly");
    cmd->callback([options] { runStats(*options); });
}

} // namespace normlab::cli
