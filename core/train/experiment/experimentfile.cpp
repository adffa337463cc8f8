#include "core/train/experiment/experimentfile.h"

#include <algorithm>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/common/shortestnumber.h"
#include "core/common/filebytes.h"
#include "core/common/atomicfile.h"
#include "core/train/config/configjson.h"

namespace normlab {
namespace {

using json = ConfigJson;

constexpr const char* kFormat = "normlab-experiment/1";

std::vector<std::string> topKeys() {
    std::vector<std::string> keys{"format"};
    for (const auto& k : configKeyNames(ConfigPart::Data))
        keys.push_back(k);
    keys.insert(keys.end(), {"options", "grid", "seeds", "found_in"});
    return keys;
}

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

    // One setting of the configuration (core/train/config/configjson.h spells them all). A
    // configuration that was valid before the key was set and is not now is that key's fault.
    void setting(TrainConfig& c, const std::string& key, const json& v, const std::string& where) const {
        try {
            setConfigKey(c, key, v);
        } catch (const Error& e) {
            fail(where, e.what());
        }
        if (key == "dataset" || key == "data_dir" || key == "limit") return; // checked when the data loads
        if (const auto errors = validateConfig(c); !errors.empty()) fail(where, errors.front());
    }

private:
    std::string m_name;
};

void readOptions(const Reader& in, const json& options, TrainConfig& c) {
    if (!options.is_object()) in.fail("options", "must be an object");
    in.onlyKnownKeys(options, configKeyNames(ConfigPart::Options), "options.");
    for (const auto& [key, v] : options.items())
        in.setting(c, key, v, "options." + key);
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
    json grid = json::array();
    for (const auto& axis : e.grid)
        grid.push_back({{"option", axis.option}, {"values", axis.values}});
    json j = {{"format", kFormat}};
    j.update(configToJson(e.base, ConfigPart::Data));
    j["options"] = configToJson(e.base, ConfigPart::Options);
    j["grid"] = grid;
    j["seeds"] = e.seeds;
    j["found_in"] = e.foundIn;
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
    in.onlyKnownKeys(j, topKeys(), "");

    // Keys left out keep `train`'s defaults, so a hand-written file can name only what it changes.
    Experiment e;
    TrainConfig& c = e.base;
    for (const auto& key : configKeyNames(ConfigPart::Data))
        if (j.contains(key)) in.setting(c, key, j[key], key);
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
