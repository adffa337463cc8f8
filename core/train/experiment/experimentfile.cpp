#include "core/train/experiment/experimentfile.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/common/shortestnumber.h"
#include "core/common/filebytes.h"
#include "core/common/atomicfile.h"

namespace normlab {
namespace {

using json = nlohmann::ordered_json;

constexpr const char* kFormat = "normlab-experiment/1";
const std::vector<std::string> kTopKeys{"format",  "dataset", "data_dir", "limit",   "test_split",
                                        "options", "grid",    "seeds",    "found_in"};
const std::vector<std::string> kOptionKeys{"model",  "optimizer", "lr",     "momentum",     "batch_size",
                                           "epochs", "seed",      "device", "normalization"};

// Reads one JSON document; every problem names the file and the key, so the messages share a shape.
class Reader {
public:
    explicit Reader(const std::string& name) : m_name(name) {}

    [[noreturn]] void fail(const std::string& key, const std::string& problem) const {
        throw Error(m_name + ": " + key + ": " + problem);
    }

    void onlyKnownKeys(const json& object, const std::vector<std::string>& known, const std::string& where) const {
        for (const auto& item : object.items())
            if (std::find(known.begin(), known.end(), item.key()) == known.end())
                fail(where + item.key(), "unknown key (expected " + joined(known) + ")");
    }

    std::string text(const json& v, const std::string& key) const {
        if (!v.is_string()) fail(key, "must be a string");
        return v.get<std::string>();
    }
    double number(const json& v, const std::string& key) const {
        if (!v.is_number()) fail(key, "must be a number");
        return v.get<double>();
    }
    // Whole numbers in [0, hi]; 2.0 is not one (the writer never writes it, so a person did).
    std::uint64_t whole(const json& v, const std::string& key, std::uint64_t hi) const {
        if (v.is_number_unsigned() && v.get<std::uint64_t>() <= hi) return v.get<std::uint64_t>();
        fail(key, "must be a whole number from 0 to " + std::to_string(hi));
    }

    // A configuration that was valid before one key was set and is not now is that key's fault.
    void checkConfig(const TrainConfig& c, const std::string& key) const {
        if (const auto errors = validateConfig(c); !errors.empty()) fail(key, errors.front());
    }

private:
    std::string m_name;
};

void readOptions(const Reader& in, const json& options, TrainConfig& c) {
    if (!options.is_object()) in.fail("options", "must be an object");
    in.onlyKnownKeys(options, kOptionKeys, "options.");
    for (const auto& [key, v] : options.items()) {
        const std::string where = "options." + key;
        constexpr auto kMaxInt = static_cast<std::uint64_t>(std::numeric_limits<int>::max());
        if (key == "model")
            c.model = in.text(v, where);
        else if (key == "optimizer")
            c.optimizer = in.text(v, where);
        else if (key == "lr")
            c.lr = in.number(v, where);
        else if (key == "momentum")
            c.momentum = in.number(v, where);
        else if (key == "batch_size")
            c.batchSize = static_cast<int>(in.whole(v, where, kMaxInt));
        else if (key == "epochs")
            c.epochs = static_cast<int>(in.whole(v, where, kMaxInt));
        else if (key == "seed")
            c.seed = in.whole(v, where, std::numeric_limits<std::uint64_t>::max());
        else if (key == "device")
            c.device = in.text(v, where);
        else if (key == "normalization") {
            const auto m = parseMethod(in.text(v, where));
            if (!m) in.fail(where, "unknown normalization (expected " + methodNameList() + ")");
            c.normalization = *m;
        }
        in.checkConfig(c, where);
    }
}

// A grid value as `--vary` would spell it: numbers people write bare become the same text.
std::string axisValue(const Reader& in, const json& v, const std::string& where) {
    if (v.is_string()) return v.get<std::string>();
    if (v.is_number_unsigned()) return std::to_string(v.get<std::uint64_t>());
    if (v.is_number_integer()) return std::to_string(v.get<std::int64_t>());
    if (v.is_number_float()) return shortestText(v.get<double>());
    in.fail(where, "must be a string or a number");
}

std::vector<GridAxis> readGrid(const Reader& in, const json& grid) {
    if (!grid.is_array()) in.fail("grid", "must be a list of {\"option\", \"values\"}");
    std::vector<GridAxis> axes;
    for (std::size_t i = 0; i < grid.size(); ++i) {
        const std::string where = "grid[" + std::to_string(i) + "]";
        const json& a = grid[i];
        if (!a.is_object()) in.fail(where, "must be an object with \"option\" and \"values\"");
        in.onlyKnownKeys(a, {"option", "values"}, where + ".");
        if (!a.contains("option")) in.fail(where + ".option", "missing");
        if (!a.contains("values")) in.fail(where + ".values", "missing");
        GridAxis axis{in.text(a["option"], where + ".option"), {}};
        const auto& options = gridOptions();
        if (std::find(options.begin(), options.end(), axis.option) == options.end())
            in.fail(where + ".option", "cannot vary '" + axis.option + "' (expected one of " + joined(options) + ")");
        for (const auto& earlier : axes)
            if (earlier.option == axis.option) in.fail(where + ".option", "'" + axis.option + "' is given twice");
        const json& values = a["values"];
        if (!values.is_array() || values.empty()) in.fail(where + ".values", "must be a non-empty list");
        TrainConfig check;
        for (std::size_t k = 0; k < values.size(); ++k) {
            const std::string valueKey = where + ".values[" + std::to_string(k) + "]";
            axis.values.push_back(axisValue(in, values[k], valueKey));
            try {
                applyOption(check, axis.option, axis.values.back());
            } catch (const Error& e) {
                in.fail(valueKey, e.what());
            }
        }
        axes.push_back(std::move(axis));
    }
    return axes;
}

} // namespace

std::string experimentToJson(const Experiment& e, int indent) {
    const TrainConfig& c = e.base;
    json grid = json::array();
    for (const auto& axis : e.grid)
        grid.push_back({{"option", axis.option}, {"values", axis.values}});
    const json j = {{"format", kFormat},
                    {"dataset", c.dataset},
                    {"data_dir", c.dataDir.string()},
                    {"limit", c.limit},
                    {"test_split", c.testSplit},
                    {"options",
                     {{"model", c.model},
                      {"optimizer", c.optimizer},
                      {"lr", c.lr},
                      {"momentum", c.momentum},
                      {"batch_size", c.batchSize},
                      {"epochs", c.epochs},
                      {"seed", c.seed},
                      {"device", c.device},
                      {"normalization", methodName(c.normalization)}}},
                    {"grid", grid},
                    {"seeds", e.seeds},
                    {"found_in", e.foundIn}};
    return j.dump(indent) + "\n";
}

Experiment experimentFromJson(std::string_view text, const std::string& name) {
    const Reader in(name);
    json j;
    try {
        j = json::parse(text);
    } catch (const json::exception& e) { // parse_error, and out_of_range for numbers that overflow
        throw Error(name + ": not valid JSON (" + std::string(e.what()) + ")");
    }
    if (!j.is_object()) throw Error(name + ": not a NormLab experiment (expected a JSON object)");
    if (!j.contains("format") || !j["format"].is_string() || j["format"].get<std::string>() != kFormat)
        in.fail("format", std::string("not a NormLab experiment (format is not ") + kFormat + ")");
    in.onlyKnownKeys(j, kTopKeys, "");

    // Keys left out keep `train`'s defaults, so a hand-written file can name only what it changes.
    Experiment e;
    TrainConfig& c = e.base;
    if (j.contains("dataset")) c.dataset = in.text(j["dataset"], "dataset");
    if (j.contains("data_dir")) c.dataDir = in.text(j["data_dir"], "data_dir");
    if (j.contains("limit")) c.limit = in.whole(j["limit"], "limit", std::numeric_limits<std::size_t>::max());
    if (j.contains("test_split")) {
        c.testSplit = in.text(j["test_split"], "test_split");
        in.checkConfig(c, "test_split");
    }
    if (j.contains("options")) readOptions(in, j["options"], c);
    if (j.contains("grid")) e.grid = readGrid(in, j["grid"]);
    if (j.contains("seeds")) {
        constexpr std::uint64_t kMaxSeeds = 1000; // as train --seeds
        const json& s = j["seeds"];
        if (!s.is_number_unsigned() || s.get<std::uint64_t>() < 1 || s.get<std::uint64_t>() > kMaxSeeds)
            in.fail("seeds", "must be a whole number from 1 to " + std::to_string(kMaxSeeds));
        e.seeds = static_cast<int>(s.get<std::uint64_t>());
    }
    if (j.contains("found_in")) e.foundIn = in.text(j["found_in"], "found_in");
    return e;
}

void saveExperiment(const std::filesystem::path& path, const Experiment& experiment) {
    writeFileAtomically(path, experimentToJson(experiment));
}

Experiment loadExperiment(const std::filesystem::path& path) {
    const auto bytes = readFileBytes(path);
    return experimentFromJson(std::string_view(reinterpret_cast<const char*>(bytes.data()), bytes.size()),
                              path.string());
}

} // namespace normlab
