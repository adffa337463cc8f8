#include "core/data/catalog/datasetlisting.h"

#include "core/data/catalog/datasetavailability.h"
#include "core/data/catalog/datasetcatalog.h"

namespace normlab {

std::vector<DatasetChoice> listDatasets(const std::filesystem::path& dataDir) {
    std::vector<DatasetChoice> choices;
    for (const auto& info : datasetCatalog()) {
        const DatasetAvailability a = datasetAvailability(info.id, dataDir);
        choices.push_back({a.id, a.displayName, a.found, a.origin, a.folder.string(), a.fix});
    }
    const DatasetAvailability synthetic = datasetAvailability("synthetic", dataDir);
    choices.push_back({synthetic.id, synthetic.displayName, true, synthetic.origin, "", ""});
    return choices;
}

} // namespace normlab
