#pragma once

#include <vector>

#include <QString>

#include "core/data/catalog/datasetavailability.h"
#include "core/data/catalog/datasetlisting.h"

class QComboBox;

namespace normlab {

// Fills a data set chooser from the core's list: "FashionMNIST — Debian package
// dataset-fashion-mnist", "MNIST — not found", with the folder or the fix as tooltip. The item
// data is the data set id. Existing items are updated in place (other items, such as opened
// folders, and the selection stay), and the combo's width stays bounded so long origins never
// widen the window (the popup shows them whole).
void fillDatasetCombo(QComboBox* combo, const std::vector<DatasetChoice>& choices);

// The offline fix the window's banner and the Training tab both give for a missing catalog data
// set, in one wording: " Offline: sudo apt-get install dataset-fashion-mnist." (empty when Debian
// does not package it; the Download button is the other fix).
QString offlineInstallHint(const DatasetAvailability& availability);

} // namespace normlab
