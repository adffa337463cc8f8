#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/session/experimentbuilder.h"
#include "core/train/config/trainresult.h"
#include "core/train/experiment/seedsummary.h"

namespace normlab {

// Where a running run is within its epoch (the GUI's "running: epoch 2/20, batch 30/60").
struct RunProgress {
    int epoch = 0, batch = 0, batches = 0;
};

// The one list of a comparison's runs: fed by the engine's callbacks while it trains (the CLI's
// and the GUI's alike) or by a reopened results file, in the same calls. It knows what the
// front ends show and write: each run's state and curves, the seed groups and their summaries,
// the results table's columns and the experiment the runs came from. The GUI's models are views
// over it; nothing else keeps a copy of a run.
class ComparisonResults {
public:
    // A new comparison: one queued run per planned run, named and configured as planned.
    void reset(const ComparisonPlan& plan);
    // Results read back from a file, with the experiment it records (older files have none).
    void reset(std::vector<RunResult> runs, std::optional<Experiment> experiment);
    void clear();

    // The engine's callbacks, in the order it calls them. A run index out of range is ignored.
    void runStarted(int run, const std::string& device);
    void progress(int run, int epoch, int batch, int batches);
    void addStep(const StepMetric& step);
    void addEpoch(const EpochMetric& epoch);
    // The run's final state; its name and configuration stay the planned ones (what the engine was
    // asked to train), its curves those reported so far when the result carries none.
    void runFinished(const RunResult& result);

    const std::vector<RunResult>& runs() const { return m_runs; }
    int runCount() const { return static_cast<int>(m_runs.size()); }
    const RunResult& run(int index) const { return m_runs.at(static_cast<std::size_t>(index)); }
    const RunProgress& progressOf(int index) const { return m_progress.at(static_cast<std::size_t>(index)); }
    bool ended(int index) const { return m_ended.at(static_cast<std::size_t>(index)); }
    // The runs that have ended (finished, stopped, diverged, failed): what an export writes.
    std::vector<RunResult> endedRuns() const;
    // Queued or running: what "stop run" can act on.
    std::vector<int> activeRuns() const;
    const std::optional<Experiment>& experiment() const { return m_experiment; }

    // Runs grouped by configuration over their seeds, with mean ± std per epoch (core's groupBySeed).
    std::vector<SeedGroup> seedGroups() const;
    bool hasSeeds() const; // some configuration has more than one run
    // The results table's columns after the lesson's: the grid's (extraTableColumns) or, for a
    // file that records no experiment, the options that differ between its runs.
    std::vector<std::string> extraColumns() const;

private:
    bool valid(int run) const { return run >= 0 && run < runCount(); }

    std::vector<RunResult> m_runs;
    std::vector<RunProgress> m_progress;
    std::vector<bool> m_ended;
    std::vector<std::string> m_extraColumns;
    std::optional<Experiment> m_experiment;
};

} // namespace normlab
