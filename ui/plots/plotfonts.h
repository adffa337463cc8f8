#pragma once

class QCustomPlot;

namespace normlab {

// Makes a plot follow its widget font: axis labels, tick labels, legend and titles take the font
// whenever it changes (View ▸ Larger fonts), so plots scale with every other text. QCustomPlot
// itself copies the font once, at construction.
void followWidgetFont(QCustomPlot* plot);

// Applies the plot's current widget font to its texts now.
void applyWidgetFont(QCustomPlot* plot);

} // namespace normlab
