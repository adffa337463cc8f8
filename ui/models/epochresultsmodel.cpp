#include "ui/models/epochresultsmodel.h"

#include "ui/models/runsmodel.h"

namespace normlab {
namespace {

// Decimals shown per column; the exact value stays in ValueRole.
int decimals(int column) {
    switch (column) {
    case EpochResultsModel::EpochSecondsColumn:
    case EpochResultsModel::RunSecondsColumn:
        return 2;
    case EpochResultsModel::LrColumn:
        return 5;
    default:
        return 4;
    }
}

} // namespace

EpochResultsModel::EpochResultsModel(QObject* parent) : QAbstractTableModel(parent) {}

void EpochResultsModel::clear() {
    beginResetModel();
    m_rows.clear();
    endResetModel();
}

void EpochResultsModel::addEpoch(const QString& runName, const TrainConfig& config, const QString& device,
                                 const EpochMetric& epoch) {
    const int row = rowCount();
    beginInsertRows({}, row, row);
    m_rows.push_back({runName, config, device, epoch});
    endInsertRows();
}

int EpochResultsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int EpochResultsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EpochResultsModel::value(const Row& r, int column) const {
    switch (column) {
    case RunColumn:
        return r.run;
    case EpochColumn:
        return r.epoch.epoch;
    case LossColumn:
        return r.epoch.trainLoss;
    case AccuracyColumn:
        return r.epoch.trainAccuracy;
    case TestLossColumn:
        return r.epoch.testLoss;
    case TestAccuracyColumn:
        return r.epoch.testAccuracy;
    case EpochSecondsColumn:
        return r.epoch.epochSeconds;
    case RunSecondsColumn:
        return r.epoch.runSeconds;
    case LrColumn:
        return r.config.lr;
    case BatchSizeColumn:
        return r.config.batchSize;
    case DeviceColumn:
        return r.device;
    case NormalizationColumn:
        return QString::fromStdString(methodName(r.config.normalization));
    }
    return {};
}

QVariant EpochResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const QVariant v = value(r, index.column());
    switch (role) {
    case Qt::DisplayRole:
        return v.typeId() == QMetaType::Double ? QVariant(QString::number(v.toDouble(), 'f', decimals(index.column())))
                                               : v;
    case ValueRole:
        return v;
    case Qt::ForegroundRole:
        if (index.column() == RunColumn) return runColor(r.epoch.run);
        break;
    case Qt::TextAlignmentRole:
        return v.typeId() == QMetaType::QString ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

QVariant EpochResultsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char* const names[] = {"run",     "epoch", "loss", "accuracy",   "test loss", "test accuracy",
                                        "epoch s", "run s", "lr",   "batch size", "device",    "normalization"};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace normlab
