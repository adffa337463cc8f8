#pragma once

#include <QWidget>

#include "ui/models/loadeddataset.h"

class QGridLayout;
class QLabel;
class QStackedWidget;
class QTableView;

namespace normlab {

class ChannelCombo;
class DataCheckModel;
class PerClassModel;
class PixelMapPlot;

// The data set at a glance: summary, per-class counts/mean/std (per channel), per-pixel mean and
// std maps of a chosen channel (or why there are none: images of different sizes) and a data
// check of the files read (sizes, checksums, published or not, where they came from).
class StatsPage : public QWidget {
    Q_OBJECT

public:
    explicit StatsPage(QWidget* parent = nullptr);
    void setDataset(const LoadedDatasetPtr& dataset, const std::string& split);
    PixelMapPlot* meanMap() const { return m_mean; }
    PixelMapPlot* stdMap() const { return m_std; }
    const PerClassModel* perClassModel() const { return m_classModel; }
    const DataCheckModel* dataCheckModel() const { return m_checkModel; }
    QString summaryText() const;
    // False when the images differ in size: there is no pixel (x, y) common to all of them.
    bool hasPixelMaps() const;
    QString pixelMapsText() const; // what stands in for the maps when there are none
    int mapChannel() const;        // the channel the maps show; kept while a data set lacks it
    void setMapChannel(int channel);

private:
    void showMaps();

    LoadedDatasetPtr m_dataset;
    std::string m_split;
    QLabel* m_summary;
    PerClassModel* m_classModel;
    DataCheckModel* m_checkModel;
    QTableView* m_classes;
    ChannelCombo* m_mapChannel;
    QStackedWidget* m_maps;
    PixelMapPlot* m_mean;
    PixelMapPlot* m_std;
    QLabel* m_noMaps;
    QTableView* m_files;
    QGridLayout* m_layout;
};

} // namespace normlab
