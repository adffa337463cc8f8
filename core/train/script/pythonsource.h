#pragma once

// Private to the Python script generator (pythonscript.cpp, pythonscriptparts.cpp): Python literals.

#include <string>
#include <vector>

namespace normlab::python {

// A double-quoted Python string literal. Throws Error when the text is not UTF-8 (a Python source
// file is), naming what it is (`what`, e.g. "data file") and the text.
std::string string(const std::string& text, const std::string& what);

// Text for a one-line # comment: control characters and bytes that are not UTF-8 become '?'.
std::string comment(const std::string& text);

// A float literal that reads back exactly: the shortest such text ("0.01", "1e-05", "1.0").
std::string shortestFloat(double value);

// A float literal with 17 significant digits ("0.28604059698879553"): every constant NormLab
// computed, printed as torchvision_full_precision prints it in the stats export.
std::string fullFloat(double value);

// A Python tuple of fullFloat values: "(0.5,)", "(0.1, 0.2, 0.3)".
std::string fullTuple(const std::vector<double>& values);

} // namespace normlab::python
