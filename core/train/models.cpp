#include "core/train/models.h"

#include "core/common/error.h"

namespace normlab {
namespace {

namespace nn = torch::nn;

// The flattened feature count after the convolutional part, found by one dry run (in eval mode,
// so that batch norm's running statistics do not see the zeros).
std::int64_t featuresAfter(nn::Sequential& features, int channels, int height, int width) {
    torch::NoGradGuard noGrad;
    features->eval();
    const std::int64_t flat = features->forward(torch::zeros({1, channels, height, width})).numel();
    features->train();
    return flat;
}

// The classifier head of the CNNs: two hidden layers, each followed by batch norm when asked.
nn::Sequential convNet(nn::Sequential features, int channels, int height, int width, int classes, std::int64_t hidden1,
                       std::int64_t hidden2, const std::string& name, bool batchNorm = false) {
    if (height < 12 || width < 12) throw Error(name + " needs images of at least 12x12 pixels");
    const std::int64_t flat = featuresAfter(features, channels, height, width);
    nn::Sequential model;
    for (const auto& module : *features)
        model->push_back(module);
    model->push_back(nn::Flatten());
    model->push_back(nn::Linear(flat, hidden1));
    if (batchNorm) model->push_back(nn::BatchNorm1d(hidden1));
    model->push_back(nn::ReLU());
    model->push_back(nn::Linear(hidden1, hidden2));
    if (batchNorm) model->push_back(nn::BatchNorm1d(hidden2));
    model->push_back(nn::ReLU());
    model->push_back(nn::Linear(hidden2, classes));
    return model;
}

} // namespace

torch::nn::Sequential buildModel(const std::string& name, int channels, int height, int width, int classes) {
    if (name == "lesson-cnn") {
        nn::Sequential features(nn::Conv2d(nn::Conv2dOptions(channels, 6, 5)), nn::ReLU(), nn::MaxPool2d(2),
                                nn::Conv2d(nn::Conv2dOptions(6, 12, 5)), nn::ReLU(), nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 120, 60, name);
    }
    if (name == "lesson-cnn-bn") { // the lesson's closing suggestion: batch norm after every hidden layer
        nn::Sequential features(nn::Conv2d(nn::Conv2dOptions(channels, 6, 5)), nn::BatchNorm2d(6), nn::ReLU(),
                                nn::MaxPool2d(2), nn::Conv2d(nn::Conv2dOptions(6, 12, 5)), nn::BatchNorm2d(12),
                                nn::ReLU(), nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 120, 60, name, true);
    }
    if (name == "lenet5") {
        nn::Sequential features(nn::Conv2d(nn::Conv2dOptions(channels, 6, 5).padding(2)), nn::ReLU(), nn::MaxPool2d(2),
                                nn::Conv2d(nn::Conv2dOptions(6, 16, 5)), nn::ReLU(), nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 120, 84, name);
    }
    if (name == "cifar-cnn") { // two VGG-style blocks: wide enough for 32x32 colour photographs
        const auto conv = [](std::int64_t in, std::int64_t out) {
            return nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1));
        };
        nn::Sequential features(conv(channels, 32), nn::ReLU(), conv(32, 32), nn::ReLU(), nn::MaxPool2d(2),
                                conv(32, 64), nn::ReLU(), conv(64, 64), nn::ReLU(), nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 256, 128, name);
    }
    if (name == "mlp") {
        return nn::Sequential(nn::Flatten(), nn::Linear(std::int64_t{channels} * height * width, 128), nn::ReLU(),
                              nn::Linear(128, classes));
    }
    throw Error("unknown model '" + name + "'");
}

} // namespace normlab
