#include "core/stats/statspart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/stats/finehistogram.h"

namespace normlab {
namespace {

using json = nlohmann::ordered_json;
using Wide = ImageMomentSums::Wide;

std::string wideText(Wide v) {
    std::string digits;
    do {
        digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(v % 10)));
        v /= 10;
    } while (v != 0);
    return digits;
}

Wide wideFrom(const json& value, const std::string& name) {
    const std::string text = value.get<std::string>();
    if (text.empty() || text.size() > 39 || text.find_first_not_of("0123456789") != std::string::npos)
        throw Error(name + ": '" + text + "' is not a count");
    Wide v = 0;
    for (char ch : text) {
        const Wide next = v * 10 + static_cast<Wide>(ch - '0');
        if (next / 10 != v) throw Error(name + ": count '" + text + "' is too large");
        v = next;
    }
    return v;
}

// A long double keeps its 64-bit mantissa through the file as text (a JSON number is a double).
std::string longDoubleText(long double v) {
    char text[64];
    std::snprintf(text, sizeof text, "%.21Lg", v);
    return text;
}

long double longDoubleFrom(const json& value, const std::string& name) {
    const std::string text = value.get<std::string>();
    char* end = nullptr;
    const long double v = std::strtold(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !(v >= 0) || v == HUGE_VALL)
        throw Error(name + ": '" + text + "' is not a sum");
    return v;
}

// Sparse [[bin, count], ...]: most of the 8192 bins are empty.
json fineJson(const std::vector<std::uint64_t>& counts) {
    json bins = json::array();
    for (std::size_t b = 0; b < counts.size(); ++b)
        if (counts[b]) bins.push_back({b, counts[b]});
    return bins;
}

std::vector<std::uint64_t> fineFrom(const json& bins, const std::string& name) {
    std::vector<std::uint64_t> counts(FineHistogram::kBins, 0);
    for (const auto& pair : bins) {
        const auto bin = pair.at(0).get<std::uint64_t>();
        if (bin >= counts.size() || pair.size() != 2)
            throw Error(name + ": per-sample bin " + pair.dump() + " out of range");
        counts[bin] += pair.at(1).get<std::uint64_t>();
    }
    return counts;
}

template <typename T>
std::vector<T> sized(const json& array, std::size_t size, const std::string& name, const char* what) {
    auto values = array.get<std::vector<T>>();
    if (values.size() != size)
        throw Error(name + ": " + what + " has " + std::to_string(values.size()) + " values, expected " +
                    std::to_string(size));
    return values;
}

json paramsJson(const NormalizationParams& p) {
    return {{"mean", p.mean}, {"std", p.std}, {"min_byte", p.minByte}, {"max_byte", p.maxByte}};
}

StatsPart parse(const json& j, const std::string& name) {
    if (j.value("format", "") != kStatsPartFormat)
        throw Error(name + ": not a NormLab statistics part (expected format " + kStatsPartFormat +
                    "; 'normlab-cli stats --shard K/N' writes them)");
    StatsPart part;
    const json& about = j.at("about");
    part.about.dataset = about.at("dataset").get<std::string>();
    part.about.split = about.at("split").get<std::string>();
    part.about.origin = about.at("found_in").get<std::string>();
    part.about.classNames = about.at("classes").get<std::vector<std::string>>();
    part.about.notes = about.at("notes").get<std::vector<std::string>>();
    for (const auto& s : about.at("source"))
        part.about.sources.push_back({s.at("path").get<std::string>(), s.at("bytes").get<std::uint64_t>(),
                                      s.at("sha256").get<std::string>(), s.at("md5").get<std::string>(),
                                      s.at("published").get<std::string>()});
    part.shard = {j.at("shard").at("index").get<std::size_t>(), j.at("shard").at("count").get<std::size_t>()};
    part.filesTotal = j.at("shard").at("files_total").get<std::size_t>();
    part.rangeLow = j.at("minmax_range").at(0).get<double>();
    part.rangeHigh = j.at("minmax_range").at(1).get<double>();
    if (!j.at("train_params").is_null()) {
        const json& p = j.at("train_params");
        part.trainParams = NormalizationParams{p.at("mean").get<std::vector<double>>(),
                                               p.at("std").get<std::vector<double>>(),
                                               p.at("min_byte").get<std::vector<int>>(),
                                               p.at("max_byte").get<std::vector<int>>(),
                                               part.rangeLow,
                                               part.rangeHigh};
    }
    AccumulatedCounts& c = part.counts;
    const json& layout = j.at("layout");
    c.layout.classCount = layout.at("classes").get<int>();
    c.layout.channels = layout.at("channels").get<int>();
    c.layout.mapHeight = layout.at("map_height").get<int>();
    c.layout.mapWidth = layout.at("map_width").get<int>();
    c.layout.perSampleBound = layout.at("per_sample_bound").get<double>();
    c.mapsValid = layout.at("maps_valid").get<bool>();
    c.images = j.at("images").get<std::uint64_t>();
    const int channels = c.layout.channels;
    if (channels < 1 || channels > 4 || c.layout.classCount < 1 || c.layout.classCount > 256 ||
        c.layout.classCount != static_cast<int>(part.about.classNames.size()) || c.layout.mapHeight < 0 ||
        c.layout.mapWidth < 0 || c.layout.mapHeight > 65536 || c.layout.mapWidth > 65536)
        throw Error(name + ": implausible layout " + layout.dump());
    for (const auto& cls : j.at("classes")) {
        AccumulatedCounts::Class k;
        k.images = cls.at("images").get<std::uint64_t>();
        for (const auto& bytes : cls.at("bytes")) {
            ByteHistogram h;
            const auto counts = sized<std::uint64_t>(bytes, 256, name, "a byte histogram");
            std::copy(counts.begin(), counts.end(), h.counts.begin());
            k.bytes.push_back(h);
        }
        // A class with no image in this part has min +inf and max -inf, which JSON writes as null.
        const auto extreme = [](const json& v, double empty) { return v.is_null() ? empty : v.get<double>(); };
        const double inf = std::numeric_limits<double>::infinity();
        for (const auto& ps : cls.at("per_sample"))
            k.perSample.push_back({fineFrom(ps.at("fine"), name), ps.at("sum").get<double>(),
                                   ps.at("sum_sq").get<double>(), extreme(ps.at("min"), inf),
                                   extreme(ps.at("max"), -inf)});
        if (static_cast<int>(k.bytes.size()) != channels || static_cast<int>(k.perSample.size()) != channels)
            throw Error(name + ": a class with counts for other than " + std::to_string(channels) + " channels");
        // Every pixel is in both counts; a class with pixels has finite per-sample sums and range.
        for (int ch = 0; ch < channels; ++ch) {
            const auto& ps = k.perSample[ch];
            std::uint64_t fine = 0;
            for (auto n : ps.fineCounts)
                fine += n;
            if (fine != k.bytes[ch].total())
                throw Error(name + ": per-sample and byte counts of a class disagree (" + std::to_string(fine) + " and " +
                            std::to_string(k.bytes[ch].total()) + " pixels)");
            if (fine > 0 && !(std::isfinite(ps.sum) && std::isfinite(ps.sumSq) && std::isfinite(ps.min) &&
                              std::isfinite(ps.max) && ps.min <= ps.max))
                throw Error(name + ": a class's per-sample sums or range are not finite numbers");
        }
        c.classes.push_back(std::move(k));
    }
    if (static_cast<int>(c.classes.size()) != c.layout.classCount)
        throw Error(name + ": counts for " + std::to_string(c.classes.size()) + " classes, expected " +
                    std::to_string(c.layout.classCount));
    for (const auto& m : j.at("moments")) {
        ImageMomentSums s;
        s.images = m.at("images").get<std::uint64_t>();
        s.pixelsPerImage = m.at("pixels_per_image").get<std::uint64_t>();
        s.sumOfSums = wideFrom(m.at("sum_of_sums"), name);
        s.sumOfSquareSums = wideFrom(m.at("sum_of_square_sums"), name);
        s.sumOfSumsSquared = wideFrom(m.at("sum_of_sums_squared"), name);
        s.sumOfUnbiasedStd = m.at("sum_of_unbiased_std").get<double>();
        s.mixedSizes = m.at("mixed_sizes").get<bool>();
        s.totalPixels = m.at("total_pixels").get<std::uint64_t>();
        s.sumOfSumsSquaredOverPixels = longDoubleFrom(m.at("sum_of_sums_squared_over_pixels"), name);
        c.moments.push_back(s);
    }
    if (static_cast<int>(c.moments.size()) != channels)
        throw Error(name + ": moments for the wrong number of channels");
    // Without maps the map size means nothing; with them, the sums below must have exactly that
    // many values, so nothing is allocated from a declared size.
    if (!c.mapsValid) c.layout.mapHeight = c.layout.mapWidth = 0;
    if (!(c.layout.perSampleBound > 0) || !std::isfinite(c.layout.perSampleBound))
        throw Error(name + ": per_sample_bound must be a positive number");
    const std::size_t mapPixels =
        c.mapsValid ? static_cast<std::size_t>(c.layout.mapHeight) * c.layout.mapWidth * channels : 0;
    c.pixelSum = sized<std::uint64_t>(j.at("pixel_sum"), mapPixels, name, "pixel_sum");
    c.pixelSumSq = sized<std::uint64_t>(j.at("pixel_sum_sq"), mapPixels, name, "pixel_sum_sq");
    return part;
}

// Everything but the counts must agree for parts to add up.
void checkSameData(const StatsPart& first, const StatsPart& other, const std::string& name) {
    const auto differs = [&](const std::string& what) {
        throw Error(name + ": describes other data than the first part (" + what + " differs)");
    };
    if (other.about.dataset != first.about.dataset) differs("data set");
    if (other.about.split != first.about.split) differs("split");
    if (other.about.classNames != first.about.classNames) differs("classes");
    if (other.filesTotal != first.filesTotal) differs("number of files");
    if (other.shard.count != first.shard.count) differs("number of shards");
    if (other.rangeLow != first.rangeLow || other.rangeHigh != first.rangeHigh) differs("minmax range");
    if (other.trainParams.has_value() != first.trainParams.has_value() ||
        (other.trainParams &&
         (other.trainParams->mean != first.trainParams->mean || other.trainParams->std != first.trainParams->std)))
        differs("train split's parameters");
}

} // namespace

std::string statsPartToJson(const StatsPart& part) {
    const AccumulatedCounts& c = part.counts;
    json sources = json::array();
    for (const auto& s : part.about.sources)
        sources.push_back(
            {{"path", s.path}, {"bytes", s.bytes}, {"sha256", s.sha256}, {"md5", s.md5}, {"published", s.published}});
    json classes = json::array();
    for (const auto& k : c.classes) {
        json bytes = json::array(), perSample = json::array();
        for (const auto& h : k.bytes)
            bytes.push_back(h.counts);
        for (const auto& ps : k.perSample)
            perSample.push_back({{"fine", fineJson(ps.fineCounts)},
                                 {"sum", ps.sum},
                                 {"sum_sq", ps.sumSq},
                                 {"min", ps.min},
                                 {"max", ps.max}});
        classes.push_back({{"images", k.images}, {"bytes", bytes}, {"per_sample", perSample}});
    }
    json moments = json::array();
    for (const auto& m : c.moments)
        moments.push_back({{"images", m.images},
                           {"pixels_per_image", m.pixelsPerImage},
                           {"sum_of_sums", wideText(m.sumOfSums)},
                           {"sum_of_square_sums", wideText(m.sumOfSquareSums)},
                           {"sum_of_sums_squared", wideText(m.sumOfSumsSquared)},
                           {"sum_of_unbiased_std", m.sumOfUnbiasedStd},
                           {"mixed_sizes", m.mixedSizes},
                           {"total_pixels", m.totalPixels},
                           {"sum_of_sums_squared_over_pixels", longDoubleText(m.sumOfSumsSquaredOverPixels)}});
    json j = {
        {"format", kStatsPartFormat},
        {"about",
         {{"dataset", part.about.dataset},
          {"split", part.about.split},
          {"found_in", part.about.origin},
          {"classes", part.about.classNames},
          {"notes", part.about.notes},
          {"source", sources}}},
        {"shard", {{"index", part.shard.index}, {"count", part.shard.count}, {"files_total", part.filesTotal}}},
        {"minmax_range", {part.rangeLow, part.rangeHigh}},
        {"train_params", part.trainParams ? paramsJson(*part.trainParams) : json(nullptr)},
        {"layout",
         {{"classes", c.layout.classCount},
          {"channels", c.layout.channels},
          {"map_height", c.layout.mapHeight},
          {"map_width", c.layout.mapWidth},
          {"per_sample_bound", c.layout.perSampleBound},
          {"maps_valid", c.mapsValid}}},
        {"images", c.images},
        {"classes", classes},
        {"moments", moments},
        {"pixel_sum", c.pixelSum},
        {"pixel_sum_sq", c.pixelSumSq},
    };
    return j.dump() + "\n";
}

StatsPart statsPartFromJson(std::string_view text, const std::string& name) {
    try {
        return parse(json::parse(text.begin(), text.end()), name);
    } catch (const json::exception& e) {
        throw Error(name + ": not a valid statistics part (" + std::string(e.what()) + ")");
    }
}

SplitStats mergeStatsParts(const std::vector<StatsPart>& parts, const std::vector<std::string>& names) {
    if (parts.empty()) throw Error("merge: no parts given");
    const StatsPart& first = parts.front();
    std::vector<int> seen(first.shard.count, 0);
    for (std::size_t i = 0; i < parts.size(); ++i) {
        checkSameData(first, parts[i], names[i]);
        if (parts[i].shard.index >= seen.size() || seen[parts[i].shard.index]++)
            throw Error(names[i] + ": shard " + std::to_string(parts[i].shard.index) + "/" +
                        std::to_string(parts[i].shard.count) + " is given twice");
    }
    std::string missing;
    for (std::size_t k = 0; k < seen.size(); ++k)
        if (!seen[k]) missing += (missing.empty() ? "" : ", ") + std::to_string(k) + "/" + std::to_string(seen.size());
    if (!missing.empty()) throw Error("merge: shard " + missing + " missing; every part of the split is needed");

    auto acc = std::make_unique<StatsAccumulator>(first.counts.layout);
    for (std::size_t i = 0; i < parts.size(); ++i)
        acc->add(parts[i].counts, names[i]);
    ImageSet about = first.about;
    about.notes.erase(std::remove_if(about.notes.begin(), about.notes.end(),
                                     [](const std::string& n) { return n.starts_with("shard "); }),
                      about.notes.end());
    about.notes.push_back("merged from " + std::to_string(parts.size()) +
                          " shards; per-image statistics are not kept in shards");
    return acc->finish(about, first.trainParams, first.rangeLow, first.rangeHigh);
}

} // namespace normlab
