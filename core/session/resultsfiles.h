#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/session/comparisonresults.h"
#include "core/stats/splitstats.h"

namespace normlab {

// The files both front ends write and read, each in one place: the format follows the file's
// extension (.csv, else JSON) and a results table carries its grid's extra columns, whether the
// CLI or the GUI writes it.
enum class FileFormat { Json, Csv };
FileFormat fileFormatOf(const std::filesystem::path& path);

// A comparison's results: JSON (every curve, the experiment, reopens in NormLab) or CSV (the
// lesson's table with the grid's extra columns).
std::string resultsFileText(const ComparisonResults& results, FileFormat format);
void writeResultsFile(const std::filesystem::path& path, const ComparisonResults& results); // atomically
// Mean ± std over seeds per configuration and epoch (CSV).
std::string seedSummaryFileText(const ComparisonResults& results);

struct SavedResults {
    std::vector<RunResult> runs;
    std::optional<Experiment> experiment; // files from before it was recorded have none
};
// A results JSON written by either front end. Throws Error naming the file and the problem; a CSV
// export is refused with a sentence saying that only the JSON keeps the curves.
SavedResults readResultsFile(const std::filesystem::path& path);

// One split's statistics: JSON (everything) or CSV.
std::string statsFileText(const SplitStats& stats, FileFormat format);
void writeStatsFile(const std::filesystem::path& path, const SplitStats& stats); // atomically

} // namespace normlab
