#pragma once

#include <filesystem>
#include <string>

#include "core/stats/splitstats.h"

namespace normlab {

// The stats JSON: dataset, split, shape, conventions, every normalization with params and
// histograms, per-class and per-pixel stats, the torchvision line and the source files.
std::string statsToJson(const SplitStats& stats, int indent = 2);

// The same scalars as one CSV table: one row per (scope, class, method, channel).
std::string statsToCsv(const SplitStats& stats);

// Writes pixel_mean.npy and pixel_std.npy (C x H x W, pixel/255), byte_counts.npy (C x 256) and
// per_image_stats.npy (N x 4: mean, std in pixel/255, min, max in bytes) into dir, atomically.
void writeStatsNpy(const SplitStats& stats, const std::filesystem::path& dir);

// The text every export carries about how its numbers are defined.
std::string conventionsText(const SplitStats& stats);

} // namespace normlab
