#pragma once

#include <string>

namespace normlab::cli {

// Writes text to stdout, or atomically to a file when path is not empty.
void emit(const std::string& text, const std::string& path);

// True when stdout is an interactive terminal (live progress bars instead of plain lines).
bool stdoutIsTerminal();
bool stderrIsTerminal();

} // namespace normlab::cli
