#include "ui/models/summarymodel.h"

#include <cmath>

namespace normlab {
namespace {

constexpr int kDigits = 6;
constexpr double kZero = 1e-12; // rounding noise of an exact 0, shown as 0 rather than "-1.2e-17"

double valueOf(const ChannelSummary& s, int column) {
    const double values[] = {s.mean, s.std, s.min, s.max, s.p1, s.p50, s.p99};
    return values[column];
}

} // namespace

SummaryModel::SummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void SummaryModel::setRows(std::vector<Row> rows) {
    beginResetModel();
    m_rows = std::move(rows);
    endResetModel();
}

int SummaryModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SummaryModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SummaryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const double value = valueOf(m_rows[static_cast<std::size_t>(index.row())].values, index.column());
    switch (role) {
    case ValueRole:
        return value;
    case Qt::DisplayRole:
        return QString::number(std::abs(value) < kZero ? 0.0 : value, 'g', kDigits);
    case Qt::TextAlignmentRole:
        return QVariant(Qt::AlignRight | Qt::AlignVCenter);
    default:
        return {};
    }
}

QVariant SummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation == Qt::Vertical) {
        if (section < 0 || section >= rowCount()) return {};
        const Row& r = m_rows[static_cast<std::size_t>(section)];
        if (role == Qt::DisplayRole) return r.name;
        if (role == Qt::ForegroundRole && r.color.isValid()) return r.color;
        return {};
    }
    if (role != Qt::DisplayRole) return {};
    static const char* const names[] = {"mean", "std", "min", "max", "p1", "p50", "p99"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace normlab
