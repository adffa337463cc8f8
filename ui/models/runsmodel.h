#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>

#include "core/train/config/trainconfig.h"
#include "core/session/comparisonresults.h"
#include "core/train/config/trainresult.h"

namespace normlab {

// The runs of a comparison and where each stands: its name (what differs between the runs), the
// device it runs on, and its state ("queued", "running: epoch 2/20, batch 30/60", "finished",
// "cancelled: …"). A view over the session's ComparisonResults, which the training job's signals
// and reopened files feed alike: the owner of the results says which rows changed.
class RunsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    // The state before the device: the table's last column is stretched to what is left of a narrow
    // column, which elided "running: epoch 2/20, batch 30/60" when the state came last.
    enum Column { NameColumn, StateColumn, DeviceColumn, ColumnCount };

    // One run as the table shows it.
    struct Run {
        QString name;
        TrainConfig config;
        QString device;
        RunStatus status = RunStatus::Queued;
        QString message;
    };

    explicit RunsModel(const ComparisonResults* results, QObject* parent = nullptr);

    // The results were reset (a new comparison, reopened results) / one run changed.
    void resultsReset();
    void runChanged(int run);

    Run run(int row) const;
    QString stateText(int row) const;
    QColor color(int row) const;
    // The runs that are queued or running, i.e. what "Stop run" can act on.
    std::vector<int> activeRuns() const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    const ComparisonResults* m_results;
};

// One colour per run, the same in every plot, legend, table and sample strip.
QColor runColor(int run);

// Names for a comparison's runs by what differs between them ("zscore", or "lr=0.001 · zscore"
// when more than the normalization varies), so tables and legends never say "0" and "1".
std::vector<QString> runNames(const std::vector<TrainConfig>& configs);

} // namespace normlab
