#pragma once

#include <map>

#include <QTimer>
#include <qcustomplot.h>

namespace normlab {

// Training curves of several runs on one axis pair, x in epochs: per run a "train" curve (solid)
// and a "test" curve (dashed, one marker per epoch), one colour per run. Points are appended,
// never rebuilt; replots are coalesced by a timer so fast producers never make the UI lag.
class CurvePlot : public QCustomPlot {
    Q_OBJECT

public:
    explicit CurvePlot(const QString& yLabel, QWidget* parent = nullptr);

    void clearRuns();
    void addRun(int run, const QString& name, const QColor& color);
    // Adds why a run ended early to its legend entries ("raw255 train — diverged: …"), so a run
    // with no points still says what happened.
    void setRunNote(int run, const QString& note);
    void addTrainPoint(int run, double epochs, double value);
    void addTestPoint(int run, double epochs, double value);
    // Exponential smoothing of the train curves (display only; the data stay exact).
    void setSmoothing(bool on);
    int trainPointCount(int run) const;
    int testPointCount(int run) const;

private:
    struct Run {
        QCPGraph* train = nullptr;
        QCPGraph* test = nullptr;
        QString name;
        QVector<double> rawX, rawY;
        double smoothed = 0;
    };
    void scheduleReplot();
    void refillTrain(Run& run);
    void showValueTip(QMouseEvent* event);

    std::map<int, Run> m_runs;
    bool m_smoothing = false;
    QTimer m_replot;
};

} // namespace normlab
