#pragma once

#include <utility>

#include <QString>

class QCustomPlot;

namespace normlab {

// Saves a plot as PNG, PDF or SVG (chosen by the file's extension), rendered in memory and then
// written atomically. Throws Error with a message naming the file.
void savePlot(QCustomPlot* plot, const QString& path);

// Saves two plots that belong together as NAME-<first>.EXT and NAME-<second>.EXT beside `path`
// (PNG when it has no extension), e.g. "maps-mean.png" and "maps-std.png"; returns both paths.
std::pair<QString, QString> savePlotPair(const QString& path, QCustomPlot* first, const QString& firstSuffix,
                                         QCustomPlot* second, const QString& secondSuffix);

} // namespace normlab
