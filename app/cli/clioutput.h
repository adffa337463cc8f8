#pragma once

#include <string>
#include <vector>

#include "core/common/progress.h"

namespace normlab::cli {

// Writes text to stdout, or atomically to a file when path is not empty.
void emit(const std::string& text, const std::string& path);

// True when stdout is an interactive terminal (live progress bars instead of plain lines).
bool stdoutIsTerminal();
bool stderrIsTerminal();

// A progress bar on standard error for long work ("stats [#####.....] 52%"), redrawn at most every
// 100 ms and finished with a newline; nothing when standard error is not a terminal (logs, pipes).
Progress stderrProgress(const std::string& label);

// What was done to the data as it was read, one "note: …" line each on standard error; label gaps
// are a "warning: …".
void printNotes(const std::vector<std::string>& notes);

} // namespace normlab::cli
