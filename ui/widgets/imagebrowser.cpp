#include "ui/widgets/imagebrowser.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListView>
#include <QSlider>
#include <QStandardItemModel>
#include <QVBoxLayout>

#include "ui/widgets/imagedelegate.h"
#include "ui/models/imagelistmodel.h"

namespace normlab {
namespace {

constexpr int kMinThumb = 28; // the true pixels
constexpr int kMaxThumb = 112;

} // namespace

ImageBrowser::ImageBrowser(QWidget* parent)
    : QWidget(parent), m_model(new ImageListModel(this)), m_delegate(new ImageDelegate(this)),
      m_view(new QListView(this)), m_classFilter(new QComboBox(this)), m_sort(new QComboBox(this)),
      m_size(new QSlider(Qt::Horizontal, this)) {
    m_view->setObjectName(QStringLiteral("imageGrid"));
    m_view->setModel(m_model);
    m_view->setItemDelegate(m_delegate);
    m_view->setViewMode(QListView::IconMode);
    m_view->setUniformItemSizes(true);
    m_view->setResizeMode(QListView::Adjust);
    m_view->setMovement(QListView::Static);
    m_view->setLayoutMode(QListView::Batched);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_classFilter->setObjectName(QStringLiteral("classFilter"));
    m_sort->setObjectName(QStringLiteral("sortCombo"));
    m_sort->addItem(tr("by index"));
    m_sort->addItem(tr("by mean, darkest first"));
    m_sort->addItem(tr("by mean, brightest first"));
    m_sort->addItem(tr("by std, flattest first"));
    m_sort->addItem(tr("by std, highest first"));
    m_size->setObjectName(QStringLiteral("thumbnailSize"));
    m_size->setRange(kMinThumb, kMaxThumb);
    m_size->setSingleStep(kMinThumb);
    m_size->setValue(m_delegate->thumbnailSize());
    m_size->setToolTip(tr("Thumbnail size (28 = the true pixels)"));

    // Filter, sort and size slider each on a row of their own, as wide as the panel: side by side
    // the filter read "All classe" in larger fonts, and the slider shrank to a checkbox's size.
    auto* sizeRow = new QHBoxLayout;
    sizeRow->addWidget(new QLabel(tr("Thumbnail size"), this));
    sizeRow->addWidget(m_size, 1);
    m_size->setMinimumWidth(m_size->fontMetrics().horizontalAdvance(QLatin1Char('M')) * 8);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_classFilter);
    layout->addWidget(m_sort);
    layout->addLayout(sizeRow);
    layout->addWidget(m_view);

    connect(m_classFilter, &QComboBox::currentIndexChanged, this,
            [this] { m_model->setClassFilter(m_classFilter->currentData().toInt()); });
    connect(m_sort, &QComboBox::currentIndexChanged, this, &ImageBrowser::applySort);
    connect(m_size, &QSlider::valueChanged, this, &ImageBrowser::setThumbnailSize);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex& current) {
        if (current.isValid()) Q_EMIT imageSelected(m_model->imageIndexAt(current.row()));
    });
    // A model reset replaces the selection model's indexes; keep following the new one.
    connect(m_model, &QAbstractItemModel::modelReset, this, [this] {
        if (m_model->rowCount() > 0) m_view->setCurrentIndex(m_model->index(0));
    });
}

void ImageBrowser::setSplit(LoadedDatasetPtr dataset, const std::string& split) {
    const QSignalBlocker block(m_classFilter);
    // The filter carries over between splits of one data set, never to another one, whose class k
    // is something else.
    const bool sameData = dataset->datasetId == m_datasetId;
    m_datasetId = dataset->datasetId;
    const int previous = sameData && m_classFilter->count() > 0 ? m_classFilter->currentData().toInt() : -1; // -1: all
    m_classFilter->clear();
    m_classFilter->addItem(tr("All classes"), -1);
    const ImageSet& images = dataset->imagesOf(split);
    for (int k = 0; k < images.classCount(); ++k)
        m_classFilter->addItem(QString::fromStdString(images.classNames[k]), k);
    m_classFilter->setCurrentIndex(std::max(0, m_classFilter->findData(previous)));
    // One rebuild of the rows: the model keeps its filter across splits (dropping it when the
    // class does not exist there, as the combo does), so only a disagreement needs a second.
    m_model->setSplit(std::move(dataset), split);
    if (const int filter = m_classFilter->currentData().toInt(); filter != m_model->classFilter())
        m_model->setClassFilter(filter);
    // Orders by mean or std need the statistics: an image folder is browsable before its pass
    // has counted them, and those orders wait for it, saying why.
    if (auto* orders = qobject_cast<QStandardItemModel*>(m_sort->model())) {
        const bool ready = m_model->canSortByStatistics();
        for (int i = 1; i < orders->rowCount(); ++i) {
            orders->item(i)->setEnabled(ready);
            orders->item(i)->setToolTip(ready ? QString() : tr("Available once the statistics are counted"));
        }
        if (!ready) m_sort->setCurrentIndex(0); // the model follows (applySort)
    }
}

int ImageBrowser::thumbnailSize() const {
    return m_delegate->thumbnailSize();
}

void ImageBrowser::setThumbnailSize(int pixels) {
    m_delegate->setThumbnailSize(pixels);
    if (m_size->value() != pixels) m_size->setValue(pixels);
    m_view->doItemsLayout(); // item size changed
}

void ImageBrowser::selectImage(int imageIndex) {
    const int row = m_model->rowOfImage(imageIndex);
    if (row >= 0) m_view->setCurrentIndex(m_model->index(row));
}

void ImageBrowser::applySort() {
    using Key = ImageListModel::SortKey;
    static const std::pair<Key, bool> orders[] = {
        {Key::Index, false}, {Key::Mean, false}, {Key::Mean, true}, {Key::Std, false}, {Key::Std, true}};
    const auto [key, descending] = orders[std::clamp(m_sort->currentIndex(), 0, 4)];
    m_model->setSort(key, descending);
}

} // namespace normlab
