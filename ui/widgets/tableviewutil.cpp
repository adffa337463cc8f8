#include "ui/widgets/tableviewutil.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTableView>

namespace normlab {

QTableView* makeTableView(QAbstractItemModel* model, const QString& objectName, QWidget* parent, int sortRole) {
    auto* view = new QTableView(parent);
    view->setObjectName(objectName);
    if (sortRole >= 0) {
        auto* proxy = new QSortFilterProxyModel(view);
        proxy->setSourceModel(model);
        proxy->setSortRole(sortRole);
        view->setModel(proxy);
        view->setSortingEnabled(true);
        view->sortByColumn(0, Qt::AscendingOrder);
    } else {
        view->setModel(model);
    }
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false); // read-only: Tab moves on to the next control, arrows move in the table
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    view->horizontalHeader()->setStretchLastSection(true);
    view->setWordWrap(false);
    view->setTextElideMode(Qt::ElideMiddle); // long paths keep their start and file name
    return view;
}

void fitWidthToColumns(QTableView* view) {
    view->horizontalHeader()->setStretchLastSection(false);
    view->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOn);
    view->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    view->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
    // Minimum: the size hint (all columns) is the least the layout gives it; height still shrinks.
    view->setSizePolicy(QSizePolicy::Minimum, QSizePolicy::Expanding);
}

} // namespace normlab
