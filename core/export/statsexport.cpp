#include "core/common/utf8names.h"
#include "core/export/statsexport.h"

#include <cmath>
#include <future>
#include <iomanip>
#include <sstream>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "core/common/shortestnumber.h"
#include "core/common/atomicfile.h"
#include "core/export/npywriter.h"
#include "core/export/recipesjson.h"
#include "core/export/torchvisionline.h"

namespace normlab {
namespace {

// ordered_json keeps keys in the order written: dataset, split and count first, as a reader expects.
using json = nlohmann::ordered_json;

constexpr const char* kFormatVersion = "1";
constexpr const char* kMeanPlaceholder = "normlab:per-pixel-mean";
constexpr const char* kStdPlaceholder = "normlab:per-pixel-std";

json perChannel(const std::vector<ChannelSummary>& channels, double ChannelSummary::*field) {
    json values = json::array();
    for (const auto& c : channels)
        values.push_back(c.*field);
    return values;
}

json methodParams(Method method, const NormalizationParams& p, const SplitStats& stats) {
    switch (method) {
    case Method::Raw255:
        return {{"formula", "x (the byte, 0..255)"}};
    case Method::None:
        return {{"formula", "x / 255"}};
    case Method::MinMax: {
        json mins = json::array(), maxs = json::array();
        for (std::size_t c = 0; c < p.minByte.size(); ++c) {
            mins.push_back(p.minByte[c] / 255.0);
            maxs.push_back(p.maxByte[c] / 255.0);
        }
        return {{"formula", "low + (high - low) * (x/255 - min) / (max - min)"},
                {"min", mins},
                {"max", maxs},
                {"range", {p.rangeLow, p.rangeHigh}},
                {"from", stats.paramsSource}};
    }
    case Method::ZScore:
        return {{"formula", "(x/255 - mean) / std"}, {"mean", p.mean}, {"std", p.std}, {"from", stats.paramsSource}};
    case Method::PerSample:
        return {{"formula", "(x/255 - image_mean) / max(image_std, 1/sqrt(P)), per image and channel"},
                {"pixels_per_channel", stats.height * stats.width}}; // 0: each image's own (mixed sizes)
    }
    return json::object();
}

json summaryJson(const MethodStats& m) {
    return {{"mean", perChannel(m.channels, &ChannelSummary::mean)},
            {"std", perChannel(m.channels, &ChannelSummary::std)},
            {"min", perChannel(m.channels, &ChannelSummary::min)},
            {"max", perChannel(m.channels, &ChannelSummary::max)}};
}

json methodJson(const MethodStats& m, const SplitStats& stats) {
    json j = summaryJson(m);
    j["p1"] = perChannel(m.channels, &ChannelSummary::p1);
    j["p50"] = perChannel(m.channels, &ChannelSummary::p50);
    j["p99"] = perChannel(m.channels, &ChannelSummary::p99);
    j["exact"] = m.exact;
    json edges = json::array(), counts = json::array();
    for (const auto& h : m.histograms) {
        edges.push_back(h.edges);
        counts.push_back(h.counts);
    }
    j["histogram"] = {
        {"bins", m.histograms.empty() ? 0 : m.histograms[0].counts.size()}, {"edges", edges}, {"counts", counts}};
    j["params"] = methodParams(m.method, stats.params, stats);
    if (!m.affine.empty()) {
        json scale = json::array(), offset = json::array();
        for (const auto& a : m.affine)
            scale.push_back(a.scale), offset.push_back(a.offset);
        j["params"]["byte_scale"] = scale;
        j["params"]["byte_offset"] = offset;
    }
    return j;
}

// A number as nlohmann's dump writes a double: the shortest text that reads back exactly, with
// ".0" on whole numbers so that they still read as floating point.
void appendNumber(std::string& out, double value) {
    const std::size_t start = out.size();
    if (!std::isfinite(value) || !appendShortestText(out, value)) {
        out += "null";
        return;
    }
    if (out.find_first_of(".e", start) == std::string::npos) out += ".0";
}

// The per-pixel maps [channel][row][column] as JSON text, laid out as json::dump(indent) lays out
// nested arrays at `depth`. They are most of a large image's export (2 x 150,528 numbers for
// 224x224 RGB): as 300,000 json values they took nlohmann about five times as long to build and
// write as this, a sixth of a whole `stats` run on a folder of 5,000 images.
std::string mapText(const std::vector<std::vector<double>>& maps, int height, int width, int depth, int indent) {
    std::string out;
    out.reserve(maps.size() * static_cast<std::size_t>(height) * width * (indent >= 0 ? 30 : 20));
    const auto open = [&] {
        out += '[';
        if (indent >= 0) out += '\n';
    };
    const auto pad = [&](int level) {
        if (indent >= 0) out.append(static_cast<std::size_t>(indent) * level, ' ');
    };
    const auto separator = [&](bool last) {
        if (!last) out += ',';
        if (indent >= 0) out += '\n';
    };
    open();
    for (std::size_t c = 0; c < maps.size(); ++c) {
        pad(depth + 1);
        open();
        for (int y = 0; y < height; ++y) {
            pad(depth + 2);
            open();
            for (int x = 0; x < width; ++x) {
                pad(depth + 3);
                appendNumber(out, maps[c][static_cast<std::size_t>(y) * width + x]);
                separator(x + 1 == width);
            }
            pad(depth + 2);
            out += ']';
            separator(y + 1 == height);
        }
        pad(depth + 1);
        out += ']';
        separator(c + 1 == maps.size());
    }
    pad(depth);
    out += ']';
    return out;
}

std::string csvField(const std::string& text) {
    if (text.find_first_of(",\"\n") == std::string::npos) return text;
    std::string quoted = "\"";
    for (char ch : text)
        quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return quoted + "\"";
}

} // namespace

std::string conventionsText(const SplitStats& stats) {
    std::ostringstream text;
    text << "Values are computed from the uint8 pixels x. 'none' is x/255 in [0,1] (torchvision ToTensor); "
            "'raw255' is x itself. std is the population standard deviation (divide by N), not torch.std()'s "
            "default unbiased N-1 estimate. zscore and minmax parameters come from "
         << stats.paramsSource
         << ", per channel, over every pixel. Percentiles interpolate linearly between order statistics "
            "(numpy.percentile / torch.quantile default). Statistics of raw255, none, minmax and zscore are "
            "exact (derived from integer byte counts); their 256-bin histograms give each byte value its own "
            "bin. per-sample standardizes each image and channel by its own mean and max(std, 1/sqrt(P)); its "
            "mean, std, min and max are exact to double precision, its percentiles and histogram to within "
         << std::setprecision(3) << stats.perSampleBinWidth
         << " (one fine bin). Per-pixel maps are in x/255 units. Histogram edges and counts are indexed "
            "[channel][bin]. The torchvision line uses the pooled population recipe (recipes.population: mean "
            "and std over every pixel of the split the parameters come from). recipes gives this split's std by "
            "each recipe in use: population (divide by N), unbiased (N-1, torch.std over the whole split) and "
            "mean_of_image_std (each image's torch.std over its pixels, averaged: x.std(dim=(2,3)).mean(0)); "
            "variance_decomposition splits population std^2 into within (the mean within-image variance) plus "
            "between (the variance of the image means).";
    return text.str();
}

std::string statsToJson(const SplitStats& stats, int indent) {
    json j;
    j["format"] = std::string("normlab-stats/") + kFormatVersion;
    // Every name through core/common/utf8names.h: a path or name of invalid UTF-8 made the JSON
    // library throw "incomplete UTF-8 string" on a valid data set.
    j["dataset"] = utf8Name(stats.dataset);
    j["split"] = stats.split;
    j["found_in"] = utf8Name(stats.origin);
    j["count"] = stats.count;
    j["channels"] = stats.channels;
    j["height"] = stats.height; // 0 with width 0: the images differ in size
    j["width"] = stats.width;
    j["conventions"] = conventionsText(stats);
    j["notes"] = stats.notes;
    json methods = json::object();
    for (const auto& m : stats.methods)
        methods[methodName(m.method)] = methodJson(m, stats);
    j["normalizations"] = methods;
    json classes = json::array();
    for (const auto& cls : stats.perClass) {
        json per = json::object();
        for (const auto& m : cls.methods)
            per[methodName(m.method)] = summaryJson(m);
        const MethodStats& none = cls.methods.at(static_cast<std::size_t>(Method::None));
        classes.push_back({{"label", cls.label},
                           {"name", utf8Name(cls.name)},
                           {"count", cls.images},
                           {"mean", perChannel(none.channels, &ChannelSummary::mean)},
                           {"std", perChannel(none.channels, &ChannelSummary::std)},
                           {"normalizations", per}});
    }
    j["per_class"] = classes;
    // The maps go in as placeholders, replaced by mapText's text after the dump.
    const bool maps = !stats.pixelMean.empty();
    if (!maps)
        j["per_pixel"] = {{"units", "x/255"}, {"shape", nullptr}, {"why", "the images differ in size"}};
    else
        j["per_pixel"] = {{"units", "x/255"},
                          {"shape", {stats.channels, stats.height, stats.width}},
                          {"mean", kMeanPlaceholder},
                          {"std", kStdPlaceholder}};
    j["torchvision"] = torchvisionNormalizeLine(stats.params, 4);
    j["torchvision_full_precision"] = torchvisionNormalizeLine(stats.params, -1);
    j.update(recipesJson(stdRecipes(stats)));
    json sources = json::array();
    for (const auto& s : stats.sources)
        sources.push_back(
            {{"path", utf8Name(s.path)}, {"bytes", s.bytes}, {"sha256", s.sha256}, {"md5", s.md5}, {"published", s.published}});
    j["source"] = sources;
    std::string text = j.dump(indent) + "\n";
    if (!maps) return text;
    // The placeholders are the first strings after the per_pixel key, which only the key itself
    // matches (a quote inside any string is escaped); what follows them holds no user text. The
    // export is put together once around them (9 MB for 224x224 RGB): replacing them in place
    // moved and copied the whole text twice.
    auto meanText =
        std::async(std::launch::async, [&] { return mapText(stats.pixelMean, stats.height, stats.width, 2, indent); });
    const std::string stdText = mapText(stats.pixelStd, stats.height, stats.width, 2, indent);
    const std::size_t section = text.rfind(indent >= 0 ? "\"per_pixel\": {" : "\"per_pixel\":{");
    const auto find = [&](const std::string& placeholder, std::size_t from) {
        const std::size_t at = text.find("\"" + placeholder + "\"", from);
        if (section == std::string::npos || at == std::string::npos)
            throw Error("internal: the per-pixel maps' place in the export was not found");
        return std::pair{at, at + placeholder.size() + 2};
    };
    const auto [meanAt, meanEnd] = find(kMeanPlaceholder, section);
    const auto [stdAt, stdEnd] = find(kStdPlaceholder, meanEnd); // written after the mean
    const std::string meanMap = meanText.get();
    std::string out;
    out.reserve(text.size() + meanMap.size() + stdText.size());
    const std::string_view whole(text);
    out.append(whole.substr(0, meanAt)).append(meanMap);
    out.append(whole.substr(meanEnd, stdAt - meanEnd)).append(stdText);
    out.append(whole.substr(stdEnd));
    return out;
}

std::string statsToCsv(const SplitStats& stats) {
    std::ostringstream out;
    out << "scope,label,name,method,channel,count,mean,std,min,max,p1,p50,p99,exact\n";
    const auto n = [](double v) { return shortestText(v); }; // shortest text that reads back exactly
    auto rows = [&](const std::string& scope, const std::string& label, const std::string& name, std::uint64_t count,
                    const std::vector<MethodStats>& methods, bool withPercentiles) {
        for (const auto& m : methods)
            for (std::size_t c = 0; c < m.channels.size(); ++c) {
                const auto& s = m.channels[c];
                out << scope << ',' << label << ',' << csvField(name) << ',' << methodName(m.method) << ',' << c << ','
                    << count << ',' << n(s.mean) << ',' << n(s.std) << ',' << n(s.min) << ',' << n(s.max) << ',';
                if (withPercentiles)
                    out << n(s.p1) << ',' << n(s.p50) << ',' << n(s.p99);
                else
                    out << ",,";
                out << ',' << (m.exact ? "true" : "false") << '\n';
            }
    };
    rows("all", "", utf8Name(stats.dataset + " " + stats.split), stats.count, stats.methods, true);
    for (const auto& cls : stats.perClass)
        rows("class", std::to_string(cls.label), utf8Name(cls.name), cls.images, cls.methods, true);
    return out.str();
}

void writeStatsNpy(const SplitStats& stats, const std::filesystem::path& dir) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
    const std::vector<std::size_t> mapShape = {static_cast<std::size_t>(stats.channels),
                                               static_cast<std::size_t>(stats.height),
                                               static_cast<std::size_t>(stats.width)};
    auto flatten = [](const std::vector<std::vector<double>>& maps) {
        std::vector<double> flat;
        for (const auto& m : maps)
            flat.insert(flat.end(), m.begin(), m.end());
        return flat;
    };
    if (!stats.pixelMean.empty()) { // images of mixed sizes have no per-pixel maps
        writeFileAtomically(dir / "pixel_mean.npy", encodeNpy(flatten(stats.pixelMean), mapShape));
        writeFileAtomically(dir / "pixel_std.npy", encodeNpy(flatten(stats.pixelStd), mapShape));
    }
    std::vector<std::int64_t> counts;
    for (const auto& h : stats.bytes)
        counts.insert(counts.end(), h.counts.begin(), h.counts.end());
    writeFileAtomically(dir / "byte_counts.npy",
                        encodeNpy(counts, {static_cast<std::size_t>(stats.channels), std::size_t{256}}));
    if (stats.imageMean.size() != stats.count) return; // merged shards keep no per-image statistics
    std::vector<float> perImage;
    perImage.reserve(stats.count * 4);
    for (std::size_t i = 0; i < stats.count; ++i) {
        perImage.push_back(stats.imageMean[i]);
        perImage.push_back(stats.imageStd[i]);
        perImage.push_back(stats.imageMin[i]);
        perImage.push_back(stats.imageMax[i]);
    }
    writeFileAtomically(dir / "per_image_stats.npy", encodeNpy(perImage, {stats.count, std::size_t{4}}));
}

} // namespace normlab
