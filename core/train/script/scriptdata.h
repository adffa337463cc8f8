#pragma once

#include <string>
#include <vector>

#include "core/data/imageset.h"
#include "core/stats/normalization.h"
#include "core/train/config/trainconfig.h"
#include "core/train/config/trainingdata.h"

namespace normlab {

// How an exported Python script reads the files NormLab trained on.
enum class ScriptDataFormat {
    Idx,         // IDX images and labels, plain or .gz (the MNIST family)
    CifarPickle, // cifar-10-batches-py / cifar-100-python batches
    CifarBinary, // cifar-10-batches-bin / cifar-100-binary records
    NumpyPair,   // an images .npy and its labels .npy
    MedMnistNpz, // a MedMNIST .npz: SPLIT_images and SPLIT_labels
    ImageFolder, // ROOT/<class>/<image>, read by torchvision's ImageFolder
};

// The data of an experiment as an exported script needs it: which files, read how, and the train
// split's normalization parameters (the constants the script prints).
struct ScriptData {
    ScriptDataFormat format = ScriptDataFormat::Idx;
    std::string dataset;               // "fashion-mnist", "custom", "cifar10", …
    std::string origin;                // where NormLab found it ("folder /data/x", "Debian package …")
    std::string heldOutSplit = "test"; // the split evaluated after each epoch: "test", else "val"
    // Absolute paths in reading order, with their SHA-256 where NormLab computed one. IDX and NumPy
    // pairs: images, then labels; CIFAR: its batch files; MedMNIST: the .npz; an image folder: the
    // folder holding the split's class folders.
    std::vector<SourceFile> trainFiles, testFiles;
    bool transposed = false; // IDX images stored column-major (EMNIST), turned upright as NormLab does
    int cifarVariant = 10;   // 10 or 100: CIFAR-100's records and batches hold fine and coarse labels
    int channels = 1, height = 0, width = 0, classes = 0;
    NormalizationParams params;
};

// The files and format of the data a configuration trains on, as loadTrainingData(config) loaded
// them into `data`. Throws Error naming the data set and why when a script cannot read it the way
// NormLab does: the built-in synthetic digits exist only inside NormLab.
ScriptData scriptDataFor(const TrainConfig& config, const TrainingData& data);

} // namespace normlab
