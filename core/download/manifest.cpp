#include "core/download/manifest.h"

#include <nlohmann/json.hpp>

#include "core/common/filebytes.h"

namespace normlab {

std::vector<std::pair<std::string, std::string>> parseManifestSources(const std::string& text) {
    std::vector<std::pair<std::string, std::string>> sources;
    const auto manifest = nlohmann::json::parse(text, nullptr, false);
    if (manifest.is_discarded() || !manifest.is_object() || !manifest.contains("files") ||
        !manifest["files"].is_array())
        return sources;
    for (const auto& f : manifest["files"])
        if (f.is_object() && f.contains("name") && f["name"].is_string() && f.contains("mirror") &&
            f["mirror"].is_string())
            sources.emplace_back(f["name"].get<std::string>(), f["mirror"].get<std::string>());
    return sources;
}

std::vector<std::pair<std::string, std::string>> readManifestSources(const std::filesystem::path& folder) {
    try {
        const auto bytes = readFileBytes(folder / "normlab-manifest.json");
        return parseManifestSources(std::string(bytes.begin(), bytes.end()));
    } catch (const std::exception&) {
        return {};
    }
}

} // namespace normlab
