#pragma once

#include <vector>

#include <qcustomplot.h>

namespace normlab {

// Curves summarised over repeated runs (seeds): per series a line through the mean and a shaded
// band from the lowest to the highest value at each x, so a reader sees at once whether two
// series differ by more than their run-to-run spread.
class BandPlot : public QCustomPlot {
    Q_OBJECT

public:
    struct Series {
        QString name;
        QColor color;
        Qt::PenStyle style = Qt::SolidLine;
        std::vector<double> x;
        std::vector<std::vector<double>> runs; // runs[r][i]: run r's value at x[i]
    };

    BandPlot(const QString& xLabel, const QString& yLabel, QWidget* parent = nullptr);

    // Adds one series; the band covers min..max over the runs at each x, the line their mean.
    void addSeries(const Series& series);
    // The same from summaries already made (core's Spread per x): mean line, min..max band.
    struct Summary {
        QString name;
        QColor color;
        Qt::PenStyle style = Qt::SolidLine;
        QVector<double> x, mean, low, high;
        int runs = 1;
    };
    void addSummary(const Summary& summary);
    // One run's own curve, thin and faint under its configuration's band (no legend entry): a seed
    // is drawn from its first epoch on, before the others catch up.
    void addRunCurve(const QVector<double>& x, const QVector<double>& y, const QColor& color);
    void clearSeries();
    // Fits both axes to the data with a small margin and redraws.
    void fit();
};

} // namespace normlab
