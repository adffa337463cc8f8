#pragma once

#include <optional>
#include <string>

#include <QWidget>

#include "core/stats/normalizetext.h"
#include "ui/models/loadeddataset.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;

namespace normlab {

class ChannelCombo;
class HistogramPlot;

// "Where do these numbers come from?" on the Normalization tab: paste a transforms.Normalize line
// (or pick a published set) and see what it does to the shown split — the after-histogram of
// every channel against the ideal mean 0 / std 1, the verdict of core's checkConstants, and the
// std recipes side by side with the distribution of per-image stds that explains their gap.
class ConstantsPanel : public QWidget {
    Q_OBJECT

public:
    explicit ConstantsPanel(QWidget* parent = nullptr);
    void setDataset(LoadedDatasetPtr dataset, const std::string& split);
    // Checks the line edit's text, or the chosen published set (what the Check button does).
    void check();
    QString verdict() const;
    HistogramPlot* afterPlot() const { return m_after; }
    HistogramPlot* imageStdPlot() const { return m_imageStds; }
    int channel() const;
    void setChannel(int channel); // which channel the after-histogram shows (ChannelCombo::kAll: every one)

Q_SIGNALS:
    void channelChanged(int channel);

protected:
    void changeEvent(QEvent* event) override;

private:
    void run(const NormalizeConstants& constants);
    void showChecked(); // the last checked constants, for the channels chosen
    void fitRecipesHeight();
    void showRecipes();
    void showError(const QString& message);

    LoadedDatasetPtr m_dataset;
    std::string m_split = "train";
    QLineEdit* m_line;
    std::optional<NormalizeConstants> m_checked;
    QComboBox* m_published;
    ChannelCombo* m_channel;
    QLabel* m_verdict;
    HistogramPlot* m_after;
    HistogramPlot* m_imageStds;
    QTableWidget* m_recipes;
};

} // namespace normlab
