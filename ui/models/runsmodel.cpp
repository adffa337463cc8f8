#include "ui/models/runsmodel.h"

#include <algorithm>

namespace normlab {
namespace {

const QColor kRunColors[] = {QColor(31, 119, 180), QColor(255, 127, 14),  QColor(44, 160, 44),
                             QColor(214, 39, 40),  QColor(148, 103, 189), QColor(140, 86, 75)};

} // namespace

QColor runColor(int run) {
    return kRunColors[static_cast<std::size_t>(run) % std::size(kRunColors)];
}

std::vector<QString> runNames(const std::vector<TrainConfig>& configs) {
    // Each setting a comparison may vary, with how to say its value.
    struct Setting {
        const char* label;
        QString (*text)(const TrainConfig&);
    };
    static const Setting settings[] = {
        {"model", [](const TrainConfig& c) { return QString::fromStdString(c.model); }},
        {"optimizer", [](const TrainConfig& c) { return QString::fromStdString(c.optimizer); }},
        {"lr", [](const TrainConfig& c) { return QString::number(c.lr); }},
        {"batch", [](const TrainConfig& c) { return QString::number(c.batchSize); }},
        {"epochs", [](const TrainConfig& c) { return QString::number(c.epochs); }},
        {"seed", [](const TrainConfig& c) { return QString::number(c.seed); }},
    };
    std::vector<QString> names;
    for (const auto& c : configs) {
        QStringList parts;
        for (const auto& s : settings)
            if (std::any_of(configs.begin(), configs.end(),
                            [&](const TrainConfig& o) { return s.text(o) != s.text(c); }))
                parts << QStringLiteral("%1=%2").arg(QLatin1String(s.label), s.text(c));
        parts << QString::fromStdString(methodName(c.normalization)); // always: it is the lesson's question
        names.push_back(parts.join(QStringLiteral(" · ")));
    }
    return names;
}

RunsModel::RunsModel(const ComparisonResults* results, QObject* parent)
    : QAbstractTableModel(parent), m_results(results) {}

void RunsModel::resultsReset() {
    beginResetModel();
    endResetModel();
}

void RunsModel::runChanged(int row) {
    if (row < 0 || row >= rowCount()) return;
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

RunsModel::Run RunsModel::run(int row) const {
    const RunResult& r = m_results->run(row);
    return {QString::fromStdString(r.name), r.config, QString::fromStdString(r.device), r.status,
            QString::fromStdString(r.message)};
}

QString RunsModel::stateText(int row) const {
    const RunResult& r = m_results->run(row);
    const RunProgress& p = m_results->progressOf(row);
    if (r.status == RunStatus::Running)
        return p.batches > 0 ? tr("running: epoch %1/%2, batch %3/%4")
                                   .arg(p.epoch)
                                   .arg(r.config.epochs)
                                   .arg(p.batch)
                                   .arg(p.batches)
                             : tr("running");
    const QString state = QString::fromStdString(runStatusName(r.status));
    return r.message.empty() ? state : state + QStringLiteral(": ") + QString::fromStdString(r.message);
}

QColor RunsModel::color(int row) const {
    return runColor(row);
}

std::vector<int> RunsModel::activeRuns() const {
    return m_results->activeRuns();
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : m_results->runCount();
}

int RunsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Run r = run(index.row());
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return r.name;
        case DeviceColumn:
            return r.device;
        case StateColumn:
            return stateText(index.row());
        }
        break;
    case Qt::ToolTipRole: // a clipped state or name is readable in full
        return index.column() == NameColumn ? r.name : stateText(index.row());
    case Qt::ForegroundRole:
        if (index.column() == NameColumn) return color(index.row());
        break;
    }
    return {};
}

QVariant RunsModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case NameColumn:
        return tr("run");
    case DeviceColumn:
        return tr("device");
    case StateColumn:
        return tr("state");
    }
    return {};
}

} // namespace normlab
