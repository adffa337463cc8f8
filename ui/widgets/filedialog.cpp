#include "ui/widgets/filedialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QSettings>

namespace normlab {
namespace {

const QString kLastDirKey = QStringLiteral("dialogs/lastDir");

} // namespace

FileDialog* FileDialog::instance() {
    static FileDialog dialog;
    return &dialog;
}

void FileDialog::setNextFileName(const QString& name) {
    m_next = name;
    m_hasNext = true;
}

bool FileDialog::takeNext(QString* name) {
    if (!m_hasNext) return false;
    *name = m_next;
    m_hasNext = false;
    return true;
}

QString FileDialog::lastDir() const {
    return QSettings().value(kLastDirKey, QDir::homePath()).toString();
}

void FileDialog::remember(const QString& path, bool isDirectory) {
    if (path.isEmpty()) return;
    QSettings().setValue(kLastDirKey, isDirectory ? path : QFileInfo(path).absolutePath());
}

QString FileDialog::getSaveFileName(QWidget* parent, const QString& title, const QString& filter) {
    QString name;
    if (!takeNext(&name))
        name = QFileDialog::getSaveFileName(parent, title, lastDir(), filter); // asks before overwriting
    remember(name, false);
    return name;
}

QString FileDialog::getOpenFileName(QWidget* parent, const QString& title, const QString& filter) {
    QString name;
    if (!takeNext(&name)) name = QFileDialog::getOpenFileName(parent, title, lastDir(), filter);
    remember(name, false);
    return name;
}

QString FileDialog::getExistingDirectory(QWidget* parent, const QString& title) {
    QString name;
    if (!takeNext(&name)) name = QFileDialog::getExistingDirectory(parent, title, lastDir());
    remember(name, true);
    return name;
}

} // namespace normlab
