#pragma once

#include <QPoint>
#include <QWidget>

#include "core/stats/normalization.h"
#include "ui/jobs/imageloader.h"
#include "ui/models/loadeddataset.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QStackedWidget;
class QTableView;

namespace normlab {

class ChannelCombo;
class ConstantsPanel;
class HistogramPlot;
class PixelImageView;
class SummaryModel;

// Before/after for one image and for the data set: the selected image as bytes and after the
// chosen normalization (fixed, labelled colour maps; RGB for colour images), a pixel probe,
// overlaid pixel histograms (before vs after, train vs test, one class vs all; every channel or
// one), a before/after stats table per channel and the matching transforms.Normalize line;
// "Check constants" swaps in the ConstantsPanel.
class NormalizationPage : public QWidget {
    Q_OBJECT

public:
    enum class Overlay { BeforeAfter, TrainTest, ClassVsAll };

    explicit NormalizationPage(QWidget* parent = nullptr);
    void setDataset(LoadedDatasetPtr dataset, const std::string& split);
    void setImage(int imageIndex);
    void setMethod(Method method);
    Method method() const;
    HistogramPlot* histogram() const { return m_histogram; }
    ConstantsPanel* constantsPanel() const { return m_constants; }
    QString probeText() const;
    const SummaryModel* summaryModel() const { return m_summary; }
    // The channel the histograms show (ChannelCombo::kAll or an index), here and in the panel;
    // kept while a data set lacks it, so a grey data set in between does not forget it.
    int histogramChannel() const;
    void setHistogramChannel(int channel);

Q_SIGNALS:
    void methodChanged(normlab::Method method);

protected:
    void changeEvent(QEvent* event) override;

private:
    void fitTableHeight();
    void refreshImages();
    void imageLoaded(qsizetype index, const ImagePixelsPtr& pixels);
    void refreshDatasetViews();
    void probe(int x, int y);

    LoadedDatasetPtr m_dataset;
    std::string m_split = "train";
    int m_image = -1;
    ImagePixelsPtr m_pixels; // of m_image once read (an image folder's file decodes on m_loader)
    ImageLoader* m_loader;
    std::vector<float> m_after;
    QPoint m_probed{-1, -1}; // the pixel last read out under the pointer
    QComboBox* m_method;
    QComboBox* m_overlay;
    QComboBox* m_class;
    ChannelCombo* m_channel;
    QCheckBox* m_log;
    PixelImageView* m_beforeView;
    PixelImageView* m_afterView;
    QLabel* m_probe;
    HistogramPlot* m_histogram;
    SummaryModel* m_summary;
    QTableView* m_table;
    QLabel* m_torchvision;
    ConstantsPanel* m_constants;
    QStackedWidget* m_views = nullptr; // the explorer, or the constants panel
};

} // namespace normlab
