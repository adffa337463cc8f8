#pragma once

#include <string>
#include <vector>

#include <QWidget>

#include "core/data/catalog/datasetlisting.h"

class QComboBox;
class QPushButton;

namespace normlab {

// The main window's data set chooser: the catalog's data sets (each saying where it was found)
// plus folders the user opened, the split, Open folder… and a Download button shown when the
// chosen set is missing.
class DatasetChooser : public QWidget {
    Q_OBJECT

public:
    explicit DatasetChooser(QWidget* parent = nullptr);

    void setChoices(const std::vector<DatasetChoice>& choices);
    QString dataset() const; // a catalog id, "synthetic" or a folder path
    std::string split() const;
    // Selects a data set without emitting datasetChanged; adds a folder item for a path.
    void select(const QString& dataset);
    void selectSplit(const QString& split);
    // Names the held-out split the second entry shows ("test" or "val"); empty: there is none.
    void setHeldOutSplit(const QString& name);
    // Removes an opened folder from the list (its data could not be shown).
    void removeFolder(const QString& path);
    void offerDownload(const QString& text); // empty: hide the button

Q_SIGNALS:
    void datasetChanged();
    void splitChanged();
    void openFolderRequested();
    void downloadRequested();

private:
    QComboBox* m_dataset;
    QComboBox* m_split;
    QPushButton* m_download;
};

} // namespace normlab
