#pragma once

#include <QWidget>

#include "ui/loadeddataset.h"

class QLabel;
class QTableWidget;

namespace normlab {

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

private:
    QLabel* m_summary;
    QTableWidget* m_classes;
    PixelMapPlot* m_mean;
    PixelMapPlot* m_std;
    QTableWidget* m_files;
};

} // namespace normlab
