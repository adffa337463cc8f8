#pragma once

#include <QString>

class QWidget;

namespace normlab {

// The one way NormLab asks for a file or folder: it remembers the last folder used (across
// restarts), and tests preload the answer with setNextFileName() instead of a modal dialog —
// after KeePassXC's FileDialog.
class FileDialog {
public:
    static FileDialog* instance();

    QString getSaveFileName(QWidget* parent, const QString& title, const QString& filter);
    QString getOpenFileName(QWidget* parent, const QString& title, const QString& filter);
    QString getExistingDirectory(QWidget* parent, const QString& title);

    // Tests: the next call returns this (an empty string means "cancelled") without a dialog.
    void setNextFileName(const QString& name);

private:
    bool takeNext(QString* name);
    QString lastDir() const;
    void remember(const QString& path, bool isDirectory);

    QString m_next;
    bool m_hasNext = false;
};

} // namespace normlab
