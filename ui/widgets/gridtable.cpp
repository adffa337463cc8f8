#include "ui/widgets/gridtable.h"

#include <algorithm>

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace normlab {
namespace {

constexpr int kOptionColumn = 0, kValuesColumn = 1;
constexpr int kVisibleRows = 3; // the lesson's grids vary one or two options; more rows scroll

// Every grid option but the normalization, which has its own checkboxes.
QStringList variedOptions() {
    QStringList list;
    for (const auto& option : gridOptions())
        if (option != "normalize") list << QString::fromStdString(option);
    return list;
}

QString joinedValues(const std::vector<std::string>& values) {
    QStringList list;
    for (const auto& v : values)
        list << QString::fromStdString(v);
    return list.join(QStringLiteral(", "));
}

} // namespace

GridTable::GridTable(QWidget* parent) : QWidget(parent), m_table(new QTableWidget(0, 2, this)) {
    m_table->setObjectName(QStringLiteral("varyTable"));
    m_table->setHorizontalHeaderLabels({tr("Vary"), tr("Values (comma-separated)")});
    m_table->horizontalHeader()->setSectionResizeMode(kOptionColumn, QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setToolTip(tr("Every combination runs, like the lesson's RunBuilder: e.g. lr = 0.01, 0.001 "
                           "with two normalizations is four runs"));
    const int row = m_table->verticalHeader()->defaultSectionSize();
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() + row * kVisibleRows + 4);
    m_table->setMaximumHeight(m_table->minimumHeight());

    auto* add = new QPushButton(tr("Vary an option"), this);
    add->setObjectName(QStringLiteral("addVaryButton"));
    auto* remove = new QPushButton(tr("Remove"), this);
    remove->setObjectName(QStringLiteral("removeVaryButton"));
    remove->setToolTip(tr("Remove the selected row"));
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch(1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addLayout(buttons);

    connect(add, &QPushButton::clicked, this, [this] {
        const int row = addRow();
        m_table->setCurrentCell(row, kValuesColumn);
        m_table->editItem(m_table->item(row, kValuesColumn));
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const int row = m_table->currentRow();
        if (row < 0) return;
        m_table->removeRow(row);
        Q_EMIT changed();
    });
    connect(m_table, &QTableWidget::itemChanged, this, &GridTable::changed);
    // An empty table is hidden: most comparisons vary only the normalization, and on a 720-pixel
    // projector the rows it would take push Start out of sight.
    connect(this, &GridTable::changed, this, [this, remove] {
        m_table->setVisible(m_table->rowCount() > 0);
        remove->setVisible(m_table->rowCount() > 0);
    });
    m_table->hide();
    remove->hide();
}

int GridTable::addRow(const QString& option, const QString& values) {
    const QStringList options = variedOptions();
    QString chosen = option;
    if (chosen.isEmpty()) {
        const auto used = rows();
        const auto unused = std::find_if(options.begin(), options.end(), [&](const QString& o) {
            return std::none_of(used.begin(), used.end(), [&](const auto& r) { return r.first == o.toStdString(); });
        });
        chosen = unused == options.end() ? options.front() : *unused;
    }
    const int row = m_table->rowCount();
    const QSignalBlocker block(m_table);
    m_table->insertRow(row);
    auto* combo = new QComboBox(m_table);
    combo->setObjectName(QStringLiteral("varyOption%1").arg(row));
    combo->addItems(options);
    combo->setCurrentText(chosen);
    m_table->setCellWidget(row, kOptionColumn, combo);
    m_table->setItem(row, kValuesColumn, new QTableWidgetItem(values));
    connect(combo, &QComboBox::currentTextChanged, this, &GridTable::changed);
    Q_EMIT changed();
    return row;
}

std::vector<std::pair<std::string, std::string>> GridTable::rows() const {
    std::vector<std::pair<std::string, std::string>> list;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const auto* combo = qobject_cast<const QComboBox*>(m_table->cellWidget(row, kOptionColumn));
        const QTableWidgetItem* item = m_table->item(row, kValuesColumn);
        if (!combo || !item || item->text().trimmed().isEmpty()) continue;
        list.emplace_back(combo->currentText().toStdString(), item->text().toStdString());
    }
    return list;
}

void GridTable::setAxes(const std::vector<GridAxis>& axes) {
    {
        const QSignalBlocker block(m_table);
        m_table->setRowCount(0);
    }
    for (const auto& axis : axes)
        if (axis.option != "normalize") addRow(QString::fromStdString(axis.option), joinedValues(axis.values));
    Q_EMIT changed();
}

} // namespace normlab
