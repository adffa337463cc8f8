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

RunsModel::RunsModel(QObject* parent) : QAbstractTableModel(parent) {}

void RunsModel::reset(const std::vector<TrainConfig>& configs, const std::vector<QString>& given) {
    beginResetModel();
    m_runs.clear();
    auto names = runNames(configs);
    for (std::size_t i = 0; i < std::min(names.size(), given.size()); ++i)
        if (!given[i].isEmpty()) names[i] = given[i];
    for (std::size_t i = 0; i < configs.size(); ++i)
        m_runs.push_back(
            {names[i], configs[i], QString::fromStdString(configs[i].device), RunStatus::Queued, {}, 0, 0, 0});
    endResetModel();
}

void RunsModel::setStarted(int row, const QString& device) {
    if (row < 0 || row >= rowCount()) return;
    Run& r = m_runs[static_cast<std::size_t>(row)];
    r.device = device;
    r.status = RunStatus::Running;
    changed(row);
}

void RunsModel::setProgress(int row, int epoch, int batch, int batches) {
    if (row < 0 || row >= rowCount()) return;
    Run& r = m_runs[static_cast<std::size_t>(row)];
    r.status = RunStatus::Running;
    r.epoch = epoch, r.batch = batch, r.batches = batches;
    changed(row);
}

void RunsModel::setFinished(const RunResult& result) {
    if (result.run < 0 || result.run >= rowCount()) return;
    Run& r = m_runs[static_cast<std::size_t>(result.run)];
    r.status = result.status;
    r.message = QString::fromStdString(result.message);
    if (!result.device.empty()) r.device = QString::fromStdString(result.device);
    changed(result.run);
}

QString RunsModel::stateText(int row) const {
    const Run& r = run(row);
    if (r.status == RunStatus::Running)
        return r.batches > 0 ? tr("running: epoch %1/%2, batch %3/%4")
                                   .arg(r.epoch)
                                   .arg(r.config.epochs)
                                   .arg(r.batch)
                                   .arg(r.batches)
                             : tr("running");
    const QString state = QString::fromStdString(runStatusName(r.status));
    return r.message.isEmpty() ? state : state + QStringLiteral(": ") + r.message;
}

QColor RunsModel::color(int row) const {
    return runColor(row);
}

std::vector<int> RunsModel::activeRuns() const {
    std::vector<int> rows;
    for (int i = 0; i < rowCount(); ++i)
        if (m_runs[static_cast<std::size_t>(i)].status == RunStatus::Queued ||
            m_runs[static_cast<std::size_t>(i)].status == RunStatus::Running)
            rows.push_back(i);
    return rows;
}

int RunsModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_runs.size());
}

int RunsModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RunsModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Run& r = run(index.row());
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

void RunsModel::changed(int row) {
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace normlab
