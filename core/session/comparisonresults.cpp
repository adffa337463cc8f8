#include "core/session/comparisonresults.h"

#include <algorithm>

namespace normlab {
namespace {

// Columns for runs whose grid is unknown: each option beyond the lesson's columns that differs
// between them, then the seed when a configuration was repeated — what extraTableColumns gives
// for the grid that made them.
std::vector<std::string> differingColumns(const std::vector<RunResult>& runs, bool seeds) {
    std::vector<std::string> columns;
    for (const char* option : {"model", "optimizer", "epochs", "momentum"})
        if (std::any_of(runs.begin(), runs.end(), [&](const RunResult& r) {
                return optionValue(r.config, option) != optionValue(runs.front().config, option);
            }))
            columns.emplace_back(option);
    if (seeds) columns.emplace_back("seed");
    return columns;
}

} // namespace

void ComparisonResults::reset(const ComparisonPlan& plan) {
    clear();
    for (std::size_t i = 0; i < plan.runs.size(); ++i) {
        RunResult r;
        r.run = static_cast<int>(i);
        r.name = plan.runs[i].name;
        r.config = plan.runs[i].config;
        r.device = r.config.device;
        m_runs.push_back(std::move(r));
    }
    m_progress.assign(m_runs.size(), {});
    m_ended.assign(m_runs.size(), false);
    m_extraColumns = plan.extraColumns;
    m_experiment = plan.experiment;
}

void ComparisonResults::reset(std::vector<RunResult> runs, std::optional<Experiment> experiment) {
    clear();
    m_runs = std::move(runs);
    // Indices are positions here, as they are while training.
    for (std::size_t i = 0; i < m_runs.size(); ++i) {
        RunResult& r = m_runs[i];
        r.run = static_cast<int>(i);
        for (auto& e : r.epochs)
            e.run = r.run;
        for (auto& s : r.steps)
            s.run = r.run;
    }
    m_progress.assign(m_runs.size(), {});
    m_ended.assign(m_runs.size(), true);
    m_experiment = std::move(experiment);
    m_extraColumns = m_experiment ? extraTableColumns(m_experiment->grid, m_experiment->seeds)
                                  : differingColumns(m_runs, hasSeeds());
}

void ComparisonResults::clear() {
    m_runs.clear();
    m_progress.clear();
    m_ended.clear();
    m_extraColumns.clear();
    m_experiment.reset();
}

void ComparisonResults::runStarted(int run, const std::string& device) {
    if (!valid(run)) return;
    m_runs[static_cast<std::size_t>(run)].device = device;
    m_runs[static_cast<std::size_t>(run)].status = RunStatus::Running;
}

void ComparisonResults::progress(int run, int epoch, int batch, int batches) {
    if (!valid(run)) return;
    m_runs[static_cast<std::size_t>(run)].status = RunStatus::Running;
    m_progress[static_cast<std::size_t>(run)] = {epoch, batch, batches};
}

void ComparisonResults::addStep(const StepMetric& step) {
    if (valid(step.run)) m_runs[static_cast<std::size_t>(step.run)].steps.push_back(step);
}

void ComparisonResults::addEpoch(const EpochMetric& epoch) {
    if (valid(epoch.run)) m_runs[static_cast<std::size_t>(epoch.run)].epochs.push_back(epoch);
}

void ComparisonResults::runFinished(const RunResult& result) {
    if (!valid(result.run)) return;
    RunResult& r = m_runs[static_cast<std::size_t>(result.run)];
    RunResult planned = std::move(r);
    r = result;
    r.name = std::move(planned.name);
    r.config = std::move(planned.config);
    std::vector<EpochMetric>& epochs = planned.epochs;
    std::vector<StepMetric>& steps = planned.steps;
    const std::string& device = planned.device;
    if (r.epochs.empty()) r.epochs = std::move(epochs);
    if (r.steps.empty()) r.steps = std::move(steps);
    if (r.device.empty()) r.device = device;
    m_ended[static_cast<std::size_t>(result.run)] = true;
}

std::vector<RunResult> ComparisonResults::endedRuns() const {
    std::vector<RunResult> list;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (m_ended[i]) list.push_back(m_runs[i]);
    return list;
}

std::vector<int> ComparisonResults::activeRuns() const {
    std::vector<int> list;
    for (std::size_t i = 0; i < m_runs.size(); ++i)
        if (!m_ended[i] && (m_runs[i].status == RunStatus::Queued || m_runs[i].status == RunStatus::Running))
            list.push_back(static_cast<int>(i));
    return list;
}

std::vector<SeedGroup> ComparisonResults::seedGroups() const {
    return groupBySeed(m_runs);
}

bool ComparisonResults::hasSeeds() const {
    const auto groups = seedGroups();
    return std::any_of(groups.begin(), groups.end(), [](const SeedGroup& g) { return g.runs.size() > 1; });
}

std::vector<std::string> ComparisonResults::extraColumns() const {
    return m_extraColumns;
}

} // namespace normlab
