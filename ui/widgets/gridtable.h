#pragma once

#include <string>
#include <utility>
#include <vector>

#include <QWidget>

#include "core/train/experiment/experimentgrid.h"

class QTableWidget;

namespace normlab {

// The options a comparison varies besides the normalization, one row each: an option (lr,
// batch-size, model, optimizer, epochs, momentum) and its comma-separated values — the GUI's
// `--vary`, like the lesson's RunBuilder dictionary. Rows whose values are still empty are ignored;
// the table shows once it has a row.
class GridTable : public QWidget {
    Q_OBJECT

public:
    explicit GridTable(QWidget* parent = nullptr);

    // The rows as typed: (option, comma-separated values), rows with no values left out. The
    // session's ExperimentBuilder parses and checks them, as it does `--vary`.
    std::vector<std::pair<std::string, std::string>> rows() const;
    // Replaces the rows; a normalize axis is not shown here (the form's checkboxes are that axis).
    void setAxes(const std::vector<GridAxis>& axes);
    // Adds a row for `option` (the first option not yet varied when empty) and returns its row.
    int addRow(const QString& option = {}, const QString& values = {});
    QTableWidget* table() const { return m_table; }

Q_SIGNALS:
    void changed();

private:
    QTableWidget* m_table;
};

} // namespace normlab
