#include "ui/widgets/datasetcombo.h"

#include <QCoreApplication>

#include <QComboBox>
#include <QSignalBlocker>

namespace normlab {
namespace {

// Enough for "FashionMNIST — Debian package" before the text elides.
constexpr int kVisibleCharacters = 28;

} // namespace

void fillDatasetCombo(QComboBox* combo, const std::vector<DatasetChoice>& choices) {
    const QSignalBlocker block(combo); // a refresh is not a choice by the user
    for (int i = 0; i < static_cast<int>(choices.size()); ++i) {
        const auto& c = choices[static_cast<std::size_t>(i)];
        const QString id = QString::fromStdString(c.id);
        const QString name = QString::fromStdString(c.displayName);
        const QString where = c.found ? QString::fromStdString(c.origin) : QObject::tr("not found");
        const QString tip = c.found ? (c.folder.empty() ? where : QString::fromStdString(c.folder))
                                    : QObject::tr("Not found. Get it with: %1").arg(QString::fromStdString(c.fix));
        // Update in place: folders the user opened stay listed after the catalog entries.
        int index = combo->findData(id);
        if (index < 0) combo->insertItem(index = i, QString(), id);
        combo->setItemText(index, QStringLiteral("%1 — %2").arg(name, where));
        combo->setItemData(index, tip, Qt::ToolTipRole);
    }
    combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    combo->setMinimumContentsLength(kVisibleCharacters);
}

QString offlineInstallHint(const DatasetAvailability& a) {
    if (a.debianPackage.empty()) return {};
    return QCoreApplication::translate("DatasetCombo", " Offline: sudo apt-get install %1.")
        .arg(QString::fromStdString(a.debianPackage));
}

} // namespace normlab
