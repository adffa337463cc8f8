#pragma once

#include <QTableWidget>

#include "core/stats/splitstats.h"

namespace normlab {

// One row per normalization method (raw255 … per-sample), columns mean, std, min, max and the
// 1/50/99 percentiles of channel 0, as the core computed them.
class StatsSummaryTable : public QTableWidget {
    Q_OBJECT

public:
    explicit StatsSummaryTable(QWidget* parent = nullptr);
    void showStats(const SplitStats& stats);
    void clearStats();
};

} // namespace normlab
