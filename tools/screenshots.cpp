// Renders screenshots of NormLab's real windows (offscreen platform) for the README:
//   QT_QPA_PLATFORM=offscreen normlab-screenshots OUTPUT_DIR
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>

#include "core/train/torchruntime.h"
#include "ui/imagebrowser.h"
#include "ui/mainwindow.h"
#include "ui/normalizationpage.h"
#include "ui/statsjob.h"
#include "ui/trainjob.h"
#include "ui/trainpage.h"

namespace {

bool save(QWidget& window, const QString& dir, const QString& name) {
    QCoreApplication::processEvents();
    const QString file = QDir(dir).filePath(name);
    if (!window.grab().save(file)) {
        qCritical("cannot write %s", qPrintable(file));
        return false;
    }
    qInfo("wrote %s", qPrintable(file));
    return true;
}

} // namespace

int main(int argc, char** argv) {
    normlab::configureTorchThreads();
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never read or write the user's settings
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);

    normlab::DatasetRequest request;
    request.dataset = "synthetic";
    normlab::MainWindow window(request);
    window.resize(1280, 800);
    window.show();
    QSignalSpy done(window.statsJob(), &normlab::StatsJob::finished);
    if (!done.wait(120000)) {
        qCritical("statistics did not finish");
        return 1;
    }
    window.browser()->selectImage(7);
    window.normalizationPage()->setMethod(normlab::Method::ZScore);
    bool ok = save(window, out, QStringLiteral("normalization.png"));
    window.normalizationPage()->findChild<QComboBox*>(QStringLiteral("overlayCombo"))->setCurrentIndex(1);
    window.normalizationPage()->setMethod(normlab::Method::PerSample);
    ok = save(window, out, QStringLiteral("overlay-train-test.png")) && ok;
    window.tabs()->setCurrentIndex(1);
    ok = save(window, out, QStringLiteral("statistics.png")) && ok;

    // A finished comparison: same network and seed, three normalizations.
    window.tabs()->setCurrentIndex(2);
    normlab::TrainPage* train = window.trainPage();
    normlab::TrainConfig config;
    config.dataset = "synthetic";
    config.limit = 10000;
    config.epochs = 8;
    config.batchSize = 100;
    config.lr = 0.01;
    config.device = "auto";
    train->setConfig(config);
    train->setMethods({normlab::Method::None, normlab::Method::ZScore, normlab::Method::PerSample});
    QSignalSpy trained(train->job(), &normlab::TrainJob::allFinished);
    train->start();
    if (!trained.wait(600000)) {
        qCritical("training did not finish");
        return 1;
    }
    QTest::qWait(300); // let the throttled replot happen
    ok = save(window, out, QStringLiteral("training.png")) && ok;
    return ok ? 0 : 1;
}
