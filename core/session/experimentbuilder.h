#pragma once

#include <string>
#include <vector>

#include "core/train/config/trainconfig.h"
#include "core/train/experiment/experimentfile.h"
#include "core/train/experiment/experimentgrid.h"

namespace normlab {

// Builds the one kind of experiment both front ends run: a base configuration, the options a
// grid varies, the normalizations compared (the grid's `normalize` axis) and the number of seeds.
// The CLI feeds it from flags and an experiment file, the GUI from its form; build() checks
// everything once, so a value refused in one front end is refused in the other with the same words.
class ExperimentBuilder {
public:
    explicit ExperimentBuilder(TrainConfig base = {});
    // Starts from an experiment file: its axes stay in their places unless vary() or compare()
    // replaces them.
    explicit ExperimentBuilder(const Experiment& from);

    TrainConfig& base() { return m_experiment.base; }
    const TrainConfig& base() const { return m_experiment.base; }

    // One varied option with its values as typed ("0.01, 0.001"): the values are split at commas,
    // trimmed and each checked now (parseGridValues: errors in no front end's words). An axis from
    // the experiment file of the same option is replaced in place; an option varied twice here is an
    // Error.
    void vary(const std::string& option, const std::string& values);
    // `--vary NAME=V1,V2` as given on the command line.
    void vary(const std::string& nameAndValues);
    // The normalizations compared, as the grid's last axis (replacing one from the file). An empty
    // list is kept, so that build() says that none was chosen.
    void compare(const std::vector<Method>& methods);
    // Whether the normalizations are already an axis (from the file, vary() or compare()).
    bool comparesNormalizations() const;
    void setSeeds(int seeds) { m_experiment.seeds = seeds; }
    void setFoundIn(const std::string& foundIn) { m_experiment.foundIn = foundIn; }

    // The checked experiment; without a normalize axis the base's normalization is compared alone.
    // Throws Error naming what is wrong: a setting validateConfig refuses, no normalization,
    // seeds < 1.
    Experiment build() const;

private:
    void setAxis(GridAxis axis, bool given);

    Experiment m_experiment;
    std::vector<bool> m_given; // per axis of m_experiment.grid: set here, not taken from a file
};

// What a comparison trains: the experiment, its runs (expandGrid) and the results table's extra
// columns (extraTableColumns).
struct ComparisonPlan {
    Experiment experiment;
    std::vector<GridRun> runs;
    std::vector<std::string> extraColumns;
};
ComparisonPlan planComparison(const Experiment& experiment);

// "2 configurations × 3 seeds = 6 runs".
std::string runCountText(const ComparisonPlan& plan);

// "none,zscore" -> {None, ZScore}. Throws Error naming an unknown normalization.
std::vector<Method> parseMethodList(const std::string& list);

} // namespace normlab
