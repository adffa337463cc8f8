#include "app/cli/traincommand.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <future>
#include <iostream>
#include <memory>
#include <sstream>

#include "app/cli/clioutput.h"
#include "app/cli/trainprinter.h"
#include "core/common/error.h"
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

std::vector<Method> parseMethods(const std::string& list) {
    std::vector<Method> methods;
    std::stringstream in(list);
    std::string name;
    while (std::getline(in, name, ',')) {
        const auto m = parseMethod(name);
        if (!m) throw Error("unknown normalization '" + name + "' (expected " + methodNameList() + ")");
        methods.push_back(*m);
    }
    if (methods.empty()) throw Error("--compare needs at least one normalization");
    return methods;
}

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
std::vector<GridAxis> applyExperimentFile(TrainOptions& o) {
    if (o.experiment.empty()) return {};
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
    return e.grid;
}

// The grid (like the lesson's RunBuilder): the experiment file's axes, each replaced by a --vary of
// the same option, its normalizations by --compare or --normalize; then the other --vary axes.
std::vector<GridAxis> gridAxes(const TrainOptions& o, const std::vector<GridAxis>& fromFile) {
    std::vector<GridAxis> given;
    for (const auto& text : o.vary)
        given.push_back(parseGridAxis(text));
    const bool normalizeGiven = !o.normalize.empty() || !o.compare.empty();
    std::vector<GridAxis> axes;
    for (const auto& axis : fromFile) {
        if (axis.option == "normalize" && normalizeGiven) continue;
        const auto same =
            std::find_if(given.begin(), given.end(), [&](const GridAxis& g) { return g.option == axis.option; });
        if (same == given.end()) {
            axes.push_back(axis);
        } else {
            axes.push_back(*same);
            given.erase(same);
        }
    }
    axes.insert(axes.end(), given.begin(), given.end());
    return axes;
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
    for (const GroupComparison& c : compareGroups(groups))
        std::fprintf(to, "  %s\n", c.text.c_str());
}

int runTrain(TrainOptions& o) {
    const std::vector<GridAxis> fileAxes = applyExperimentFile(o);
    applyPreset(o);
    if (!o.normalize.empty() && !o.compare.empty()) throw Error("use either --normalize or --compare, not both");
    std::vector<GridAxis> axes = gridAxes(o, fileAxes);
    const bool normalizeVaried =
        std::any_of(axes.begin(), axes.end(), [](const GridAxis& a) { return a.option == "normalize"; });
    if (normalizeVaried && (!o.normalize.empty() || !o.compare.empty()))
        throw Error("give the normalizations once: --vary normalize=…, --compare or --normalize");
    if (!normalizeVaried) {
        GridAxis methods{"normalize", {}};
        // Without either, the configuration's own: zscore, or what an experiment file's options say.
        const std::string one = o.normalize.empty() ? methodName(o.config.normalization) : o.normalize;
        for (auto m : parseMethods(o.compare.empty() ? one : o.compare))
            methods.values.push_back(methodName(m));
        axes.push_back(methods);
    }
    if (const auto errors = validateConfig(o.config); !errors.empty()) throw Error(errors.front());
    const std::vector<GridRun> grid = expandGrid(o.config, axes, o.seeds);
    Experiment experiment{o.config, axes, o.seeds, {}};
    const std::vector<std::string> extraColumns = extraTableColumns(axes, o.seeds);

    // LibTorch takes about as long to load as the data: load both at once.
    setTrainEngineThreads(o.threads);
    auto loading = std::async(std::launch::async, [] { return &trainEngine(); });
    const TrainingData data = loadTrainingData(o.config);
    experiment.foundIn = data.train.origin;
    if (!o.saveExperiment.empty()) saveExperiment(o.saveExperiment, experiment);
    if (!o.exportPython.empty()) // before training: a data set the script cannot read stops here, not hours later
        writeFileAtomically(o.exportPython,
                            pythonScript(experiment, scriptDataFor(o.config, data), "normlab-cli " NORMLAB_VERSION));
    const TrainEngine& engine = *loading.get();
    const std::string device = engine.resolveDevice(o.config.device);
    std::vector<TrainConfig> configs;
    std::vector<std::string> names;
    for (const auto& run : grid) {
        configs.push_back(run.config);
        names.push_back(run.name);
    }
    std::FILE* human = o.jsonl ? stderr : stdout;
    std::fprintf(human, "data: %s, %zu train / %zu test images — %s\n", data.train.dataset.c_str(), data.train.count,
                 data.test.count, data.train.origin.c_str());
    std::fprintf(human, "engine: %s, %s\n", engine.description().c_str(), trainEnginePath().c_str());
    if (const std::string skipped = trainEngineSkipped(); !skipped.empty())
        std::fprintf(human, "engine: skipped %s\n", skipped.c_str());
    TrainPrinter printer(human, o.jsonl ? stderrIsTerminal() : stdoutIsTerminal(), static_cast<int>(configs.size()),
                         o.config.epochs);
    std::stop_source stop;
    std::signal(SIGINT, onInterrupt);

    ComparisonCallbacks cb;
    cb.onRunStarted = [&](int run, const TrainConfig& c) {
        printer.runStarted(run, names[static_cast<std::size_t>(run)], engine.resolveDevice(c.device));
    };
    cb.onBatch = [&](int run, int epoch, int batch, int batches) {
        if (g_interrupted.load()) stop.request_stop();
        printer.batch(run, epoch, batch, batches);
    };
    cb.onEpoch = [&](const EpochMetric& m) {
        printer.epoch(names[m.run], m);
        if (o.jsonl) {
            RunResult r;
            r.run = m.run;
            r.name = names[m.run];
            r.device = device;
            std::cout << epochJsonLine(r, m) << std::flush;
        }
    };
    cb.onRunFinished = [&](RunResult r) {
        r.name = names[static_cast<std::size_t>(r.run)];
        printer.runFinished(r);
        if (o.jsonl) std::cout << runJsonLine(r) << std::flush;
    };
    std::vector<RunResult> results = engine.runComparison(configs, data, {stop.get_token(), {}}, cb);
    for (auto& r : results)
        r.name = names[static_cast<std::size_t>(r.run)];
    std::signal(SIGINT, SIG_DFL);
    if (!o.out.empty()) emit(resultsToJson(results, experiment), o.out);
    if (!o.csv.empty()) emit(resultsToCsv(results, extraColumns), o.csv);
    const std::vector<SeedGroup> groups = groupBySeed(results);
    printSummary(human, groups);
    if (!o.summaryCsv.empty()) emit(seedSummaryCsv(groups), o.summaryCsv);
    for (const auto& r : results)
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
