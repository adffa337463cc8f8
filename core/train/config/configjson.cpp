#include "core/train/config/configjson.h"

#include <limits>

#include "core/common/error.h"

namespace normlab {
namespace {

std::string text(const ConfigJson& v) {
    if (!v.is_string()) throw Error("must be a string");
    return v.get<std::string>();
}

double number(const ConfigJson& v) {
    if (!v.is_number()) throw Error("must be a number");
    return v.get<double>();
}

// Whole numbers in [0, hi]; 2.0 is not one (no writer writes it, so a person did).
std::uint64_t whole(const ConfigJson& v, std::uint64_t hi) {
    if (v.is_number_unsigned() && v.get<std::uint64_t>() <= hi) return v.get<std::uint64_t>();
    // A document built in memory holds an int as a signed number (parsed text never does when >= 0).
    if (v.is_number_integer() && v.get<std::int64_t>() >= 0 && static_cast<std::uint64_t>(v.get<std::int64_t>()) <= hi)
        return static_cast<std::uint64_t>(v.get<std::int64_t>());
    throw Error("must be a whole number from 0 to " + std::to_string(hi));
}

constexpr auto kMaxInt = static_cast<std::uint64_t>(std::numeric_limits<int>::max());

} // namespace

const std::vector<ConfigKey>& configKeys() {
    static const std::vector<ConfigKey> keys{
        {"dataset", "dataset", ConfigPart::Data},
        {"data_dir", "data-dir", ConfigPart::Data},
        {"limit", "limit", ConfigPart::Data},
        {"test_split", "test-split", ConfigPart::Data},
        {"model", "model", ConfigPart::Options},
        {"optimizer", "optimizer", ConfigPart::Options},
        {"lr", "lr", ConfigPart::Options},
        {"momentum", "momentum", ConfigPart::Options},
        {"batch_size", "batch-size", ConfigPart::Options},
        {"epochs", "epochs", ConfigPart::Options},
        {"seed", "seed", ConfigPart::Options},
        {"device", "device", ConfigPart::Options},
        {"normalization", "normalize", ConfigPart::Options},
    };
    return keys;
}

std::vector<std::string> configKeyNames(ConfigPart part) {
    std::vector<std::string> names;
    for (const ConfigKey& k : configKeys())
        if (k.part == part) names.emplace_back(k.key);
    return names;
}

std::string configKeyOfOption(const std::string& option) {
    for (const ConfigKey& k : configKeys())
        if (option == k.option) return k.key;
    throw Error("unknown option '" + option + "'");
}

ConfigJson configToJson(const TrainConfig& c, ConfigPart part) {
    ConfigJson j = ConfigJson::object();
    if (part == ConfigPart::Data) {
        j["dataset"] = c.dataset;
        j["data_dir"] = c.dataDir.string();
        j["limit"] = c.limit;
        j["test_split"] = c.testSplit;
    } else {
        j["model"] = c.model;
        j["optimizer"] = c.optimizer;
        j["lr"] = c.lr;
        j["momentum"] = c.momentum;
        j["batch_size"] = c.batchSize;
        j["epochs"] = c.epochs;
        j["seed"] = c.seed;
        j["device"] = c.device;
        j["normalization"] = methodName(c.normalization);
    }
    return j;
}

ConfigJson configToJson(const TrainConfig& c) {
    ConfigJson j = configToJson(c, ConfigPart::Data);
    j.update(configToJson(c, ConfigPart::Options));
    return j;
}

bool setConfigKey(TrainConfig& c, const std::string& key, const ConfigJson& v) {
    if (key == "dataset")
        c.dataset = text(v);
    else if (key == "data_dir")
        c.dataDir = text(v);
    else if (key == "limit")
        c.limit = whole(v, std::numeric_limits<std::size_t>::max());
    else if (key == "test_split")
        c.testSplit = text(v);
    else if (key == "model")
        c.model = text(v);
    else if (key == "optimizer")
        c.optimizer = text(v);
    else if (key == "lr")
        c.lr = number(v);
    else if (key == "momentum")
        c.momentum = number(v);
    else if (key == "batch_size")
        c.batchSize = static_cast<int>(whole(v, kMaxInt));
    else if (key == "epochs")
        c.epochs = static_cast<int>(whole(v, kMaxInt));
    else if (key == "seed")
        c.seed = whole(v, std::numeric_limits<std::uint64_t>::max());
    else if (key == "device")
        c.device = text(v);
    else if (key == "normalization") {
        const auto m = parseMethod(text(v));
        if (!m) throw Error("unknown normalization (expected " + methodNameList() + ")");
        c.normalization = *m;
    } else
        return false;
    return true;
}

} // namespace normlab
