#include "ui/models/perclassmodel.h"

#include <numeric>

#include "ui/plots/channelstyle.h"

namespace normlab {
namespace {

constexpr int kDecimals = 4;

double average(const std::vector<double>& values) {
    return values.empty() ? 0.0 : std::accumulate(values.begin(), values.end(), 0.0) / values.size();
}

QVariantList list(const std::vector<double>& values) {
    QVariantList out;
    for (double v : values)
        out << v;
    return out;
}

} // namespace

// One "class" column for the number and one for its name, not "label" and "class".
PerClassModel::PerClassModel(QObject* parent)
// The unit on a line of its own: the columns are no wider than their numbers.
    : TableModel({"#", "class", "images", "mean\n(x/255)", "std\n(x/255)"}, parent) {}

void PerClassModel::setStats(const SplitStats& stats) {
    beginResetModel();
    m_rows.clear();
    m_channels = stats.channels;
    for (const auto& c : stats.perClass) {
        Row row{c.label, QString::fromStdString(c.name), c.images, {}, {}};
        for (const ChannelSummary& s : c.methods.at(static_cast<std::size_t>(Method::None)).channels) {
            row.mean.push_back(s.mean);
            row.std.push_back(s.std);
        }
        m_rows.push_back(std::move(row));
    }
    endResetModel();
}

QVariant PerClassModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Row& r = m_rows[static_cast<std::size_t>(index.row())];
    if (index.column() == MeanColumn || index.column() == StdColumn) {
        const std::vector<double>& values = index.column() == MeanColumn ? r.mean : r.std;
        if (role == ValueRole) return average(values);
        if (role == ChannelValuesRole) return list(values);
        // A colour data set's three values one under the other: the column stays one number wide,
        // which leaves the per-pixel maps beside the table room on a projector in larger fonts.
        if (role == Qt::DisplayRole) return channelValues(values, kDecimals).replace(QStringLiteral(" / "), QStringLiteral("\n"));
        if (role == Qt::TextAlignmentRole) return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    }
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
    }
    if (role == ValueRole || role == Qt::DisplayRole) return value;
    if (role == Qt::TextAlignmentRole)
        return index.column() == NameColumn ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                                            : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant PerClassModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    if (section < 0 || section >= ColumnCount) return {};
    // "mean (x/255)" over the order of the lines below.
    if ((section == MeanColumn || section == StdColumn) && m_channels > 1)
        return header(section) + QLatin1Char('\n') + channelList(m_channels);
    return header(section);
}

} // namespace normlab
