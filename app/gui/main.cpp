// normlab: the desktop application. Parses the command line, then shows the main window.
#include <QApplication>
#include <QCommandLineParser>
#include <QListView>

#include "app/gui/startupprobe.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/mainwindow.h"

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("NormLab"));
    QApplication::setOrganizationName(QStringLiteral("NormLab"));
    QApplication::setApplicationVersion(QStringLiteral(NORMLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("See how input normalization changes data and training."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption dataset(QStringLiteral("dataset"),
                                     QStringLiteral("a catalog id (normlab-cli datasets lists them), synthetic, auto, "
                                                    "or a folder or NumPy file (default: last used)."),
                                     QStringLiteral("name"), QStringLiteral("auto"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"), QStringLiteral("NormLab's data directory."),
                                     QStringLiteral("dir"));
    const QCommandLineOption benchmarkStartup(
        QStringLiteral("benchmark-startup"),
        QStringLiteral("Print the time from process start to the first paint of the image grid with data, then quit."));
    parser.addOption(dataset);
    parser.addOption(dataDir);
    parser.addOption(benchmarkStartup);
    parser.process(app);

    normlab::DatasetRequest request;
    request.dataset = parser.value(dataset).toStdString();
    request.dataDir = parser.value(dataDir).toStdString();
    normlab::MainWindow window(request);
    if (parser.isSet(benchmarkStartup)) new normlab::StartupProbe(window.browser()->view(), &window);
    window.show();
    return QApplication::exec();
}
