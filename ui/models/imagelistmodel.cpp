#include "ui/models/imagelistmodel.h"

#include <algorithm>
#include <numeric>

namespace normlab {

ImageListModel::ImageListModel(QObject* parent)
    : QAbstractListModel(parent), m_loader(new ImageLoader(kThumbnailSide, this)) {
    m_thumbnails.setMaxCost(kDefaultCacheMB * 1024 * 1024);
    connect(
        m_loader, &ImageLoader::loaded, this,
        [this](qsizetype image, const ImagePixelsPtr&, const QImage& thumbnail) { thumbnailLoaded(image, thumbnail); });
    connect(m_loader, &ImageLoader::failed, this, &ImageListModel::thumbnailFailed);
}

void ImageListModel::setSplit(LoadedDatasetPtr dataset, const std::string& split) {
    m_dataset = std::move(dataset);
    ImageSourcePtr source = m_dataset ? m_dataset->images[LoadedDataset::indexOf(split)] : nullptr;
    if (source != m_source) { // the same index again (its statistics arrived) keeps its thumbnails
        m_thumbnails.clear();
        m_failed.clear();
    }
    m_source = source;
    m_loader->setSource(m_source);
    m_images = m_source ? &m_source->about() : nullptr;
    m_stats = m_dataset && m_dataset->statsReady ? &m_dataset->statsOf(split) : nullptr;
    if (m_images && m_classFilter >= m_images->classCount()) m_classFilter = -1;
    rebuild();
}

void ImageListModel::setClassFilter(int label) {
    m_classFilter = label;
    rebuild();
}

void ImageListModel::setSort(SortKey key, bool descending) {
    m_sortKey = key;
    m_descending = descending;
    rebuild();
}

void ImageListModel::rebuild() {
    beginResetModel();
    m_rows.clear();
    m_rowOf.clear();
    if (m_images) {
        m_rows.reserve(m_images->count);
        for (std::size_t i = 0; i < m_images->count; ++i)
            if (m_classFilter < 0 || m_images->labels[i] == m_classFilter) m_rows.push_back(static_cast<int>(i));
        // Sorting by a statistic waits for the pass that computes it (an image folder's index is
        // shown before); until then the rows stay in index order.
        if (m_sortKey != SortKey::Index && m_stats && m_stats->imageMean.size() == m_images->count) {
            const auto& key = m_sortKey == SortKey::Mean ? m_stats->imageMean : m_stats->imageStd;
            std::stable_sort(m_rows.begin(), m_rows.end(), [&key](int a, int b) { return key[a] < key[b]; });
        }
        if (m_descending) std::reverse(m_rows.begin(), m_rows.end());
        m_rowOf.assign(m_images->count, -1);
        for (std::size_t row = 0; row < m_rows.size(); ++row)
            m_rowOf[m_rows[row]] = static_cast<int>(row);
    }
    endResetModel();
}

int ImageListModel::imageIndexAt(int row) const {
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? m_rows[row] : -1;
}

int ImageListModel::rowOfImage(int imageIndex) const {
    return imageIndex >= 0 && imageIndex < static_cast<int>(m_rowOf.size()) ? m_rowOf[imageIndex] : -1;
}

int ImageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

void ImageListModel::thumbnailLoaded(qsizetype image, const QImage& thumbnail) {
    ++m_decoded;
    m_thumbnails.insert(static_cast<int>(image), new QImage(thumbnail), thumbnail.sizeInBytes());
    if (const int row = rowOfImage(static_cast<int>(image)); row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole});
}

void ImageListModel::thumbnailFailed(qsizetype image, const QString& message) {
    m_failed.insert(static_cast<int>(image), message);
    if (const int row = rowOfImage(static_cast<int>(image)); row >= 0)
        Q_EMIT dataChanged(index(row), index(row), {Qt::DecorationRole, Qt::ToolTipRole});
}

QVariant ImageListModel::decoration(int image) const {
    if (m_source->held()) {
        return pixelsImage(m_source->pixels(static_cast<std::size_t>(image)));
    }
    if (const QImage* thumbnail = m_thumbnails.object(image)) return *thumbnail;
    // Not decoded yet (or dropped from the cache): the worker decodes it and the row repaints.
    if (!m_failed.contains(image)) m_loader->request(static_cast<std::size_t>(image));
    return {};
}

QVariant ImageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_images) return {};
    const int image = m_rows[index.row()];
    const int label = m_images->labels[image];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(m_images->classNames[label]);
    case Qt::DecorationRole:
        return decoration(image);
    case Qt::ToolTipRole: {
        const QString name =
            QStringLiteral("#%1 · %2").arg(image).arg(QString::fromStdString(m_images->classNames[label]));
        if (const auto failed = m_failed.find(image); failed != m_failed.end())
            return tr("%1 · could not be decoded: %2").arg(name, *failed);
        if (!m_stats || m_stats->imageMean.size() != m_images->count) return name;
        return QStringLiteral("%1 · mean %2 · std %3")
            .arg(name)
            .arg(m_stats->imageMean[image], 0, 'f', 3)
            .arg(m_stats->imageStd[image], 0, 'f', 3);
    }
    case ImageIndexRole:
        return image;
    case LabelRole:
        return label;
    default:
        return {};
    }
}

} // namespace normlab
