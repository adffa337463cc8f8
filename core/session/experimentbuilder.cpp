#include "core/session/experimentbuilder.h"

#include <algorithm>
#include <sstream>

#include "core/common/error.h"

namespace normlab {
namespace {

constexpr const char* kNormalize = "normalize";

} // namespace

ExperimentBuilder::ExperimentBuilder(TrainConfig base) {
    m_experiment.base = std::move(base);
}

ExperimentBuilder::ExperimentBuilder(const Experiment& from) : m_experiment(from), m_given(from.grid.size(), false) {}

void ExperimentBuilder::setAxis(GridAxis axis, bool given) {
    auto& grid = m_experiment.grid;
    const auto same = std::find_if(grid.begin(), grid.end(), [&](const GridAxis& a) { return a.option == axis.option; });
    if (same == grid.end()) {
        grid.push_back(std::move(axis));
        m_given.push_back(given);
        return;
    }
    const auto at = static_cast<std::size_t>(same - grid.begin());
    if (given && m_given[at]) throw Error(axis.option + " is varied twice");
    *same = std::move(axis);
    m_given[at] = given;
}

void ExperimentBuilder::vary(const std::string& option, const std::string& values) {
    setAxis(parseGridValues(option, values), true);
}

void ExperimentBuilder::vary(const std::string& nameAndValues) {
    setAxis(parseGridAxis(nameAndValues), true);
}

void ExperimentBuilder::compare(const std::vector<Method>& methods) {
    auto& grid = m_experiment.grid;
    for (std::size_t i = 0; i < grid.size(); ++i)
        if (grid[i].option == kNormalize) {
            grid.erase(grid.begin() + static_cast<std::ptrdiff_t>(i));
            m_given.erase(m_given.begin() + static_cast<std::ptrdiff_t>(i));
            break;
        }
    GridAxis axis{kNormalize, {}};
    for (Method m : methods)
        axis.values.push_back(methodName(m));
    if (methods.size() == 1) m_experiment.base.normalization = methods.front(); // the file's options say it too
    grid.push_back(std::move(axis));
    m_given.push_back(true);
}

bool ExperimentBuilder::comparesNormalizations() const {
    const auto& grid = m_experiment.grid;
    return std::any_of(grid.begin(), grid.end(), [](const GridAxis& a) { return a.option == kNormalize; });
}

Experiment ExperimentBuilder::build() const {
    Experiment e = m_experiment;
    if (const auto errors = validateConfig(e.base); !errors.empty()) throw Error(errors.front());
    if (!comparesNormalizations()) e.grid.push_back({kNormalize, {methodName(e.base.normalization)}});
    for (const GridAxis& axis : e.grid)
        if (axis.option == kNormalize && axis.values.empty())
            throw Error("Choose at least one normalization.");
    expandGrid(e.base, e.grid, e.seeds); // every value of every axis on this base, and seeds >= 1
    return e;
}

ComparisonPlan planComparison(const Experiment& experiment) {
    return {experiment, expandGrid(experiment.base, experiment.grid, experiment.seeds),
            extraTableColumns(experiment.grid, experiment.seeds)};
}

std::string runCountText(const ComparisonPlan& plan) {
    const std::size_t runs = plan.runs.size();
    const auto seeds = static_cast<std::size_t>(std::max(1, plan.experiment.seeds));
    const auto count = [](std::size_t n, const char* one, const char* many) {
        return std::to_string(n) + " " + (n == 1 ? one : many);
    };
    return count(runs / seeds, "configuration", "configurations") + " × " + count(seeds, "seed", "seeds") + " = " +
           count(runs, "run", "runs");
}

std::vector<Method> parseMethodList(const std::string& list) {
    std::vector<Method> methods;
    std::stringstream in(list);
    std::string name;
    while (std::getline(in, name, ',')) {
        const auto m = parseMethod(name);
        if (!m) throw Error("unknown normalization '" + name + "' (expected " + methodNameList() + ")");
        methods.push_back(*m);
    }
    if (methods.empty()) throw Error("--compare needs at least one normalization");
    return methods;
}

} // namespace normlab
