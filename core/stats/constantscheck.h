#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/stats/normalizetext.h"
#include "core/stats/splitstats.h"
#include "core/stats/stdrecipes.h"

namespace normlab {

// Constants within this distance (largest difference over channels, of mean and std) of a recipe
// or a published set count as that recipe: published constants are rounded to 3-4 decimals.
inline constexpr double kMatchTolerance = 1e-3;

// One candidate origin of the constants being checked.
struct ConstantsCandidate {
    std::string name;   // population, unbiased, mean_of_image_std, swapped, or a published set's name
    std::string source; // "this data set" or where the published set comes from
    std::string how;    // how it is computed
    double largestDifference = 0;
};

// What a Normalize does to a split, and where its constants probably come from.
struct ConstantsCheck {
    NormalizeConstants constants; // one value per channel of the data (a single value broadcast)
    // After x -> (x/255 - mean) / std, per channel: exact, from the split's byte counts.
    std::vector<double> afterMean, afterStd, afterMin, afterMax;
    std::vector<double> beyondThree; // fraction of pixels with |value| > 3
    StdRecipes recipes;
    std::vector<ConstantsCandidate> candidates; // every recipe and fitting published set, closest first
    // Within kMatchTolerance: the data set's own recipe if one fits (population, unbiased,
    // mean_of_image_std, swapped, in that order), else the closest published set.
    std::optional<ConstantsCandidate> match;
    std::optional<ConstantsCandidate> alsoPublished; // a published set that fits too, when match is a recipe
    std::string verdict;                             // one paragraph in plain words
};

// Throws Error when the constants' channel count fits neither the data's nor broadcasting.
ConstantsCheck checkConstants(const SplitStats& stats, NormalizeConstants constants);

// "(0.2470, 0.2435, 0.2616)": as a Normalize argument, 4 decimals.
std::string constantsTuple(const std::vector<double>& values);

} // namespace normlab
