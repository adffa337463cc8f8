#include "ui/models/tablemodel.h"

#include <QCoreApplication>

namespace normlab {

TableModel::TableModel(std::vector<const char*> headers, QObject* parent)
    : QAbstractTableModel(parent), m_headers(std::move(headers)) {}

int TableModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : rows();
}

int TableModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_headers.size());
}

QString TableModel::header(int section) const {
    if (section < 0 || section >= static_cast<int>(m_headers.size())) return {};
    return QCoreApplication::translate(metaObject()->className(), m_headers[static_cast<std::size_t>(section)]);
}

QVariant TableModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    const QString text = header(section);
    return text.isNull() ? QVariant() : QVariant(text);
}

QVariant TableModel::alignmentOf(const QVariant& value) {
    return value.typeId() == QMetaType::QString ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
}

} // namespace normlab
