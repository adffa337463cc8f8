#pragma once

#include <vector>

#include <QAbstractTableModel>

namespace normlab {

// What NormLab's read-only tables share: a fixed list of columns with their headers, rows counted
// by the subclass, the exact value behind a cell in ValueRole (sorting and tests read it; the
// display may round), numbers right-aligned and text left-aligned.
class TableModel : public QAbstractTableModel {
    Q_OBJECT

public:
    static constexpr int ValueRole = Qt::UserRole;

    int rowCount(const QModelIndex& parent = {}) const final;
    int columnCount(const QModelIndex& parent = {}) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

protected:
    // headers: untranslated column titles, one per column, translated in the subclass's context.
    TableModel(std::vector<const char*> headers, QObject* parent);

    virtual int rows() const = 0;
    // Right for numbers, left for text: how every table aligns a cell holding `value`.
    static QVariant alignmentOf(const QVariant& value);
    QString header(int section) const;

private:
    std::vector<const char*> m_headers;
};

} // namespace normlab
