#include "app/cli/traincommand.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <future>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>

#include "app/cli/clioutput.h"
#include "app/cli/trainprinter.h"
#include "core/common/error.h"
#include "core/session/comparisonresults.h"
#include "core/session/experimentbuilder.h"
#include "core/session/resultsfiles.h"
#include "core/common/atomicfile.h"
#include "core/train/engine/engineloader.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/experiment/experimentgrid.h"
#include "core/train/script/pythonscript.h"
#include "core/train/experiment/resultsexport.h"
#include "core/train/experiment/seedsummary.h"
#include "core/train/config/trainingdata.h"

namespace normlab::cli {
namespace {

// Set by SIGINT; the batch callback turns it into a stop request, so Ctrl+C ends the runs
// within one batch and the results so far are still written.
std::atomic<bool> g_interrupted{false};
extern "C" void onInterrupt(int) {
    g_interrupted.store(true);
}

struct TrainOptions {
    TrainConfig config;
    std::string preset;
    std::string normalize;
    std::string compare;
    std::vector<std::string> vary;
    int seeds = 1;
    std::string out, csv, summaryCsv;
    std::string experiment, saveExperiment;
    std::string exportPython;
    bool jsonl = false;
    int threads = 0;
    CLI::App* command = nullptr;

    bool given(const std::string& option) const { return command->count(option) > 0; }
};

// The lesson's experiment; explicitly given options still win.
void applyPreset(TrainOptions& o) {
    if (o.preset.empty()) return;
    if (o.preset != "lesson") throw Error("unknown preset '" + o.preset + "' (expected lesson)");
    const TrainConfig lesson = lessonPreset();
    TrainConfig& c = o.config;
    if (!o.given("--dataset")) c.dataset = lesson.dataset;
    if (!o.given("--model")) c.model = lesson.model;
    if (!o.given("--optimizer")) c.optimizer = lesson.optimizer;
    if (!o.given("--lr")) c.lr = lesson.lr;
    if (!o.given("--batch-size")) c.batchSize = lesson.batchSize;
    if (!o.given("--epochs")) c.epochs = lesson.epochs;
    if (!o.given("--compare") && !o.given("--normalize"))
        for (auto m : lessonMethods())
            o.compare += (o.compare.empty() ? "" : ",") + methodName(m);
}

// An experiment file's settings; like --preset, options given on the command line still win.
std::optional<Experiment> applyExperimentFile(TrainOptions& o) {
    if (o.experiment.empty()) return std::nullopt;
    if (!o.preset.empty()) throw Error("use either --preset or --experiment, not both");
    const Experiment e = loadExperiment(o.experiment);
    TrainConfig& c = o.config;
    if (!o.given("--dataset")) c.dataset = e.base.dataset;
    if (!o.given("--data-dir")) c.dataDir = e.base.dataDir;
    if (!o.given("--limit")) c.limit = e.base.limit;
    if (!o.given("--test-split")) c.testSplit = e.base.testSplit;
    if (!o.given("--model")) c.model = e.base.model;
    if (!o.given("--optimizer")) c.optimizer = e.base.optimizer;
    if (!o.given("--lr")) c.lr = e.base.lr;
    if (!o.given("--momentum")) c.momentum = e.base.momentum;
    if (!o.given("--batch-size")) c.batchSize = e.base.batchSize;
    if (!o.given("--epochs")) c.epochs = e.base.epochs;
    if (!o.given("--seed")) c.seed = e.base.seed;
    if (!o.given("--device")) c.device = e.base.device;
    c.normalization = e.base.normalization;
    if (!o.given("--seeds")) o.seeds = e.seeds;
    return e;
}

// The experiment the options describe (like the lesson's RunBuilder): the experiment file's axes,
// each replaced by a --vary of the same option, its normalizations by --compare or --normalize;
// then the other --vary axes.
Experiment buildExperiment(const TrainOptions& o, const std::optional<Experiment>& file) {
    if (!o.normalize.empty() && !o.compare.empty()) throw Error("use either --normalize or --compare, not both");
    Experiment start;
    if (file) start.grid = file->grid;
    start.base = o.config;
    ExperimentBuilder builder(start);
    bool normalizeVaried = false;
    for (const auto& text : o.vary) {
        builder.vary(text);
        normalizeVaried = normalizeVaried || parseGridAxis(text).option == "normalize";
    }
    if (normalizeVaried && (!o.normalize.empty() || !o.compare.empty()))
        throw Error("give the normalizations once: --vary normalize=…, --compare or --normalize");
    if (!o.compare.empty() || !o.normalize.empty())
        builder.compare(parseMethodList(o.compare.empty() ? o.normalize : o.compare));
    builder.setSeeds(o.seeds);
    return builder.build();
}

// After the runs: each configuration's last test accuracy over its seeds, and whether the differences
// between configurations are larger than the seed-to-seed spread.
void printSummary(std::FILE* to, const std::vector<SeedGroup>& groups) {
    const bool seeds = std::any_of(groups.begin(), groups.end(), [](const SeedGroup& g) { return g.runs.size() > 1; });
    if (groups.size() < 2 && !seeds) return;
    std::fprintf(to, "\nsummary (test accuracy at the last epoch%s):\n", seeds ? ", mean ± std over seeds" : "");
    for (const SeedGroup& g : groups) {
        if (g.epochs.empty()) {
            std::fprintf(to, "  %s: no finished epoch\n", g.name.c_str());
            continue;
        }
        const EpochSpread& e = g.epochs.back();
        if (e.testAccuracy.count > 1)
            std::fprintf(to, "  %s: %.4f ± %.4f (min %.4f, max %.4f; %d seeds, epoch %d)\n", g.name.c_str(),
                         e.testAccuracy.mean, e.testAccuracy.std, e.testAccuracy.min, e.testAccuracy.max,
                         e.testAccuracy.count, e.epoch);
        else
            std::fprintf(to, "  %s: %.4f (epoch %d)\n", g.name.c_str(), e.testAccuracy.mean, e.epoch);
    }
    bool oneSeed = false;
    for (const GroupComparison& c : compareGroups(groups)) {
        std::fprintf(to, "  %s\n", c.text.c_str());
        oneSeed = oneSeed || c.verdict == NoiseVerdict::OneSeed;
    }
    if (oneSeed) std::fprintf(to, "  (--seeds 3 repeats every configuration with 3 seeds)\n");
}

int runTrain(TrainOptions& o) {
    const std::optional<Experiment> file = applyExperimentFile(o);
    applyPreset(o);
    ComparisonPlan plan = planComparison(buildExperiment(o, file));
    const TrainConfig& base = plan.experiment.base;

    // LibTorch takes about as long to load as the data: load both at once.
    setTrainEngineThreads(o.threads);
    auto loading = std::async(std::launch::async, [] { return &trainEngine(); });
    const TrainingData data = loadTrainingData(base);
    plan.experiment.foundIn = data.train.origin;
    if (!o.saveExperiment.empty()) saveExperiment(o.saveExperiment, plan.experiment);
    if (!o.exportPython.empty()) // before training: a data set the script cannot read stops here, not hours later
        writeFileAtomically(o.exportPython,
                            pythonScript(plan.experiment, scriptDataFor(base, data), "normlab-cli " NORMLAB_VERSION));
    const TrainEngine& engine = *loading.get();
    std::vector<TrainConfig> configs;
    for (const auto& run : plan.runs)
        configs.push_back(run.config);
    ComparisonResults results;
    results.reset(plan);

    std::FILE* human = o.jsonl ? stderr : stdout;
    std::fprintf(human, "data: %s, %zu train / %zu test images — %s\n", data.train.dataset.c_str(), data.train.count,
                 data.test.count, data.train.origin.c_str());
    std::fprintf(human, "engine: %s, %s\n", engine.description().c_str(), trainEnginePath().c_str());
    if (const std::string skipped = trainEngineSkipped(); !skipped.empty())
        std::fprintf(human, "engine: skipped %s\n", skipped.c_str());
    TrainPrinter printer(human, o.jsonl ? stderrIsTerminal() : stdoutIsTerminal(), static_cast<int>(configs.size()),
                         base.epochs);
    std::stop_source stop;
    std::signal(SIGINT, onInterrupt);

    ComparisonCallbacks cb;
    cb.onRunStarted = [&](int run, const TrainConfig& c) {
        results.runStarted(run, engine.resolveDevice(c.device));
        printer.runStarted(run, results.run(run).name, results.run(run).device);
    };
    cb.onBatch = [&](int run, int epoch, int batch, int batches) {
        if (g_interrupted.load()) stop.request_stop();
        printer.batch(run, epoch, batch, batches);
    };
    cb.onEpoch = [&](const EpochMetric& m) {
        results.addEpoch(m);
        const RunResult& r = results.run(m.run);
        printer.epoch(r.name, m);
        if (o.jsonl) std::cout << epochJsonLine(r, m) << std::flush;
    };
    cb.onRunFinished = [&](const RunResult& r) {
        results.runFinished(r);
        printer.runFinished(results.run(r.run));
        if (o.jsonl) std::cout << runJsonLine(results.run(r.run)) << std::flush;
    };
    // The engine's final word on every run, also those a stop left unstarted.
    for (const RunResult& r : engine.runComparison(configs, data, {stop.get_token(), {}}, cb))
        results.runFinished(r);
    std::signal(SIGINT, SIG_DFL);
    if (!o.out.empty()) emit(resultsFileText(results, FileFormat::Json), o.out);
    if (!o.csv.empty()) emit(resultsFileText(results, FileFormat::Csv), o.csv);
    printSummary(human, results.seedGroups());
    if (!o.summaryCsv.empty()) emit(seedSummaryFileText(results), o.summaryCsv);
    for (const auto& r : results.runs())
        if (r.status == RunStatus::Failed) throw Error("run " + r.name + " failed: " + r.message);
    return stop.stop_requested() ? 130 : 0;
}

} // namespace

void addTrainCommand(CLI::App& app) {
    auto o = std::make_shared<TrainOptions>();
    CLI::App* cmd = app.add_subcommand("train", "Train a small network; compare normalizations side by side");
    o->command = cmd;
    TrainConfig& c = o->config;
    cmd->add_option("--preset", o->preset,
                    "lesson: FashionMNIST, lesson-cnn, Adam 0.01, batch 1000, 20 epochs, none vs zscore");
    cmd->add_option("--experiment", o->experiment,
                    "run the experiment a --save-experiment file describes; "
                    "options given alongside win, a --vary replaces the file's axis of that option");
    cmd->add_option("--save-experiment", o->saveExperiment,
                    "write this command's experiment (after --preset, --vary, --compare, --seeds) as JSON, then train");
    cmd->add_option("--export-python", o->exportPython,
                    "write a standalone Python script (torch, torchvision) that runs this experiment the same way and "
                    "writes the same CSV, then train");
    cmd->add_option(
           "--dataset", c.dataset,
           "a catalog id, synthetic, or a folder or file as for stats (needs a test or val split and one image size)")
        ->capture_default_str();
    cmd->add_option("--data-dir", c.dataDir, "NormLab's data directory (or a torchvision ./data folder)");
    cmd->add_option("--limit", c.limit, "use only the first N images of each split (0: all)");
    cmd->add_option("--test-split", c.testSplit, "split evaluated after each epoch (test or train)")
        ->capture_default_str();
    cmd->add_option("--normalize", o->normalize, "one normalization: " + methodNameList());
    cmd->add_option("--compare", o->compare,
                    "comma-separated normalizations to compare, e.g. none,zscore (short for --vary normalize=…)");
    cmd->add_option("--vary", o->vary,
                    "NAME=V1,V2,…: run every combination, like the lesson's RunBuilder (repeatable; NAME: lr, "
                    "batch-size, model, optimizer, normalize, epochs, momentum)");
    cmd->add_option("--seeds", o->seeds, "repeat every configuration with N seeds (--seed, --seed + 1, …)")
        ->check(CLI::Range(1, 1000));
    cmd->add_option("--model", c.model,
                    "lesson-cnn, lesson-cnn-bn (with batch norm), mlp, lenet5 or cifar-cnn (for 32x32 colour images)")
        ->capture_default_str();
    cmd->add_option("--optimizer", c.optimizer, "adam or sgd (with --momentum)")->capture_default_str();
    cmd->add_option("--lr", c.lr, "learning rate")->capture_default_str();
    cmd->add_option("--momentum", c.momentum, "SGD momentum")->capture_default_str();
    cmd->add_option("--batch-size", c.batchSize, "batch size")->capture_default_str();
    cmd->add_option("--epochs", c.epochs, "epochs")->capture_default_str();
    cmd->add_option("--seed", c.seed, "seed: initial weights, batch order, synthetic data")->capture_default_str();
    cmd->add_option("--device", c.device, "auto, cpu, cuda or cuda:N")->capture_default_str();
    cmd->add_option("--threads", o->threads, "CPU threads for LibTorch (0: all cores)")->capture_default_str();
    cmd->add_option("--out", o->out,
                    "write config, device, per-epoch table and status of every run, and the experiment (JSON)");
    cmd->add_option("--csv", o->csv, "write the lesson's results table (CSV)");
    cmd->add_option("--summary-csv", o->summaryCsv,
                    "write mean and std over seeds per configuration and epoch (CSV; std: sample, n-1)");
    cmd->add_flag("--jsonl", o->jsonl, "print one JSON object per epoch and per finished run on stdout");
    cmd->callback([o] {
        const int code = runTrain(*o);
        if (code != 0) throw CLI::RuntimeError(code);
    });
}

} // namespace normlab::cli
