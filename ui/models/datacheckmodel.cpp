#include "ui/models/datacheckmodel.h"

#include <filesystem>

#include <QLocale>
#include <QStringList>

namespace normlab {
namespace {

constexpr qsizetype kShaGroup = 16;

} // namespace

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
    const bool tip = role == Qt::ToolTipRole;
    const FileCheck& c = m_checks[static_cast<std::size_t>(index.row())];
    switch (index.column()) {
    case FileColumn: { // the name on screen, where it is in the tooltip: the table fits without scrolling
        const QString path = QString::fromStdString(c.path);
        const QString name = QString::fromStdString(std::filesystem::path(c.path).filename().string());
        return tip || name.isEmpty() ? path : name;
    }
    case CheckColumn:
        return QString::fromStdString(c.verdict);
    case OriginColumn:
        return c.origin.empty() ? tr("—") : QString::fromStdString(c.origin);
    case BytesColumn:
        return QLocale().toString(qulonglong(c.bytes));
    case Sha256Column: { // an image folder is one source of many files: none of them is hashed
        if (c.sha256.empty()) return tr("— (a folder of files)");
        // Four lines of 16 hex digits on screen, compared group by group (the column stays narrow
        // in larger fonts); the tooltip has it whole.
        const QString sha = QString::fromStdString(c.sha256);
        if (tip) return sha;
        QStringList groups;
        for (qsizetype i = 0; i < sha.size(); i += kShaGroup)
            groups << sha.mid(i, kShaGroup);
        return groups.join(QLatin1Char('\n'));
    }
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
