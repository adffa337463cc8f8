#pragma once

#include <vector>


#include "core/stats/splitstats.h"
#include "ui/models/tablemodel.h"

namespace normlab {

// Per-class counts, mean and std of a split (x/255, population std), one row per class and one
// value per channel in a cell ("0.4914 / 0.4822 / 0.4465", R / G / B).
class PerClassModel : public TableModel {
    Q_OBJECT

public:
    enum Column { LabelColumn, NameColumn, ImagesColumn, MeanColumn, StdColumn, ColumnCount };
    // Exact numbers, for sorting: of several channels, their average (the mean over all pixels;
    // an order only for std).
    static constexpr int ChannelValuesRole = Qt::UserRole + 1; // exact, one per channel (QVariantList)

    explicit PerClassModel(QObject* parent = nullptr);
    void setStats(const SplitStats& stats);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    int rows() const override { return static_cast<int>(m_rows.size()); }

private:
    struct Row {
        int label;
        QString name;
        qulonglong images;
        std::vector<double> mean, std; // per channel
    };
    std::vector<Row> m_rows;
    int m_channels = 1;
};

} // namespace normlab
