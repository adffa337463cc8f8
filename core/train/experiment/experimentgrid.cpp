#include "core/train/experiment/experimentgrid.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "core/common/error.h"
#include "core/common/joined.h"
#include "core/common/shortestnumber.h"

namespace normlab {
namespace {

double number(const std::string& option, const std::string& value) {
    double v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || !std::isfinite(v))
        throw Error(option + ": '" + value + "' is not a number");
    return v;
}

int integer(const std::string& option, const std::string& value) {
    int v = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (ec != std::errc() || end != value.data() + value.size() || v < 1)
        throw Error(option + ": '" + value + "' is not a whole number of at least 1");
    return v;
}

} // namespace

const std::vector<std::string>& gridOptions() {
    static const std::vector<std::string> options{"lr",        "batch-size", "model",   "optimizer",
                                                  "normalize", "epochs",     "momentum"};
    return options;
}

GridAxis parseGridValues(const std::string& option, const std::string& values) {
    GridAxis axis{option, {}};
    if (std::find(gridOptions().begin(), gridOptions().end(), axis.option) == gridOptions().end())
        throw Error("cannot vary '" + axis.option + "' (expected one of " + joined(gridOptions()) + ")");
    std::stringstream in(values);
    std::string value;
    // Values as people type them: "0.01, 0.001" in the GUI's grid as on the command line.
    while (std::getline(in, value, ',')) {
        const auto first = value.find_first_not_of(" \t");
        if (first == std::string::npos) continue;
        axis.values.push_back(value.substr(first, value.find_last_not_of(" \t") - first + 1));
    }
    if (axis.values.empty()) throw Error(axis.option + ": no values");
    TrainConfig check;
    for (const auto& v : axis.values)
        applyOption(check, axis.option, v); // a bad value fails now, before any data is loaded
    return axis;
}

GridAxis parseGridAxis(const std::string& text) {
    const auto eq = text.find('=');
    if (eq == std::string::npos || eq == 0)
        throw Error("--vary needs NAME=V1,V2,… (e.g. lr=0.001,0.01), got '" + text + "'");
    try {
        return parseGridValues(text.substr(0, eq), text.substr(eq + 1));
    } catch (const Error& e) {
        throw Error(std::string("--vary ") + e.what()); // the command line's words for its own flag
    }
}

void applyOption(TrainConfig& c, const std::string& option, const std::string& value) {
    if (option == "lr") {
        c.lr = number(option, value);
    } else if (option == "momentum") {
        c.momentum = number(option, value);
    } else if (option == "batch-size") {
        c.batchSize = integer(option, value);
    } else if (option == "epochs") {
        c.epochs = integer(option, value);
    } else if (option == "model") {
        c.model = value;
    } else if (option == "optimizer") {
        c.optimizer = value;
    } else if (option == "normalize") {
        const auto m = parseMethod(value);
        if (!m)
            throw Error("normalize: unknown normalization '" + value + "' (expected " + methodNameList() + ")");
        c.normalization = *m;
    } else {
        throw Error("cannot vary '" + option + "' (expected one of " + joined(gridOptions()) + ")");
    }
    if (const auto errors = validateConfig(c); !errors.empty())
        throw Error(option + "=" + value + ": " + errors.front());
}

std::string optionValue(const TrainConfig& c, const std::string& option) {
    if (option == "lr") return shortestText(c.lr);
    if (option == "momentum") return shortestText(c.momentum);
    if (option == "batch-size") return std::to_string(c.batchSize);
    if (option == "epochs") return std::to_string(c.epochs);
    if (option == "model") return c.model;
    if (option == "optimizer") return c.optimizer;
    if (option == "normalize") return methodName(c.normalization);
    if (option == "seed") return std::to_string(c.seed);
    throw Error("unknown option '" + option + "'");
}

std::vector<GridRun> expandGrid(const TrainConfig& base, const std::vector<GridAxis>& axes, int seeds) {
    if (seeds < 1) throw Error("seeds must be at least 1");
    for (std::size_t i = 0; i < axes.size(); ++i) {
        if (axes[i].values.empty()) throw Error(axes[i].option + ": no values");
        for (std::size_t j = 0; j < i; ++j)
            if (axes[j].option == axes[i].option) throw Error(axes[i].option + " is varied twice");
    }
    std::vector<GridRun> runs;
    std::vector<std::size_t> at(axes.size(), 0); // an odometer over the axes, last digit fastest
    for (;;) {
        GridRun run{base, {}};
        for (std::size_t a = 0; a < axes.size(); ++a) {
            const std::string& value = axes[a].values[at[a]];
            applyOption(run.config, axes[a].option, value);
            // A lone normalization axis keeps today's names ("zscore"); otherwise say which option.
            const std::string part = axes[a].option == "normalize" ? value : axes[a].option + "=" + value;
            run.name += (run.name.empty() ? "" : " · ") + part;
        }
        for (int s = 0; s < seeds; ++s) {
            GridRun seeded = run;
            seeded.config.seed = base.seed + static_cast<std::uint64_t>(s);
            if (seeds > 1)
                seeded.name +=
                    (seeded.name.empty() ? "" : " · ") + std::string("seed=") + std::to_string(seeded.config.seed);
            if (seeded.name.empty()) seeded.name = methodName(seeded.config.normalization);
            runs.push_back(std::move(seeded));
        }
        std::size_t a = axes.size();
        while (a > 0 && ++at[a - 1] == axes[a - 1].values.size())
            at[--a] = 0;
        if (a == 0) break;
    }
    return runs;
}

std::vector<std::string> extraTableColumns(const std::vector<GridAxis>& axes, int seeds) {
    std::vector<std::string> columns;
    for (const auto& a : axes)
        if (a.option != "lr" && a.option != "batch-size" && a.option != "normalize") columns.push_back(a.option);
    if (seeds > 1) columns.push_back("seed");
    return columns;
}

} // namespace normlab
