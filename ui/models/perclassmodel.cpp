#include "ui/models/perclassmodel.h"

namespace normlab {

PerClassModel::PerClassModel(QObject* parent) : QAbstractTableModel(parent) {}

void PerClassModel::setStats(const SplitStats& stats) {
    beginResetModel();
    m_rows.clear();
    for (const auto& c : stats.perClass) {
        const ChannelSummary& s = c.methods.at(static_cast<std::size_t>(Method::None)).channels.at(0);
        m_rows.push_back({c.label, QString::fromStdString(c.name), c.images, s.mean, s.std});
    }
    endResetModel();
}

int PerClassModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int PerClassModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PerClassModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    QVariant value;
    switch (index.column()) {
    case LabelColumn:
        value = r.label;
        break;
    case NameColumn:
        value = r.name;
        break;
    case ImagesColumn:
        value = r.images;
        break;
    case MeanColumn:
        value = r.mean;
        break;
    case StdColumn:
        value = r.std;
        break;
    }
    if (role == ValueRole) return value;
    if (role == Qt::DisplayRole)
        return value.typeId() == QMetaType::Double ? QVariant(QString::number(value.toDouble(), 'f', 4)) : value;
    if (role == Qt::TextAlignmentRole)
        return index.column() == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PerClassModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    // One "class" column for the number and one for its name, not "label" and "class".
    static const char* const names[] = {"#", "class", "images", "mean (x/255)", "std (x/255)"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace normlab
