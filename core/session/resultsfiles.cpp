#include "core/session/resultsfiles.h"

#include <algorithm>
#include <cctype>

#include "core/common/atomicfile.h"
#include "core/common/error.h"
#include "core/common/filebytes.h"
#include "core/export/statsexport.h"
#include "core/train/experiment/resultsexport.h"

namespace normlab {

FileFormat fileFormatOf(const std::filesystem::path& path) {
    std::string ext = path.extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
    return ext == ".csv" ? FileFormat::Csv : FileFormat::Json;
}

std::string resultsFileText(const ComparisonResults& results, FileFormat format) {
    const std::vector<RunResult> runs = results.endedRuns();
    if (format == FileFormat::Csv) return resultsToCsv(runs, results.extraColumns());
    // JSON records the experiment, so the file alone runs the comparison again (train --experiment).
    return results.experiment() ? resultsToJson(runs, *results.experiment()) : resultsToJson(runs);
}

void writeResultsFile(const std::filesystem::path& path, const ComparisonResults& results) {
    writeFileAtomically(path, resultsFileText(results, fileFormatOf(path)));
}

std::string seedSummaryFileText(const ComparisonResults& results) {
    return seedSummaryCsv(groupBySeed(results.endedRuns()));
}

SavedResults readResultsFile(const std::filesystem::path& path) {
    if (fileFormatOf(path) == FileFormat::Csv)
        throw Error(path.filename().string() +
                    " is a CSV export: it holds the lesson's table only. NormLab reopens its JSON export, which keeps "
                    "every curve and setting.");
    const auto bytes = readFileBytes(path);
    const std::string text(bytes.begin(), bytes.end());
    return {resultsFromJson(text, path.string()), experimentOfResults(text, path.string())};
}

std::string statsFileText(const SplitStats& stats, FileFormat format) {
    return format == FileFormat::Csv ? statsToCsv(stats) : statsToJson(stats);
}

void writeStatsFile(const std::filesystem::path& path, const SplitStats& stats) {
    writeFileAtomically(path, statsFileText(stats, fileFormatOf(path)));
}

} // namespace normlab
