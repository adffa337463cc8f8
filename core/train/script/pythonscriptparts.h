#pragma once

// Private to the Python script generator (pythonscript.cpp): the script's code, section by section.
// Each section holds only what the experiment uses (its data format, normalizations and models), so
// the script a user reads is no longer than the experiment needs.

#include <string>
#include <vector>

#include "core/stats/normalization.h"
#include "core/train/script/scriptdata.h"

namespace normlab::python {

// The imports the sections need.
std::string importsCode(const ScriptData& data);

// def read_split(split): the split's images (uint8, N x C x H x W) and labels as NumPy arrays, read
// from DATA_FILES[split] as NormLab reads the format.
std::string readerCode(const ScriptData& data);

// NORMALIZATIONS: each method a function of a uint8 batch on the device, using the constants the
// constants section defines.
std::string normalizationCode(const std::vector<Method>& methods);

// The constants of the methods used (ZSCORE_MEAN, MINMAX_MIN_BYTE, …), labelled.
std::string constantsCode(const std::vector<Method>& methods, const NormalizationParams& params);

// MODELS: each network used as torch.nn.Sequential, layer for layer NormLab's (core/train/engine/models.cpp).
// Throws Error for an unknown model.
std::string modelCode(const std::vector<std::string>& models, const ScriptData& data);

// The training loop, evaluation, the CSV and main(): the same for every experiment.
std::string trainingCode();

} // namespace normlab::python
