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

// The view as wide as its columns' contents, never narrower: the columns of numbers are never
// cut and it never scrolls sideways; it follows model and font changes. Its last column no longer
// stretches, and its vertical scroll bar is always there, so rows added never take width away.
void fitWidthToColumns(QTableView* view);

} // namespace normlab
