#pragma once

#include <string>
#include <vector>

namespace normlab {

// Normalize constants people paste, with where they come from (resources/published-constants.json,
// compiled in). Values in pixel/255 units, one per channel.
struct PublishedConstants {
    std::string name;    // e.g. "cifar10-common"
    std::string dataset; // e.g. "CIFAR-10"
    std::vector<double> mean, std;
    std::string source; // where it is published or discussed
    std::string how;    // how it was computed, as far as known
};

const std::vector<PublishedConstants>& publishedConstants();
// nullptr when there is no set of that name.
const PublishedConstants* findPublishedConstants(const std::string& name);

// Parses the catalog's JSON text (exposed for tests). Throws Error naming the problem.
std::vector<PublishedConstants> parsePublishedConstants(const std::string& json);

} // namespace normlab
