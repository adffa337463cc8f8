#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/common/error.h"
#include "core/data/formats/cifar/cifarlayout.h"
#include "core/data/formats/pickle/picklevalue.h"

namespace normlab {

// CIFAR images are 3 x 32 x 32 bytes, stored as 1024 red, 1024 green, 1024 blue (N x C x H x W).
inline constexpr int kCifarChannels = 3;
inline constexpr int kCifarSide = 32;
inline constexpr std::size_t kCifarImageBytes = kCifarChannels * kCifarSide * kCifarSide;

// One batch of a CIFAR python pickle, validated.
struct CifarBatch {
    std::span<const std::uint8_t> pixels; // count x 3072 bytes, a view into the pickle's bytes
    std::vector<std::uint8_t> labels;     // each below the label set's class count
    std::size_t count() const { return labels.size(); }
};

// Checks a CIFAR batch dict (CIFAR-10's data_batch_N/test_batch, CIFAR-100's train/test): 'data'
// a uint8 NumPy array of shape (N, 3072) (or (N, 3, 32, 32)), the labels ('labels', 'fine_labels'
// or 'coarse_labels') N ints or a 1-D integer array, each within the classes. Keys may be str or
// bytes (a Python 2 pickle re-saved after loading with encoding 'latin1' or 'bytes'). Throws
// Error("NAME: problem").
CifarBatch decodeCifarBatch(const PickleValue& root, const CifarLayout& layout, CifarLabels labels,
                            const std::string& nameForErrors);

// The class names of a CIFAR python meta pickle: 'label_names' (CIFAR-10's batches.meta),
// 'fine_label_names' or 'coarse_label_names' (CIFAR-100's meta), as many as the classes.
std::vector<std::string> decodeCifarNames(const PickleValue& root, const CifarLayout& layout, CifarLabels labels,
                                          const std::string& nameForErrors);

// The message for a class name longer than kMaxNameBytes (core/common/resourcelimits.h), or
// nothing: "NAME: class name 3 is 5000 bytes long; NormLab takes names of at most 1024 bytes".
std::optional<Error> overlongNameError(const std::string& className, std::size_t index,
                                       const std::string& nameForErrors);

// The message for a label outside the classes: "NAME: label 12 at index 5 is outside CIFAR-10's
// 10 classes".
Error cifarLabelError(std::int64_t label, std::size_t index, const CifarLayout& layout, CifarLabels labels,
                      const std::string& nameForErrors);

} // namespace normlab
