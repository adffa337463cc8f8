#include "ui/statssummarytable.h"

#include <cmath>

#include <QHeaderView>

namespace normlab {
namespace {

const QStringList kColumns = {QStringLiteral("mean"), QStringLiteral("std"), QStringLiteral("min"),
                              QStringLiteral("max"),  QStringLiteral("p1"),  QStringLiteral("p50"),
                              QStringLiteral("p99")};
constexpr int kSignificantDigits = 6;
// Means of exactly standardized data come out as ~1e-17 from rounding; show them as 0.
constexpr double kDisplayZero = 1e-12;

} // namespace

StatsSummaryTable::StatsSummaryTable(QWidget* parent) : QTableWidget(static_cast<int>(kAllMethods.size()), 7, parent) {
    setObjectName(QStringLiteral("statsSummaryTable"));
    setHorizontalHeaderLabels(kColumns);
    QStringList rows;
    for (auto m : kAllMethods)
        rows << QString::fromStdString(methodName(m));
    setVerticalHeaderLabels(rows);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
}

void StatsSummaryTable::clearStats() {
    for (int r = 0; r < rowCount(); ++r)
        for (int c = 0; c < columnCount(); ++c)
            setItem(r, c, new QTableWidgetItem(QStringLiteral("…")));
}

void StatsSummaryTable::showStats(const SplitStats& stats) {
    for (int r = 0; r < rowCount(); ++r) {
        const ChannelSummary& s = stats.methods.at(r).channels.at(0);
        const double values[] = {s.mean, s.std, s.min, s.max, s.p1, s.p50, s.p99};
        for (int c = 0; c < columnCount(); ++c) {
            const double shown = std::abs(values[c]) < kDisplayZero ? 0.0 : values[c];
            auto* item = new QTableWidgetItem(QString::number(shown, 'g', kSignificantDigits));
            item->setData(Qt::UserRole, values[c]); // full precision for tests and copying
            item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            setItem(r, c, item);
        }
    }
}

} // namespace normlab
