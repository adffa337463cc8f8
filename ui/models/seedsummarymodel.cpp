#include "ui/models/seedsummarymodel.h"

#include "ui/models/runsmodel.h"

namespace normlab {
namespace {

constexpr int kDecimals = 4;

const Spread* spreadIn(const EpochSpread& e, int column) {
    switch (column) {
    case SeedSummaryModel::TestAccuracyColumn:
        return &e.testAccuracy;
    case SeedSummaryModel::TestLossColumn:
        return &e.testLoss;
    case SeedSummaryModel::AccuracyColumn:
        return &e.trainAccuracy;
    case SeedSummaryModel::LossColumn:
        return &e.trainLoss;
    }
    return nullptr;
}

} // namespace

SeedSummaryModel::SeedSummaryModel(QObject* parent)
    : TableModel({"configuration", "epoch", "seeds", "test accuracy", "test loss", "accuracy", "loss"}, parent) {}

void SeedSummaryModel::setGroups(const std::vector<SeedGroup>& groups) {
    beginResetModel();
    m_groups = groups;
    m_rows.clear();
    for (std::size_t g = 0; g < m_groups.size(); ++g)
        for (const EpochSpread& e : m_groups[g].epochs)
            m_rows.push_back({static_cast<int>(g), &e});
    endResetModel();
}

QVariant SeedSummaryModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    const SeedGroup& g = m_groups[static_cast<std::size_t>(r.group)];
    const Spread* s = spreadIn(*r.epoch, index.column());
    switch (role) {
    case Qt::DisplayRole:
        if (s)
            return s->count > 1 ? QStringLiteral("%1 ± %2").arg(s->mean, 0, 'f', kDecimals).arg(s->std, 0, 'f', kDecimals)
                                : QString::number(s->mean, 'f', kDecimals);
        [[fallthrough]];
    case ValueRole:
        if (s) return s->mean;
        if (index.column() == ConfigurationColumn) return QString::fromStdString(g.name);
        if (index.column() == EpochColumn) return r.epoch->epoch;
        if (index.column() == SeedsColumn) return r.epoch->testAccuracy.count;
        return {};
    case StdRole:
        return s ? QVariant(s->std) : QVariant();
    case Qt::ToolTipRole:
        if (s && s->count > 1)
            return tr("mean %1, std %2 (n − 1), min %3, max %4 over %5 seeds")
                .arg(s->mean, 0, 'f', kDecimals + 2)
                .arg(s->std, 0, 'f', kDecimals + 2)
                .arg(s->min, 0, 'f', kDecimals + 2)
                .arg(s->max, 0, 'f', kDecimals + 2)
                .arg(s->count);
        return {};
    case Qt::ForegroundRole:
        if (index.column() == ConfigurationColumn) return runColor(r.group); // the band's colour
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == ConfigurationColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                                     : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    }
    return {};
}

} // namespace normlab
