#include "core/train/script/pythonscript.h"

#include <algorithm>

#include "core/common/shortestnumber.h"
#include "core/train/experiment/experimentgrid.h"
#include "core/train/script/pythonscriptparts.h"
#include "core/train/script/pythonsource.h"

namespace normlab {
namespace {

constexpr std::size_t kCommandWidth = 96; // the header's command line wraps at this width
constexpr std::size_t kSectionWidth = 100;

// "# --- The data NormLab trained on -----…": a section's title line, as wide as the code.
std::string section(const std::string& title) {
    const std::string start = "# --- " + title + " ";
    return "\n" + start + std::string(kSectionWidth > start.size() ? kSectionWidth - start.size() : 3, '-') + "\n";
}

// Quoted for a POSIX shell where needed.
std::string shellWord(const std::string& word) {
    const bool plain = !word.empty() && word.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                                                               "0123456789_./:=,+-@%") == std::string::npos;
    if (plain) return word;
    std::string quoted = "'";
    for (char c : word)
        quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return quoted + "'";
}

bool hasAxis(const Experiment& e, const std::string& option) {
    return std::any_of(e.grid.begin(), e.grid.end(), [&](const GridAxis& a) { return a.option == option; });
}

std::string joinedValues(const std::vector<std::string>& values) {
    std::string text;
    for (const auto& v : values)
        text += (text.empty() ? "" : ",") + v;
    return text;
}

// "    dict(BASE, name="lr=0.001 · none", normalization="none", lr=0.001),": what a run changes.
std::string runEntry(const GridRun& run, const TrainConfig& base) {
    const TrainConfig& c = run.config;
    std::string entry = "    dict(BASE, name=" + python::string(run.name, "run name") +
                        ", normalization=" + python::string(methodName(c.normalization), "normalization");
    if (c.model != base.model) entry += ", model=" + python::string(c.model, "model");
    if (c.optimizer != base.optimizer) entry += ", optimizer=" + python::string(c.optimizer, "optimizer");
    if (c.lr != base.lr) entry += ", lr=" + python::shortestFloat(c.lr);
    if (c.momentum != base.momentum) entry += ", momentum=" + python::shortestFloat(c.momentum);
    if (c.batchSize != base.batchSize) entry += ", batch_size=" + std::to_string(c.batchSize);
    if (c.epochs != base.epochs) entry += ", epochs=" + std::to_string(c.epochs);
    if (c.seed != base.seed) entry += ", seed=" + std::to_string(c.seed);
    return entry + "),\n";
}

std::string filesEntry(const std::string& split, const std::vector<SourceFile>& files) {
    std::string code = "    " + python::string(split, "split") + ": (\n";
    for (const auto& f : files) {
        if (!f.sha256.empty())
            code += "        # SHA-256 " + f.sha256 + "\n";
        else if (!f.published.empty())
            code += "        # " + python::comment(f.published) + "\n";
        code += "        " + python::string(f.path, "data file") + ",\n";
    }
    return code + "    ),\n";
}

// The words of trainCommandLine, shell-quoted, each option with its value ("--lr 0.01").
std::vector<std::string> commandWords(const Experiment& e) {
    const TrainConfig& b = e.base;
    std::vector<std::string> words{"normlab-cli train"};
    const auto add = [&](const std::string& option, const std::string& value) {
        words.push_back(option + " " + shellWord(value));
    };
    add("--dataset", b.dataset);
    if (!b.dataDir.empty()) add("--data-dir", b.dataDir.string());
    if (b.limit) add("--limit", std::to_string(b.limit));
    if (b.testSplit != "test") add("--test-split", b.testSplit);
    add("--model", b.model);
    add("--optimizer", b.optimizer);
    add("--lr", shortestText(b.lr));
    if (b.optimizer == "sgd" || hasAxis(e, "optimizer") || b.momentum != TrainConfig{}.momentum)
        add("--momentum", shortestText(b.momentum));
    add("--batch-size", std::to_string(b.batchSize));
    add("--epochs", std::to_string(b.epochs));
    add("--seed", std::to_string(b.seed));
    if (b.device != "auto") add("--device", b.device);
    // train --compare puts the normalizations last: --vary keeps every other axis where it is.
    for (std::size_t i = 0; i < e.grid.size(); ++i) {
        const GridAxis& a = e.grid[i];
        if (a.option == "normalize" && i + 1 == e.grid.size())
            add("--compare", joinedValues(a.values));
        else
            add("--vary", a.option + "=" + joinedValues(a.values));
    }
    if (!hasAxis(e, "normalize")) add("--normalize", methodName(b.normalization));
    if (e.seeds > 1) add("--seeds", std::to_string(e.seeds));
    return words;
}

std::string header(const Experiment& e, const ScriptData& data, const std::vector<GridRun>& runs,
                   const std::vector<std::string>& models, const std::string& madeBy) {
    std::string modelList;
    for (const auto& m : models)
        modelList += (modelList.empty() ? "" : ", ") + m;
    std::string code = "#!/usr/bin/env python3\n# NormLab's experiment as a standalone PyTorch script: " +
                       std::to_string(runs.size()) + (runs.size() == 1 ? " run of " : " runs of ") + modelList +
                       " on " + python::comment(data.dataset) + "\n# (" + python::comment(data.origin) +
                       "), written by " + python::comment(madeBy) + ".\n#\n# The same experiment in NormLab:\n";
    // The command wrapped between options, each line continued with a backslash.
    std::string line = "#   ";
    for (const auto& word : commandWords(e)) {
        if (line.size() + word.size() + 1 > kCommandWidth && line.size() > 4) {
            code += line + " \\\n";
            line = "#     ";
        } else if (line.size() > 4) {
            line += " ";
        }
        line += python::comment(word);
    }
    code += line + "\n";
    return code + R"py(#
# Run it:
#   python3 THIS_FILE.py --csv results.csv [--device auto|cpu|cuda|cuda:N]
# It trains the runs below one after the other and writes the lesson's table, one row per run and epoch
# (run, epoch, loss, accuracy, epoch duration, run duration, lr, batch_size, device, normalization,
# test_loss, test_accuracy), exactly as NormLab's --csv writes it. Needs torch, torchvision and NumPy
# (Debian: python3-torch python3-torchvision). It follows NormLab's recipe (the same files, constants,
# networks, optimizer, seeds and batch order), so its numbers match NormLab's closely, not bit for bit.
)py";
}

std::string dataSection(const Experiment& e, const ScriptData& data) {
    const bool onTrain = e.base.testSplit == "train";
    std::string code = section("The data NormLab trained on");
    code += "DATASET = " + python::string(data.dataset, "data set") + "  # " + python::comment(data.origin) + "\n";
    code += "# The files of each split, in reading order, with their SHA-256 as NormLab read them.\nDATA_FILES = {\n" +
            filesEntry("train", data.trainFiles);
    if (!onTrain) code += filesEntry(data.heldOutSplit, data.testFiles);
    code += "}\n";
    code += "HELD_OUT = " + python::string(onTrain ? "train" : data.heldOutSplit, "split") +
            (onTrain ? "  # evaluated on the train split itself (--test-split train)\n"
                     : "  # the split evaluated after each epoch\n");
    code += "LIMIT = " + std::to_string(e.base.limit) + "  # only the first LIMIT images of each split (0: all)\n";
    code += "CHANNELS, HEIGHT, WIDTH = " + std::to_string(data.channels) + ", " + std::to_string(data.height) + ", " +
            std::to_string(data.width) + "\n";
    code += "CLASSES = " + std::to_string(data.classes) + "  # the networks' outputs\n";
    return code;
}

std::string runsSection(const Experiment& e, const std::vector<GridRun>& runs) {
    const TrainConfig& b = e.base;
    std::string code = section("The runs, in NormLab's order and with its names");
    code += "# What every run shares; each entry says what it changes.\n";
    code += "BASE = dict(model=" + python::string(b.model, "model") +
            ", optimizer=" + python::string(b.optimizer, "optimizer") + ", lr=" + python::shortestFloat(b.lr) +
            ", momentum=" + python::shortestFloat(b.momentum) + ", batch_size=" + std::to_string(b.batchSize) +
            ", epochs=" + std::to_string(b.epochs) + ", seed=" + std::to_string(b.seed) + ")\nRUNS = [\n";
    for (const auto& run : runs)
        code += runEntry(run, b);
    code += "]\n# The lesson's table, then one column per varied option it has no column for, as NormLab's CSV.\n"
            "COLUMNS = [\"run\", \"epoch\", \"loss\", \"accuracy\", \"epoch duration\", \"run duration\", \"lr\", "
            "\"batch_size\", \"device\",\n           \"normalization\", \"test_loss\", \"test_accuracy\"]\n"
            "EXTRA_COLUMNS = [";
    const auto extra = extraTableColumns(e.grid, e.seeds);
    for (std::size_t i = 0; i < extra.size(); ++i)
        code += (i ? ", " : "") + python::string(extra[i], "option");
    code += "]\n" + section("How NormLab trains (core/train/engine/trainer.cpp)");
    code += "REPORTS_PER_EPOCH = " + std::to_string(b.reportsPerEpoch) +
            "  # the mean loss is checked for divergence this often per epoch\n";
    code += "DIVERGED_LOSS = " + python::shortestFloat(kDivergedLoss) +
            "  # a mean loss above this (or not finite) ends the run: the logits blew up\n";
    code += "EVAL_CHUNK = " + std::to_string(kEvalChunk) + "  # held-out images per forward pass\n";
    code += "DEVICE = " + python::string(b.device, "device") +
            "  # NormLab's --device (the script's --device overrides it)\n";
    return code;
}

} // namespace

std::string trainCommandLine(const Experiment& experiment) {
    std::string line;
    for (const auto& word : commandWords(experiment))
        line += (line.empty() ? "" : " ") + word;
    return line;
}

std::string pythonScript(const Experiment& experiment, const ScriptData& data, const std::string& madeBy) {
    const std::vector<GridRun> runs = expandGrid(experiment.base, experiment.grid, experiment.seeds);
    std::vector<Method> methods;
    std::vector<std::string> models;
    for (const auto& run : runs) {
        if (std::find(methods.begin(), methods.end(), run.config.normalization) == methods.end())
            methods.push_back(run.config.normalization);
        if (std::find(models.begin(), models.end(), run.config.model) == models.end())
            models.push_back(run.config.model);
    }
    std::string script = header(experiment, data, runs, models, madeBy);
    script += "\n" + python::importsCode(data);
    script += dataSection(experiment, data);
    script += section("Normalization constants: the train split's, as NormLab computed them") +
              python::constantsCode(methods, data.params);
    script += runsSection(experiment, runs);
    script += "\n\n" + python::readerCode(data);
    script += "\n\n" + python::normalizationCode(methods);
    script += "\n\n" + python::modelCode(models, data);
    script += "\n\n" + python::trainingCode();
    return script;
}

} // namespace normlab
