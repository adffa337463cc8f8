#pragma once

#include <QWidget>

#include "ui/loadeddataset.h"

class QLabel;
class QTableView;

namespace normlab {

class DataCheckModel;
class PerClassModel;
class PixelMapPlot;

// The data set at a glance: summary, per-class counts/mean/std, per-pixel mean and std maps and
// a data check of the files read (sizes, checksums, published or not, where they came from).
class StatsPage : public QWidget {
    Q_OBJECT

public:
    explicit StatsPage(QWidget* parent = nullptr);
    void setDataset(const LoadedDatasetPtr& dataset, const std::string& split);
    PixelMapPlot* meanMap() const { return m_mean; }
    PixelMapPlot* stdMap() const { return m_std; }
    const PerClassModel* perClassModel() const { return m_classModel; }
    const DataCheckModel* dataCheckModel() const { return m_checkModel; }

private:
    QLabel* m_summary;
    PerClassModel* m_classModel;
    DataCheckModel* m_checkModel;
    QTableView* m_classes;
    PixelMapPlot* m_mean;
    PixelMapPlot* m_std;
    QTableView* m_files;
};

} // namespace normlab
