#pragma once

#include <nlohmann/json.hpp>

#include "core/stats/stdrecipes.h"

namespace normlab {

// {"recipes": {population, unbiased, mean_of_image_std: {mean, std}}, "variance_decomposition":
// {units, within, between}}: what `stats` and `check` both report, written in one place.
nlohmann::json recipesJson(const StdRecipes& recipes);

} // namespace normlab
