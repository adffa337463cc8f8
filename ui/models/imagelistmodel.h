#pragma once

#include <vector>

#include <QAbstractListModel>

#include "ui/models/loadeddataset.h"

namespace normlab {

// All images of one split as a flat list (model/view: nothing per image exists until a view
// asks). Rows can be limited to one class and ordered by index or per-image mean or std.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { ImageIndexRole = Qt::UserRole + 1, LabelRole };
    enum class SortKey { Index, Mean, Std };

    explicit ImageListModel(QObject* parent = nullptr);

    void setSplit(LoadedDatasetPtr dataset, const std::string& split);
    void setClassFilter(int label); // -1: every class
    int classFilter() const { return m_classFilter; }
    void setSort(SortKey key, bool descending);
    int imageIndexAt(int row) const;
    int rowOfImage(int imageIndex) const; // -1 when filtered out

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    void rebuild();

    LoadedDatasetPtr m_dataset;
    const ImageSet* m_images = nullptr;
    const SplitStats* m_stats = nullptr;
    std::vector<int> m_rows; // image index of each row
    int m_classFilter = -1;
    SortKey m_sortKey = SortKey::Index;
    bool m_descending = false;
};

} // namespace normlab
