#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "core/stats/splitstats.h"

namespace normlab {

// Per-class counts, mean and std of a split (x/255, population std), one row per class.
class PerClassModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { LabelColumn, NameColumn, ImagesColumn, MeanColumn, StdColumn, ColumnCount };
    static constexpr int ValueRole = Qt::UserRole; // exact numbers, for sorting

    explicit PerClassModel(QObject* parent = nullptr);
    void setStats(const SplitStats& stats);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    struct Row {
        int label;
        QString name;
        qulonglong images;
        double mean, std;
    };
    std::vector<Row> m_rows;
};

} // namespace normlab
