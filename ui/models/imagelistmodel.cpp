#include "ui/models/imagelistmodel.h"

#include <algorithm>
#include <numeric>

#include "ui/plots/colormap.h"

namespace normlab {

ImageListModel::ImageListModel(QObject* parent) : QAbstractListModel(parent) {}

void ImageListModel::setSplit(LoadedDatasetPtr dataset, const std::string& split) {
    m_dataset = std::move(dataset);
    m_images = m_dataset ? &m_dataset->imagesOf(split) : nullptr;
    m_stats = m_dataset ? &m_dataset->statsOf(split) : nullptr;
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
    if (m_images) {
        m_rows.reserve(m_images->count);
        for (std::size_t i = 0; i < m_images->count; ++i)
            if (m_classFilter < 0 || m_images->labels[i] == m_classFilter) m_rows.push_back(static_cast<int>(i));
        if (m_sortKey != SortKey::Index) {
            const auto& key = m_sortKey == SortKey::Mean ? m_stats->imageMean : m_stats->imageStd;
            std::stable_sort(m_rows.begin(), m_rows.end(), [&key](int a, int b) { return key[a] < key[b]; });
        }
        if (m_descending) std::reverse(m_rows.begin(), m_rows.end());
    }
    endResetModel();
}

int ImageListModel::imageIndexAt(int row) const {
    return row >= 0 && row < static_cast<int>(m_rows.size()) ? m_rows[row] : -1;
}

int ImageListModel::rowOfImage(int imageIndex) const {
    const auto it = std::find(m_rows.begin(), m_rows.end(), imageIndex);
    return it == m_rows.end() ? -1 : static_cast<int>(it - m_rows.begin());
}

int ImageListModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

QVariant ImageListModel::data(const QModelIndex& index, int role) const {
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid) || !m_images) return {};
    const int image = m_rows[index.row()];
    const int label = m_images->labels[image];
    switch (role) {
    case Qt::DisplayRole:
        return QString::fromStdString(m_images->classNames[label]);
    case Qt::DecorationRole:
        return byteImage(*m_images, static_cast<std::size_t>(image));
    case Qt::ToolTipRole:
        return QStringLiteral("#%1 · %2 · mean %3 · std %4")
            .arg(image)
            .arg(QString::fromStdString(m_images->classNames[label]))
            .arg(m_stats->imageMean[image], 0, 'f', 3)
            .arg(m_stats->imageStd[image], 0, 'f', 3);
    case ImageIndexRole:
        return image;
    case LabelRole:
        return label;
    default:
        return {};
    }
}

} // namespace normlab
