#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "core/stats/normalization.h"

namespace normlab {

// Everything that defines one training run. Runs of a comparison share all of it but one
// setting (the normalization, by default) — including the seed, so they start from the same
// weights and see the same batches.
struct TrainConfig {
    std::string dataset = "synthetic";
    std::filesystem::path dataDir;
    std::size_t limit = 0; // first N images of each split (0: all)
    std::string testSplit = "test";
    Method normalization = Method::ZScore;
    std::string model = "lesson-cnn";
    std::string optimizer = "adam";
    double lr = 0.01;
    double momentum = 0.9; // SGD only
    int batchSize = 1000;
    int epochs = 20;
    std::uint64_t seed = 1;
    std::string device = "auto"; // auto, cpu, cuda, cuda:N
    int reportsPerEpoch = 10;    // train-loss points per epoch
};

// How every run is trained (core/train/engine/trainer.cpp), named here so that an exported Python script
// (core/train/script/pythonscript.h) trains the same way.
inline constexpr double kDivergedLoss = 1e4;      // a mean loss this large means the logits blew up
inline constexpr std::int64_t kEvalChunk = 10000; // held-out images per forward pass: fast, and fits any GPU

// The lesson's experiment: FashionMNIST, lesson-cnn, Adam 0.01, batch 1000, 20 epochs, compared
// over lessonMethods() (none vs zscore). One definition for the CLI's --preset lesson, the GUI's
// "Lesson experiment" button and the training benchmark.
TrainConfig lessonPreset();
std::vector<Method> lessonMethods();

// The runs of a comparison: `base` once per method, everything else (seed included) shared.
std::vector<TrainConfig> comparisonConfigs(const TrainConfig& base, const std::vector<Method>& methods);

std::vector<std::string> modelNames();     // lesson-cnn, lesson-cnn-bn, mlp, lenet5, cifar-cnn
std::vector<std::string> optimizerNames(); // adam, sgd

// Every problem with a configuration, as messages naming the setting; empty when valid.
std::vector<std::string> validateConfig(const TrainConfig& config);

} // namespace normlab
