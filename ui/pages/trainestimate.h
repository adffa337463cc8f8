#pragma once

#include <optional>
#include <vector>

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QTimer>

#include "core/session/epochtime.h"
#include "core/train/config/trainconfig.h"
#include "core/train/config/trainresult.h"

namespace normlab {

class CalibrationJob;

// The training form's time estimate (core/session/epochtime.h). Before a start it says how long
// the planned runs take, from this machine's epoch time for their configuration: remembered from
// epochs seen, else timed on a few batches in the background (CalibrationJob) the moment the
// form changes. While runs go it says how long is left, and when epochs take clearly longer than
// expected, that something else shares the cores. Times persist in QSettings.
class TrainEstimate : public QObject {
    Q_OBJECT

public:
    explicit TrainEstimate(QObject* parent = nullptr);

    struct EpochTime {
        double seconds = 0;
        EpochTimeBasis basis = EpochTimeBasis::Calibrated;
    };
    // deviceKind: "cpu" or "cuda".
    static std::optional<EpochTime> remembered(const TrainConfig& config, const QString& deviceKind);
    static void remember(const TrainConfig& config, const QString& deviceKind, EpochTime time);

    // The form now plans `runs` (empty: nothing valid to estimate) on a device of this kind;
    // calibrates when no time is known and no training runs (calibrate false).
    void planChanged(const std::vector<TrainConfig>& runs, const QString& deviceKind, bool calibrate);
    // A comparison starts / reports a finished epoch / ends.
    void started(const std::vector<TrainConfig>& runs, const QString& deviceKind);
    void epochSeen(const RunResult& run, const EpochMetric& epoch);
    void stopped();
    // "about 3 minutes left" from the share done so far (0…1) and the time since the start.
    QString remaining(double done) const;

Q_SIGNALS:
    void textChanged(const QString& text);

private:
    void show(const QString& text);
    void calibrated(const TrainConfig& config, const QString& deviceKind, double epochSeconds);

    CalibrationJob* m_calibration;
    std::vector<TrainConfig> m_runs; // what the form plans
    QString m_deviceKind;
    QString m_text;
    QElapsedTimer m_sinceStart;
    std::vector<double> m_expected; // per run of the running comparison: the epoch time it was estimated with (0: none)
};

} // namespace normlab
