#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>

#include "core/train/config/trainconfig.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// The runs of a comparison and where each stands: its name (what differs between the runs), the
// device it runs on, and its state ("queued", "running: epoch 2/20, batch 30/60", "finished",
// "cancelled: …"). Fed by the training job's signals and, for reopened results, by the same
// calls; views and code read state from here, never from cell text.
class RunsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { NameColumn, DeviceColumn, StateColumn, ColumnCount };

    struct Run {
        QString name;
        TrainConfig config;
        QString device;
        RunStatus status = RunStatus::Queued;
        QString message;
        int epoch = 0, batch = 0, batches = 0; // progress while running
    };

    explicit RunsModel(QObject* parent = nullptr);

    // One row per configuration, all queued, named by `names` (a grid's names, as the CLI gives
    // them) or, where none is given, by runNames().
    void reset(const std::vector<TrainConfig>& configs, const std::vector<QString>& names = {});
    void setStarted(int run, const QString& device);
    void setProgress(int run, int epoch, int batch, int batches);
    void setFinished(const RunResult& result);

    const Run& run(int row) const { return m_runs.at(static_cast<std::size_t>(row)); }
    QString stateText(int row) const;
    QColor color(int row) const;
    // The runs that are queued or running, i.e. what "Stop run" can act on.
    std::vector<int> activeRuns() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    void changed(int row);

    std::vector<Run> m_runs;
};

// One colour per run, the same in every plot, legend, table and sample strip.
QColor runColor(int run);

// Names for a comparison's runs by what differs between them ("zscore", or "lr=0.001 · zscore"
// when more than the normalization varies), so tables and legends never say "0" and "1".
std::vector<QString> runNames(const std::vector<TrainConfig>& configs);

} // namespace normlab
