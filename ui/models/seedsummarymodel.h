#pragma once

#include <vector>


#include "core/train/experiment/seedsummary.h"
#include "ui/models/tablemodel.h"

namespace normlab {

// Mean ± std over seeds, one row per configuration and epoch (core's groupBySeed). Fed with the
// whole grouping whenever an epoch finishes; ValueRole holds each cell's mean, StdRole its std.
class SeedSummaryModel : public TableModel {
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
    static constexpr int StdRole = Qt::UserRole + 1;

    explicit SeedSummaryModel(QObject* parent = nullptr);

    void setGroups(const std::vector<SeedGroup>& groups);
    const std::vector<SeedGroup>& groups() const { return m_groups; }

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }

private:
    struct Row {
        int group;
        const EpochSpread* epoch;
    };
    std::vector<SeedGroup> m_groups;
    std::vector<Row> m_rows;
};

} // namespace normlab
