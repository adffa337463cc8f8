#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/train/experiment/experimentfile.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// The runs of a comparison as JSON: format, each run's config, device, status, message,
// per-epoch table and train-loss steps.
std::string resultsToJson(const std::vector<RunResult>& runs, int indent = 2);
// The same with an "experiment" member: the experiment file's object the runs came from, so a
// results file is enough to run its comparison again.
std::string resultsToJson(const std::vector<RunResult>& runs, const Experiment& experiment, int indent = 2);

// The lesson's results table, one row per run and epoch: run, epoch, loss, accuracy,
// epoch duration, run duration, lr, batch_size, device, normalization, test_loss, test_accuracy.
// extraOptions: more columns after the lesson's, one per option a grid varied beyond lr,
// batch size and normalization (model, optimizer, epochs, momentum, seed), as the lesson's
// RunBuilder table has one column per parameter.
std::string resultsToCsv(const std::vector<RunResult>& runs, const std::vector<std::string>& extraOptions = {});

// One finished epoch as a single JSON line (normlab-cli train --jsonl), and one finished run.
std::string epochJsonLine(const RunResult& run, const EpochMetric& epoch);
std::string runJsonLine(const RunResult& run);

// Reads a results JSON back (for looking at saved curves again). Throws Error naming `source`
// and the problem when the text is not a NormLab results file.
std::vector<RunResult> resultsFromJson(const std::string& text, const std::string& source);
// The experiment a results file records (the CLI's and the GUI's exports both do); nullopt for
// files from before it was recorded. Throws Error naming `source` when it is there but malformed.
std::optional<Experiment> experimentOfResults(const std::string& text, const std::string& source);

} // namespace normlab
