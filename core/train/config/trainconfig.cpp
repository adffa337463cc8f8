#include "core/train/config/trainconfig.h"

#include <algorithm>
#include <cmath>
#include <regex>

#include "core/common/joined.h"

namespace normlab {
namespace {

constexpr int kMaxEpochs = 10000;
constexpr int kMaxBatch = 1 << 20;

bool contains(const std::vector<std::string>& list, const std::string& item) {
    return std::find(list.begin(), list.end(), item) != list.end();
}

} // namespace

TrainConfig lessonPreset() {
    TrainConfig c;
    c.dataset = "fashion-mnist";
    c.model = "lesson-cnn";
    c.optimizer = "adam";
    c.lr = 0.01;
    c.batchSize = 1000;
    c.epochs = 20;
    return c;
}

std::vector<Method> lessonMethods() {
    return {Method::None, Method::ZScore};
}

std::vector<TrainConfig> comparisonConfigs(const TrainConfig& base, const std::vector<Method>& methods) {
    std::vector<TrainConfig> configs;
    for (auto m : methods) {
        TrainConfig c = base;
        c.normalization = m;
        configs.push_back(c);
    }
    return configs;
}

std::vector<std::string> modelNames() {
    return {"lesson-cnn", "lesson-cnn-bn", "mlp", "lenet5", "cifar-cnn"};
}
std::vector<std::string> optimizerNames() {
    return {"adam", "sgd"};
}

std::vector<std::string> validateConfig(const TrainConfig& c) {
    std::vector<std::string> errors;
    if (!contains(modelNames(), c.model))
        errors.push_back("unknown model '" + c.model + "' (expected " + joined(modelNames()) + ")");
    if (!contains(optimizerNames(), c.optimizer))
        errors.push_back("unknown optimizer '" + c.optimizer + "' (expected " + joined(optimizerNames()) + ")");
    if (!(c.lr > 0) || !std::isfinite(c.lr)) errors.push_back("learning rate must be a positive number");
    if (!(c.momentum >= 0 && c.momentum < 1)) errors.push_back("momentum must be in [0, 1)");
    if (c.batchSize < 1 || c.batchSize > kMaxBatch)
        errors.push_back("batch size must be between 1 and " + std::to_string(kMaxBatch));
    if (c.epochs < 1 || c.epochs > kMaxEpochs)
        errors.push_back("epochs must be between 1 and " + std::to_string(kMaxEpochs));
    if (c.reportsPerEpoch < 1) errors.push_back("reports per epoch must be at least 1");
    if (c.testSplit != "test" && c.testSplit != "train") errors.push_back("test split must be test or train");
    static const std::regex device("auto|cpu|cuda(:[0-9]+)?");
    if (!std::regex_match(c.device, device))
        errors.push_back("unknown device '" + c.device + "' (expected auto, cpu, cuda or cuda:N)");
    return errors;
}

} // namespace normlab
