#pragma once

#include <string>
#include <QWidget>

#include "ui/models/loadeddataset.h"

class QComboBox;
class QListView;
class QSlider;

namespace normlab {

class ImageDelegate;
class ImageListModel;

// The grid of every image of a split with a class filter, a sort order (index, mean, std: the
// outliers are one click away) and a thumbnail size down to the true 28x28 pixels.
class ImageBrowser : public QWidget {
    Q_OBJECT

public:
    explicit ImageBrowser(QWidget* parent = nullptr);
    void setSplit(LoadedDatasetPtr dataset, const std::string& split);
    ImageListModel* model() const { return m_model; }
    QListView* view() const { return m_view; }
    int thumbnailSize() const;
    void setThumbnailSize(int pixels);
    void selectImage(int imageIndex);

Q_SIGNALS:
    void imageSelected(int imageIndex);

private:
    void applySort();

    ImageListModel* m_model;
    ImageDelegate* m_delegate;
    QListView* m_view;
    QComboBox* m_classFilter;
    std::string m_datasetId; // of the split shown: the class filter carries over within it only
    QComboBox* m_sort;
    QSlider* m_size;
};

} // namespace normlab
