#include "core/stats/publishedconstants.h"

#include <nlohmann/json.hpp>

#include "core/common/error.h"

namespace normlab {

extern const char* const kPublishedConstantsJson; // generated from resources/published-constants.json

namespace {

constexpr const char* kFormat = "normlab-published-constants/1";

std::vector<double> values(const nlohmann::json& set, const char* key, double scale, const std::string& name) {
    const auto& list = set.at(key);
    if (!list.is_array() || list.empty()) throw Error("published constants: " + name + ": '" + key + "' is not a list");
    std::vector<double> out;
    for (const auto& v : list)
        out.push_back(v.get<double>() / scale);
    return out;
}

} // namespace

std::vector<PublishedConstants> parsePublishedConstants(const std::string& text) {
    try {
        const auto json = nlohmann::json::parse(text);
        if (json.value("format", "") != kFormat)
            throw Error(std::string("published constants: expected format ") + kFormat);
        std::vector<PublishedConstants> sets;
        for (const auto& s : json.at("sets")) {
            PublishedConstants p;
            p.name = s.at("name").get<std::string>();
            const double scale = s.value("scale", 1.0);
            p.dataset = s.at("dataset").get<std::string>();
            p.mean = values(s, "mean", scale, p.name);
            p.std = values(s, "std", scale, p.name);
            p.source = s.at("source").get<std::string>();
            p.how = s.at("how").get<std::string>();
            if (p.mean.size() != p.std.size())
                throw Error("published constants: " + p.name + ": mean and std differ in length");
            sets.push_back(std::move(p));
        }
        return sets;
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("published constants: ") + e.what());
    }
}

const std::vector<PublishedConstants>& publishedConstants() {
    static const std::vector<PublishedConstants> sets = parsePublishedConstants(kPublishedConstantsJson);
    return sets;
}

const PublishedConstants* findPublishedConstants(const std::string& name) {
    for (const auto& s : publishedConstants())
        if (s.name == name) return &s;
    return nullptr;
}

} // namespace normlab
