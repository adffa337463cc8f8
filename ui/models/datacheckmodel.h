#pragma once

#include <vector>

#include <QAbstractTableModel>

#include "core/session/datacheck.h"

namespace normlab {

// The data check: every file a split was read from, what it is compared with the published
// files, where it came from, its size and SHA-256.
class DataCheckModel : public QAbstractTableModel {
    Q_OBJECT

public:
    enum Column { FileColumn, CheckColumn, OriginColumn, BytesColumn, Sha256Column, ColumnCount };

    explicit DataCheckModel(QObject* parent = nullptr);
    void setChecks(std::vector<FileCheck> checks);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    std::vector<FileCheck> m_checks;
};

} // namespace normlab
