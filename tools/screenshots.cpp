// Renders screenshots of NormLab's real windows (offscreen platform) for the README:
//   QT_QPA_PLATFORM=offscreen normlab-screenshots OUTPUT_DIR
#include <QApplication>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>

#include "ui/mainwindow.h"
#include "ui/statsjob.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never read or write the user's settings
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);

    normlab::DatasetRequest request;
    request.dataset = "synthetic";
    normlab::MainWindow window(request);
    window.resize(1000, 560);
    window.show();
    QSignalSpy done(window.statsJob(), &normlab::StatsJob::finished);
    if (!done.wait(60000)) {
        qCritical("statistics did not finish");
        return 1;
    }
    QCoreApplication::processEvents();
    const QString file = QDir(out).filePath(QStringLiteral("main-window.png"));
    if (!window.grab().save(file)) {
        qCritical("cannot write %s", qPrintable(file));
        return 1;
    }
    qInfo("wrote %s", qPrintable(file));
    return 0;
}
