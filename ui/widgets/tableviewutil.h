#pragma once

class QAbstractItemModel;
class QTableView;
class QString;
class QWidget;

namespace normlab {

// A read-only table view over a model, set up the one way NormLab's tables look: no row header,
// rows selected whole, columns sized to their contents with the last one stretched, Tab moving on
// to the next control (arrows move within the table). With
// sortRole >= 0 the view sorts through a proxy by that role (exact numbers, not display text).
QTableView* makeTableView(QAbstractItemModel* model, const QString& objectName, QWidget* parent, int sortRole = -1);

} // namespace normlab
