#pragma once

#include <utility>
#include <vector>

#include "core/session/comparisonresults.h"
#include "ui/models/tablemodel.h"

namespace normlab {

// The lesson's results table: one row per finished epoch of every run, with the run's name (what
// differs between the runs) first, in the order the epochs finished. A view over the session's
// ComparisonResults: live epochs and reopened results reach it through the same calls.
class EpochResultsModel : public TableModel {
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

    explicit EpochResultsModel(const ComparisonResults* results, QObject* parent = nullptr);

    // Every epoch of every run again (a new comparison, reopened results).
    void resultsReset();
    // The run's newest epoch was added to the results.
    void epochAdded(int run);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }

private:
    QVariant value(int row, int column) const;

    const ComparisonResults* m_results;
    std::vector<std::pair<int, std::size_t>> m_rows; // (run, epoch index): the order epochs finished in
};

} // namespace normlab
