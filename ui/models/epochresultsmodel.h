#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "core/train/config/trainresult.h"

namespace normlab {

// The lesson's results table: one row per finished epoch of every run, with the run's name (what
// differs between the runs) first. Fed epoch by epoch while training, and by reopened results
// through the same addEpoch(); exports read the core's RunResults, never this table.
class EpochResultsModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        RunColumn,
        EpochColumn,
        LossColumn,
        AccuracyColumn,
        TestLossColumn,
        TestAccuracyColumn,
        EpochSecondsColumn,
        RunSecondsColumn,
        LrColumn,
        BatchSizeColumn,
        DeviceColumn,
        NormalizationColumn,
        ColumnCount
    };
    // The exact number behind a cell (sorting and tests use it; the display rounds).
    static constexpr int ValueRole = Qt::UserRole;

    explicit EpochResultsModel(QObject* parent = nullptr);

    void clear();
    void addEpoch(const QString& runName, const TrainConfig& config, const QString& device, const EpochMetric& epoch);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        QString run;
        TrainConfig config;
        QString device;
        EpochMetric epoch;
    };
    QVariant value(const Row& row, int column) const;

    std::vector<Row> m_rows;
};

} // namespace normlab
