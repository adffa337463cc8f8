#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "core/train/experiment/seedsummary.h"

namespace normlab {

// Mean ± std over seeds, one row per configuration and epoch (core's groupBySeed). Fed with the
// whole grouping whenever an epoch finishes; ValueRole holds each cell's mean, StdRole its std.
class SeedSummaryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column {
        ConfigurationColumn,
        EpochColumn,
        SeedsColumn,
        TestAccuracyColumn,
        TestLossColumn,
        AccuracyColumn,
        LossColumn,
        ColumnCount
    };
    static constexpr int ValueRole = Qt::UserRole;
    static constexpr int StdRole = Qt::UserRole + 1;

    explicit SeedSummaryModel(QObject* parent = nullptr);

    void setGroups(const std::vector<SeedGroup>& groups);
    const std::vector<SeedGroup>& groups() const { return m_groups; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int group;
        const EpochSpread* epoch;
    };
    std::vector<SeedGroup> m_groups;
    std::vector<Row> m_rows;
};

} // namespace normlab
