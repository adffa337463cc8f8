#include "ui/pages/trainestimate.h"

#include <algorithm>

#include <QSettings>
#include <QVariantMap>

#include "ui/jobs/calibrationjob.h"

namespace normlab {
namespace {

constexpr double kFewestDoneForRemaining = 0.02; // below it the rate says little yet
const QString kGroup = QStringLiteral("training/epochSeconds/");

QString settingsKey(const TrainConfig& config, const QString& deviceKind) {
    return kGroup + QString::fromStdString(epochTimeKey(config, deviceKind.toStdString()));
}

} // namespace

TrainEstimate::TrainEstimate(QObject* parent) : QObject(parent), m_calibration(new CalibrationJob(this)) {
    connect(m_calibration, &CalibrationJob::calibrated, this, &TrainEstimate::calibrated);
    connect(m_calibration, &CalibrationJob::failed, this, [this](const QString& why) {
        show(tr("No time estimate: %1").arg(why));
    });
}

std::optional<TrainEstimate::EpochTime> TrainEstimate::remembered(const TrainConfig& config, const QString& deviceKind) {
    const QVariantMap value = QSettings().value(settingsKey(config, deviceKind)).toMap();
    const double seconds = value.value(QStringLiteral("seconds")).toDouble();
    if (seconds <= 0) return std::nullopt;
    const bool seen = value.value(QStringLiteral("basis")).toString() == QLatin1String("seen");
    return EpochTime{seconds, seen ? EpochTimeBasis::Seen : EpochTimeBasis::Calibrated};
}

void TrainEstimate::remember(const TrainConfig& config, const QString& deviceKind, EpochTime time) {
    QSettings().setValue(settingsKey(config, deviceKind),
                         QVariantMap{{QStringLiteral("seconds"), time.seconds},
                                     {QStringLiteral("basis"), time.basis == EpochTimeBasis::Seen
                                                                   ? QStringLiteral("seen")
                                                                   : QStringLiteral("calibrated")}});
}

void TrainEstimate::planChanged(const std::vector<TrainConfig>& runs, const QString& deviceKind, bool calibrate) {
    m_runs = runs;
    m_deviceKind = deviceKind;
    if (runs.empty()) {
        m_calibration->cancel();
        show({});
        return;
    }
    // Runs of a grid may differ in cost (model, batch size): each by its own epoch time.
    double seconds = 0;
    int epochs = 0;
    bool allSeen = true;
    for (const TrainConfig& run : runs) {
        const auto time = remembered(run, deviceKind);
        if (!time) {
            if (!calibrate) return;
            show(tr("Timing a few batches to estimate how long this takes…"));
            m_calibration->start(run); // calibrated() plans again: the next unknown configuration, or the estimate
            return;
        }
        seconds += time->seconds * run.epochs;
        epochs += run.epochs;
        allSeen = allSeen && time->basis == EpochTimeBasis::Seen;
    }
    m_calibration->cancel();
    const int perRun = runs.front().epochs; // the form gives every run the same number of epochs
    show(QString::fromStdString(estimateText(runs.size(), perRun, seconds / std::max(1, epochs),
                                             allSeen ? EpochTimeBasis::Seen : EpochTimeBasis::Calibrated)));
}

void TrainEstimate::calibrated(const TrainConfig& config, const QString& deviceKind, double epochSeconds) {
    // A comparison that ran meanwhile has timed whole epochs: those stay.
    if (!remembered(config, deviceKind)) remember(config, deviceKind, {epochSeconds, EpochTimeBasis::Calibrated});
    planChanged(m_runs, m_deviceKind, true);
}

void TrainEstimate::started(const std::vector<TrainConfig>& runs, const QString& deviceKind) {
    m_calibration->cancel(); // the runs time themselves; a calibration would share the cores
    m_sinceStart.start();
    m_expected.clear();
    for (const TrainConfig& run : runs) {
        const auto time = remembered(run, deviceKind);
        m_expected.push_back(time ? time->seconds : 0.0);
    }
}

void TrainEstimate::epochSeen(const RunResult& run, const EpochMetric& epoch) {
    // The first epoch carries warm-up (allocations, LibTorch's first kernels): later ones are typical.
    if (epoch.epoch < 2) return;
    remember(run.config, QString::fromStdString(deviceKind(run.device)), {epoch.epochSeconds, EpochTimeBasis::Seen});
    const std::size_t index = static_cast<std::size_t>(std::max(0, run.run));
    if (index < m_expected.size()) show(QString::fromStdString(sharedCoresNote(epoch.epochSeconds, m_expected[index])));
}

void TrainEstimate::stopped() {
    m_sinceStart.invalidate();
    planChanged(m_runs, m_deviceKind, false); // the next start's estimate, from the epochs just seen
}

QString TrainEstimate::remaining(double done) const {
    if (!m_sinceStart.isValid() || done < kFewestDoneForRemaining || done >= 1) return {};
    const double elapsed = m_sinceStart.elapsed() / 1000.0;
    return QString::fromStdString(remainingText(elapsed * (1 - done) / done));
}

void TrainEstimate::show(const QString& text) {
    if (text == m_text) return;
    m_text = text;
    Q_EMIT textChanged(text);
}

} // namespace normlab
