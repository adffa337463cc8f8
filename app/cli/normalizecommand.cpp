#include "app/cli/normalizecommand.h"

#include <memory>

#include "app/cli/clioutput.h"
#include "app/cli/datasetoptions.h"
#include "core/common/error.h"
#include "core/export/sumsexport.h"
#include "core/export/torchvisionline.h"
#include "core/stats/splitpair.h"

namespace normlab::cli {
namespace {

struct NormalizeOptions {
    DatasetOptions data;
    std::string split = "train";
    std::string format = "text";
    std::string out;
    bool fullPrecision = false;
};

void runNormalize(const NormalizeOptions& o) {
    const SplitSums split = splitSums(o.data.request(), o.split, stderrProgress("normalize"));
    if (split.sums.images == 0) throw Error(split.about.origin + ": the " + o.split + " split holds no image");
    printNotes(split.about.notes);
    if (o.format == "json") return emit(splitSumsToJson(split), o.out);
    // The line alone says nothing of the data it came from (--dataset auto picks one): say it aside.
    printNotes({split.about.dataset + " " + split.about.split + ", " + std::to_string(split.sums.images) + " images (" +
                split.about.origin + ")"});
    emit(torchvisionNormalizeLine(split.sums.params(), o.fullPrecision ? -1 : 4) + "\n", o.out);
}

} // namespace

void addNormalizeCommand(CLI::App& app) {
    auto options = std::make_shared<NormalizeOptions>();
    CLI::App* cmd = app.add_subcommand(
        "normalize", "The transforms.Normalize(...) line of a split: per-channel mean and population std, exact, "
                     "from one pass that only sums (the whole bundle: 'stats')");
    options->data.addTo(*cmd);
    cmd->add_option("--split", options->split, "train, val or test (the splits the data set has)")
        ->check(CLI::IsMember({"train", "val", "test"}))
        ->capture_default_str();
    cmd->add_option("--format", options->format,
                    "text (the line) or json (mean, std, min, max, pixel counts and conventions)")
        ->check(CLI::IsMember({"text", "json"}))
        ->capture_default_str();
    cmd->add_flag("--full-precision", options->fullPrecision,
                  "the line with 17 significant digits (reads back exactly) instead of 4 decimals");
    cmd->add_option("--out", options->out, "output file (default: standard output); written atomically");
    cmd->callback([options] { runNormalize(*options); });
}

} // namespace normlab::cli
