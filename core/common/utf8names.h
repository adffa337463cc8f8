#pragma once

#include <string>
#include <string_view>

namespace normlab {

// Names from the file system (class folders, file names, paths) are bytes; JSON, CSV and the GUI
// need UTF-8. The one conversion NormLab uses wherever such a name is shown or written: valid UTF-8
// stays as it is, every byte that is not part of a valid sequence becomes "\xNN" (two lowercase
// hex digits), as Python's errors="backslashreplace" writes it. A Latin-1 "café" folder is shown
// and exported as "caf\xe9"; the file is still opened by its real bytes.
std::string utf8Name(std::string_view bytes);

} // namespace normlab
