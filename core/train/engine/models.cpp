#include "core/train/engine/models.h"

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
    // One layer per statement, in the order they run: each draws its initial weights from the seeded
    // generator in that order, as nn.Sequential(...) does in Python. (Layers passed as the arguments
    // of one call were created in whatever order the compiler evaluates arguments, right to left with
    // GCC, so the initial weights depended on the compiler and an exported Python script could not
    // start from the same ones.)
    if (name == "lesson-cnn" || name == "lesson-cnn-bn") { // -bn: the lesson's closing suggestion
        const bool batchNorm = name == "lesson-cnn-bn";
        nn::Sequential features;
        features->push_back(nn::Conv2d(nn::Conv2dOptions(channels, 6, 5)));
        if (batchNorm) features->push_back(nn::BatchNorm2d(6));
        features->push_back(nn::ReLU());
        features->push_back(nn::MaxPool2d(2));
        features->push_back(nn::Conv2d(nn::Conv2dOptions(6, 12, 5)));
        if (batchNorm) features->push_back(nn::BatchNorm2d(12));
        features->push_back(nn::ReLU());
        features->push_back(nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 120, 60, name, batchNorm);
    }
    if (name == "lenet5") {
        nn::Sequential features;
        features->push_back(nn::Conv2d(nn::Conv2dOptions(channels, 6, 5).padding(2)));
        features->push_back(nn::ReLU());
        features->push_back(nn::MaxPool2d(2));
        features->push_back(nn::Conv2d(nn::Conv2dOptions(6, 16, 5)));
        features->push_back(nn::ReLU());
        features->push_back(nn::MaxPool2d(2));
        return convNet(features, channels, height, width, classes, 120, 84, name);
    }
    if (name == "cifar-cnn") { // two VGG-style blocks: wide enough for 32x32 colour photographs
        nn::Sequential features;
        for (const auto& [in, out] : {std::pair<std::int64_t, std::int64_t>{channels, 32}, {32, 64}}) {
            features->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1)));
            features->push_back(nn::ReLU());
            features->push_back(nn::Conv2d(nn::Conv2dOptions(out, out, 3).padding(1)));
            features->push_back(nn::ReLU());
            features->push_back(nn::MaxPool2d(2));
        }
        return convNet(features, channels, height, width, classes, 256, 128, name);
    }
    if (name == "mlp") {
        nn::Sequential model;
        model->push_back(nn::Flatten());
        model->push_back(nn::Linear(std::int64_t{channels} * height * width, 128));
        model->push_back(nn::ReLU());
        model->push_back(nn::Linear(128, classes));
        return model;
    }
    throw Error("unknown model '" + name + "'");
}

} // namespace normlab
