#include "core/export/recipesjson.h"

namespace normlab {

nlohmann::json recipesJson(const StdRecipes& r) {
    return {{"recipes",
             {{"population", {{"mean", r.mean}, {"std", r.population}}},
              {"unbiased", {{"mean", r.mean}, {"std", r.unbiased}}},
              {"mean_of_image_std", {{"mean", r.mean}, {"std", r.meanOfImageStd}}}}},
            {"variance_decomposition", {{"units", "(x/255)^2"}, {"within", r.within}, {"between", r.between}}},
            // A colour image's std is taken over all its channels: compare it with these.
            {"all_channels",
             {{"pooled_std", r.pooledStdAllChannels}, {"mean_of_image_std", r.meanOfImageStdAllChannels}}}};
}

} // namespace normlab
