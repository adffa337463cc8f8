#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace normlab {

// (file name, mirror) pairs from the text of a normlab-manifest.json; empty when the text is not
// one (the data then simply has no recorded origin). Never throws: it reads outside input.
std::vector<std::pair<std::string, std::string>> parseManifestSources(const std::string& text);

// The same, read from FOLDER/normlab-manifest.json.
std::vector<std::pair<std::string, std::string>> readManifestSources(const std::filesystem::path& folder);

} // namespace normlab
