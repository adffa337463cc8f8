#pragma once

#include <QString>

class QCustomPlot;

namespace normlab {

// Saves a plot as PNG, PDF or SVG (chosen by the file's extension), rendered in memory and then
// written atomically. Throws Error with a message naming the file.
void savePlot(QCustomPlot* plot, const QString& path);

} // namespace normlab
