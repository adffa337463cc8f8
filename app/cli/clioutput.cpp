#include "app/cli/clioutput.h"

#include <cstdio>
#include <iostream>

#include <unistd.h>

#include "core/common/error.h"
#include "core/export/atomicfile.h"

namespace normlab::cli {

void emit(const std::string& text, const std::string& path) {
    if (path.empty() || path == "-") {
        std::cout << text;
        std::cout.flush();
        if (!std::cout) throw Error("cannot write to standard output");
        return;
    }
    writeFileAtomically(path, text);
}

bool stdoutIsTerminal() {
    return ::isatty(STDOUT_FILENO) == 1;
}
bool stderrIsTerminal() {
    return ::isatty(STDERR_FILENO) == 1;
}

} // namespace normlab::cli
