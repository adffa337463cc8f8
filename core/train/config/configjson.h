#pragma once

// Private to core/train and core/session: includes nlohmann/json. The one place where a
// TrainConfig's settings are spelled as file keys, so experiment files, results files and grids
// cannot disagree on a name ("batch_size" in files, "batch-size" on the command line).

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/train/config/trainconfig.h"

namespace normlab {

using ConfigJson = nlohmann::ordered_json;

// Which settings: the data a run reads (dataset, data_dir, limit, test_split), or the options of
// training (model, optimizer, lr, momentum, batch_size, epochs, seed, device, normalization).
enum class ConfigPart { Data, Options };

struct ConfigKey {
    const char* key;       // in JSON files: "batch_size"
    const char* option;    // on the command line and in grids: "batch-size"
    ConfigPart part;
};

// Every setting a file records, in the order files write them.
const std::vector<ConfigKey>& configKeys();
std::vector<std::string> configKeyNames(ConfigPart part);
// "batch-size" -> "batch_size"; an option with no key (e.g. "normalize" is "normalization") maps too.
std::string configKeyOfOption(const std::string& option);

// The settings of one part as a JSON object, keys in configKeys() order.
ConfigJson configToJson(const TrainConfig& config, ConfigPart part);
// Both parts in one flat object (results files).
ConfigJson configToJson(const TrainConfig& config);

// Sets one setting from its JSON value; false for a key that is no setting. Throws Error with the
// problem alone ("must be a number", "unknown normalization (expected …)"); the caller adds the file
// and the key. No validation of the whole configuration: callers that need it call validateConfig.
bool setConfigKey(TrainConfig& config, const std::string& key, const ConfigJson& value);

} // namespace normlab
