#include "core/train/experiment/resultsexport.h"

#include <iomanip>
#include <limits>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/shortestnumber.h"
#include "core/train/config/configjson.h"
#include "core/train/experiment/experimentgrid.h"

namespace normlab {
namespace {

using json = ConfigJson;

constexpr const char* kFormat = "normlab-results/1";

json epochJson(const EpochMetric& e) {
    return {{"epoch", e.epoch},
            {"loss", e.trainLoss},
            {"accuracy", e.trainAccuracy},
            {"test_loss", e.testLoss},
            {"test_accuracy", e.testAccuracy},
            {"epoch_seconds", e.epochSeconds},
            {"run_seconds", e.runSeconds}};
}

json runJson(const RunResult& r, bool withSteps) {
    json epochs = json::array();
    for (const auto& e : r.epochs)
        epochs.push_back(epochJson(e));
    json j = {{"run", r.run},
              {"name", r.name},
              {"status", runStatusName(r.status)},
              {"message", r.message},
              {"device", r.device},
              {"seconds", r.seconds},
              {"batches", r.batchesDone},
              {"initial_weight_sum", r.initialWeightSum},
              {"config", configToJson(r.config)},
              {"epochs", epochs}};
    if (withSteps) {
        json steps = json::array();
        for (const auto& s : r.steps)
            steps.push_back({s.epochs, s.loss});
        j["steps"] = {{"columns", {"epoch", "loss"}}, {"values", steps}};
    }
    return j;
}

template <typename T> T field(const json& j, const char* key, const std::string& source) {
    if (!j.contains(key)) throw Error(source + ": not a NormLab results file (missing '" + key + "')");
    try {
        return j.at(key).get<T>();
    } catch (const json::exception&) {
        throw Error(source + ": not a NormLab results file ('" + key + "' has the wrong type)");
    }
}

RunStatus statusFrom(const std::string& name, const std::string& source) {
    for (auto s : {RunStatus::Queued, RunStatus::Running, RunStatus::Finished, RunStatus::Cancelled,
                   RunStatus::Diverged, RunStatus::Failed})
        if (runStatusName(s) == name) return s;
    throw Error(source + ": unknown run status '" + name + "'");
}

// A run's configuration through the one key mapping (core/train/config/configjson.h). Files from
// every version so far have these keys; the others (momentum, device, data_dir, …) are read when
// present, so a reopened grid over momentum still tells its runs apart.
TrainConfig configOfRun(const json& config, int run, const std::string& source) {
    if (!config.is_object()) throw Error(source + ": not a NormLab results file ('config' has the wrong type)");
    static const char* const kRequired[] = {"dataset", "model", "optimizer", "lr", "batch_size", "epochs", "seed",
                                            "normalization"};
    for (const char* key : kRequired)
        if (!config.contains(key)) throw Error(source + ": not a NormLab results file (missing '" + key + "')");
    TrainConfig c;
    for (const auto& [key, value] : config.items()) {
        try {
            setConfigKey(c, key, value); // a key that is no setting (a newer file's) is passed over
        } catch (const Error& e) {
            throw Error(source + ": run " + std::to_string(run) + ": config." + key + ": " + e.what());
        }
    }
    return c;
}

json resultsJson(const std::vector<RunResult>& runs) {
    json j;
    j["format"] = kFormat;
    j["conventions"] = "loss and accuracy are averaged over each epoch's batches, weighted by batch size, as "
                       "the lesson computes them; test metrics are computed after each epoch with the model in "
                       "eval mode; durations are wall-clock seconds including the test pass.";
    json list = json::array();
    for (const auto& r : runs)
        list.push_back(runJson(r, true));
    j["runs"] = list;
    return j;
}

json parseResults(const std::string& text, const std::string& source) {
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) { // parse_error, and out_of_range for numbers that overflow
        throw Error(source + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!j.is_object() || field<std::string>(j, "format", source) != kFormat)
        throw Error(source + ": not a NormLab results file (format is not " + kFormat + ")");
    return j;
}

} // namespace

std::string resultsToJson(const std::vector<RunResult>& runs, int indent) {
    return resultsJson(runs).dump(indent) + "\n";
}

std::string resultsToJson(const std::vector<RunResult>& runs, const Experiment& experiment, int indent) {
    json j = resultsJson(runs);
    // One writer for the experiment object: the experiment file's own, parsed back into this document.
    j["experiment"] = json::parse(experimentToJson(experiment));
    return j.dump(indent) + "\n";
}

std::string resultsToCsv(const std::vector<RunResult>& runs, const std::vector<std::string>& extraOptions) {
    std::ostringstream out;
    out << "run,epoch,loss,accuracy,epoch duration,run duration,lr,batch_size,device,normalization,test_loss,"
           "test_accuracy";
    for (const auto& option : extraOptions)
        out << ',' << option;
    out << '\n';
    // Shortest text that reads back exactly: 0.3157, not 0.31569999999999998.
    const auto n = [](double v) { return shortestText(v); };
    for (const auto& r : runs)
        for (const auto& e : r.epochs) {
            out << r.run << ',' << e.epoch << ',' << n(e.trainLoss) << ',' << n(e.trainAccuracy) << ','
                << n(e.epochSeconds) << ',' << n(e.runSeconds) << ',' << n(r.config.lr) << ',' << r.config.batchSize
                << ',' << r.device << ',' << methodName(r.config.normalization) << ',' << n(e.testLoss) << ','
                << n(e.testAccuracy);
            for (const auto& option : extraOptions)
                out << ',' << optionValue(r.config, option);
            out << '\n';
        }
    return out.str();
}

std::string epochJsonLine(const RunResult& run, const EpochMetric& epoch) {
    json j = {{"type", "epoch"}, {"run", run.run}, {"name", run.name}, {"device", run.device}};
    j.update(epochJson(epoch));
    return j.dump() + "\n";
}

std::string runJsonLine(const RunResult& run) {
    json j = runJson(run, false);
    j["type"] = "run";
    return j.dump() + "\n";
}

std::vector<RunResult> resultsFromJson(const std::string& text, const std::string& source) {
    const json j = parseResults(text, source);
    std::vector<RunResult> runs;
    for (const auto& r : field<json>(j, "runs", source)) {
        RunResult run;
        run.run = field<int>(r, "run", source);
        run.name = field<std::string>(r, "name", source);
        run.status = statusFrom(field<std::string>(r, "status", source), source);
        run.message = field<std::string>(r, "message", source);
        run.device = field<std::string>(r, "device", source);
        run.seconds = field<double>(r, "seconds", source);
        run.config = configOfRun(field<json>(r, "config", source), run.run, source);
        for (const auto& e : field<json>(r, "epochs", source)) {
            EpochMetric m;
            m.run = run.run;
            m.epoch = field<int>(e, "epoch", source);
            m.trainLoss = field<double>(e, "loss", source);
            m.trainAccuracy = field<double>(e, "accuracy", source);
            m.testLoss = field<double>(e, "test_loss", source);
            m.testAccuracy = field<double>(e, "test_accuracy", source);
            m.epochSeconds = field<double>(e, "epoch_seconds", source);
            m.runSeconds = field<double>(e, "run_seconds", source);
            run.epochs.push_back(m);
        }
        if (r.contains("steps"))
            for (const auto& s : field<json>(field<json>(r, "steps", source), "values", source)) {
                if (!s.is_array() || s.size() != 2 || !s[0].is_number() || !s[1].is_number())
                    throw Error(source + ": malformed step in run " + std::to_string(run.run));
                run.steps.push_back({run.run, s[0].get<double>(), s[1].get<double>()});
            }
        runs.push_back(std::move(run));
    }
    return runs;
}

std::optional<Experiment> experimentOfResults(const std::string& text, const std::string& source) {
    const json j = parseResults(text, source);
    if (!j.contains("experiment")) return std::nullopt;
    return experimentFromJson(j["experiment"].dump(), source + " (experiment)");
}

} // namespace normlab
