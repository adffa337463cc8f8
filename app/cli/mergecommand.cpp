#include "app/cli/mergecommand.h"

#include <memory>

#include "app/cli/clioutput.h"
#include "core/common/filebytes.h"
#include "core/export/statsexport.h"
#include "core/stats/statspart.h"

namespace normlab::cli {
namespace {

struct MergeOptions {
    std::vector<std::string> parts;
    std::string format = "json";
    std::string out;
};

void runMerge(const MergeOptions& o) {
    std::vector<StatsPart> parts;
    for (const auto& path : o.parts) {
        const auto bytes = readFileBytes(path);
        parts.push_back(
            statsPartFromJson(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()), path));
    }
    const SplitStats stats = mergeStatsParts(parts, o.parts);
    emit(o.format == "csv" ? statsToCsv(stats) : statsToJson(stats), o.out);
}

} // namespace

void addMergeCommand(CLI::App& app) {
    auto options = std::make_shared<MergeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "merge", "Statistics of a split from the parts 'stats --shard K/N' wrote (exact: the counts add up)");
    cmd->add_option("parts", options->parts, "the part files, one per shard K of N (any order)")->required();
    cmd->add_option("--format", options->format, "json or csv")
        ->check(CLI::IsMember({"json", "csv"}))
        ->capture_default_str();
    cmd->add_option("--out", options->out, "output file (default: standard output); written atomically");
    cmd->callback([options] { runMerge(*options); });
}

} // namespace normlab::cli
