#pragma once

#include <vector>

#include <QAbstractListModel>
#include <QCache>
#include <QHash>
#include <QImage>

#include "ui/jobs/imageloader.h"
#include "ui/models/loadeddataset.h"

namespace normlab {

// All images of one split as a flat list (model/view: nothing per image exists until a view
// asks). Rows can be limited to one class and ordered by index or per-image mean or std (once
// the statistics are counted). A split held in memory is drawn directly; an image folder's images
// are decoded on a worker as the view asks for them, and their thumbnails kept in a cache of
// at most cacheBytes (least recently used dropped first): memory holds what was seen lately,
// however large the folder.
class ImageListModel : public QAbstractListModel {
    Q_OBJECT

public:
    enum Role { ImageIndexRole = Qt::UserRole + 1, LabelRole };
    enum class SortKey { Index, Mean, Std };
    static constexpr int kThumbnailSide = 112; // the browser's largest thumbnail
    static constexpr qsizetype kDefaultCacheMB = 256;

    explicit ImageListModel(QObject* parent = nullptr);

    void setSplit(LoadedDatasetPtr dataset, const std::string& split);
    void setClassFilter(int label); // -1: every class
    int classFilter() const { return m_classFilter; }
    void setSort(SortKey key, bool descending);
    bool canSortByStatistics() const { return m_stats != nullptr; }
    int imageIndexAt(int row) const;
    int rowOfImage(int imageIndex) const; // -1 when filtered out

    void setCacheBytes(qsizetype bytes) { m_thumbnails.setMaxCost(bytes); }
    qsizetype cacheBytes() const { return m_thumbnails.maxCost(); }
    qsizetype cachedBytes() const { return m_thumbnails.totalCost(); }
    // Thumbnails decoded so far (for tests and the benchmark: how much scrolling decoded).
    qsizetype decodedCount() const { return m_decoded; }

    int rowCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role) const override;

private:
    void rebuild();
    void thumbnailLoaded(qsizetype image, const QImage& thumbnail);
    void thumbnailFailed(qsizetype image, const QString& message);
    QVariant decoration(int image) const;

    LoadedDatasetPtr m_dataset;
    ImageSourcePtr m_source;
    const ImageSet* m_images = nullptr;  // the split's description: labels, class names
    const SplitStats* m_stats = nullptr; // null until the statistics are counted
    std::vector<int> m_rows;             // image index of each row
    std::vector<int> m_rowOf;            // row of each image, -1 when filtered out
    int m_classFilter = -1;
    SortKey m_sortKey = SortKey::Index;
    bool m_descending = false;
    ImageLoader* m_loader;
    mutable QCache<int, QImage> m_thumbnails; // cost: bytes
    QHash<int, QString> m_failed;             // image -> why it did not decode
    qsizetype m_decoded = 0;
};

} // namespace normlab
