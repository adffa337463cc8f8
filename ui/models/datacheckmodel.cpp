#include "ui/models/datacheckmodel.h"

#include <QLocale>

namespace normlab {

DataCheckModel::DataCheckModel(QObject* parent) : QAbstractTableModel(parent) {}

void DataCheckModel::setChecks(std::vector<FileCheck> checks) {
    beginResetModel();
    m_checks = std::move(checks);
    endResetModel();
}

int DataCheckModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_checks.size());
}

int DataCheckModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DataCheckModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return {};
    const FileCheck& c = m_checks[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case FileColumn:
        return QString::fromStdString(c.path);
    case CheckColumn:
        return QString::fromStdString(c.verdict);
    case OriginColumn:
        return c.origin.empty() ? tr("—") : QString::fromStdString(c.origin);
    case BytesColumn:
        return QLocale().toString(qulonglong(c.bytes));
    case Sha256Column: // an image folder is one source of many files: none of them is hashed
        return c.sha256.empty() ? tr("— (a folder of files)") : QString::fromStdString(c.sha256);
    }
    return {};
}

QVariant DataCheckModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    // What a reader looks for first (is it the published data, where from) before the digest.
    static const char* const names[] = {"file", "check", "came from", "bytes", "SHA-256"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace normlab
