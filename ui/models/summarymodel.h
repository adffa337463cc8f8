#pragma once

#include <vector>

#include <QAbstractTableModel>
#include <QColor>

#include "core/stats/splitstats.h"

namespace normlab {

// The Normalization tab's before/after table: mean, std, extremes and percentiles of a method's
// values, one row per method and channel ("after (zscore) · G"), named by the page.
class SummaryModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { MeanColumn, StdColumn, MinColumn, MaxColumn, P1Column, P50Column, P99Column, ColumnCount };
    // The exact number behind a cell (tests use it; the display rounds).
    static constexpr int ValueRole = Qt::UserRole;

    struct Row {
        QString name;
        ChannelSummary values;
        QColor color; // of the row's name; invalid: the palette's
    };

    explicit SummaryModel(QObject* parent = nullptr);
    void setRows(std::vector<Row> rows);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<Row> m_rows;
};

} // namespace normlab
