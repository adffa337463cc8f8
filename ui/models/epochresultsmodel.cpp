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

EpochResultsModel::EpochResultsModel(const ComparisonResults* results, QObject* parent)
    : TableModel({"run", "epoch", "loss", "accuracy", "test loss", "test accuracy", "epoch s", "run s", "lr",
                  "batch size", "device", "normalization"},
                 parent),
      m_results(results) {}

void EpochResultsModel::resultsReset() {
    beginResetModel();
    m_rows.clear();
    for (int run = 0; run < m_results->runCount(); ++run)
        for (std::size_t e = 0; e < m_results->run(run).epochs.size(); ++e)
            m_rows.emplace_back(run, e);
    endResetModel();
}

void EpochResultsModel::epochAdded(int run) {
    if (run < 0 || run >= m_results->runCount() || m_results->run(run).epochs.empty()) return;
    const int row = rows();
    beginInsertRows({}, row, row);
    m_rows.emplace_back(run, m_results->run(run).epochs.size() - 1);
    endInsertRows();
}

QVariant EpochResultsModel::value(int row, int column) const {
    const auto [run, epochIndex] = m_rows[static_cast<std::size_t>(row)];
    const RunResult& r = m_results->run(run);
    const EpochMetric& e = r.epochs[epochIndex];
    switch (column) {
    case RunColumn:
        return QString::fromStdString(r.name);
    case EpochColumn:
        return e.epoch;
    case LossColumn:
        return e.trainLoss;
    case AccuracyColumn:
        return e.trainAccuracy;
    case TestLossColumn:
        return e.testLoss;
    case TestAccuracyColumn:
        return e.testAccuracy;
    case EpochSecondsColumn:
        return e.epochSeconds;
    case RunSecondsColumn:
        return e.runSeconds;
    case LrColumn:
        return r.config.lr;
    case BatchSizeColumn:
        return r.config.batchSize;
    case DeviceColumn:
        return QString::fromStdString(r.device);
    case NormalizationColumn:
        return QString::fromStdString(methodName(r.config.normalization));
    }
    return {};
}

QVariant EpochResultsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const QVariant v = value(index.row(), index.column());
    switch (role) {
    case Qt::DisplayRole:
        return v.typeId() == QMetaType::Double ? QVariant(QString::number(v.toDouble(), 'f', decimals(index.column())))
                                               : v;
    case ValueRole:
        return v;
    case Qt::ForegroundRole:
        if (index.column() == RunColumn) return runColor(m_rows[static_cast<std::size_t>(index.row())].first);
        break;
    case Qt::TextAlignmentRole:
        return alignmentOf(v);
    }
    return {};
}

} // namespace normlab
