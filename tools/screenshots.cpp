// Renders screenshots of NormLab's real windows (offscreen platform) for the README, at the
// 1280x720 of a classroom projector:
//   QT_QPA_PLATFORM=offscreen normlab-screenshots OUTPUT_DIR
// Uses Debian's real FashionMNIST when it is installed (dataset-fashion-mnist), else the
// built-in synthetic digits; the colour shots use generated scenes (tools/colourscenes.h).
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDir>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

#include "core/data/catalog/datasetcatalog.h"
#include "core/data/catalog/datasetlocator.h"
#include "tools/colourscenes.h"
#include "ui/widgets/constantspanel.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/mainwindow.h"
#include "ui/pages/normalizationpage.h"
#include "ui/jobs/statsjob.h"
#include "ui/widgets/trainform.h"
#include "ui/jobs/trainjob.h"
#include "ui/pages/trainpage.h"

namespace {

const QSize kProjector(1280, 720);

bool save(QWidget& window, const QString& dir, const QString& name) {
    QTest::qWait(300); // let throttled replots happen
    const QString file = QDir(dir).filePath(name);
    if (!window.grab().save(file)) {
        qCritical("cannot write %s", qPrintable(file));
        return false;
    }
    qInfo("wrote %s", qPrintable(file));
    return true;
}

bool train(normlab::TrainPage* page, const normlab::TrainConfig& config, const std::vector<normlab::Method>& methods) {
    page->setConfig(config);
    page->setMethods(methods);
    QSignalSpy trained(page->job(), &normlab::TrainJob::allFinished);
    page->start();
    if (!trained.wait(900000)) {
        qCritical("training did not finish");
        return false;
    }
    return true;
}

// A colour data set (generated scenes, a stand-in for CIFAR offline): the tab in colour, and the
// constants people paste for CIFAR-10 checked against it.
bool shootColour(normlab::MainWindow& window, const QString& out) {
    QTemporaryDir dir;
    const QString root = dir.filePath(QStringLiteral("colour-scenes"));
    if (!normlab::writeColourScenes(root, 300, 60)) {
        qCritical("cannot write the colour scenes");
        return false;
    }
    QSignalSpy done(window.statsJob(), &normlab::StatsJob::finished);
    window.tabs()->setCurrentIndex(0);
    window.selectDataset(root);
    if (!done.wait(120000)) {
        qCritical("statistics of the colour scenes did not finish");
        return false;
    }
    window.browser()->selectImage(3);
    window.normalizationPage()->setMethod(normlab::Method::ZScore);
    bool ok = save(window, out, QStringLiteral("colour.png"));
    window.normalizationPage()->findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"))->click();
    window.normalizationPage()
        ->findChild<QLineEdit*>(QStringLiteral("constantsLine"))
        ->setText(QStringLiteral("transforms.Normalize((0.4914, 0.4822, 0.4465), (0.2023, 0.1994, 0.2010))"));
    window.normalizationPage()->constantsPanel()->check();
    ok = save(window, out, QStringLiteral("check-constants-colour.png")) && ok;
    window.normalizationPage()->findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"))->click();
    return ok;
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // never read or write the user's settings
    const QString out = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QStringLiteral("docs/screenshots");
    QDir().mkpath(out);

    const bool fashion =
        normlab::locateCatalogDataset(*normlab::findCatalogDataset("fashion-mnist"), normlab::defaultDataDir())
            .has_value();
    normlab::DatasetRequest request;
    request.dataset = fashion ? "fashion-mnist" : "synthetic";
    normlab::MainWindow window(request);
    window.resize(kProjector);
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
    window.normalizationPage()->findChild<QComboBox*>(QStringLiteral("overlayCombo"))->setCurrentIndex(0);
    // "Where do these numbers come from?": MNIST's constants pasted for this data set.
    window.normalizationPage()->findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"))->click();
    window.normalizationPage()
        ->findChild<QLineEdit*>(QStringLiteral("constantsLine"))
        ->setText(QStringLiteral("transforms.Normalize((0.1307,), (0.3081,))"));
    window.normalizationPage()->constantsPanel()->check();
    ok = save(window, out, QStringLiteral("check-constants.png")) && ok;
    window.normalizationPage()->findChild<QPushButton*>(QStringLiteral("checkConstantsToggle"))->click();
    window.tabs()->setCurrentIndex(1);
    ok = save(window, out, QStringLiteral("statistics.png")) && ok;

    // A finished comparison: same network and seed, three normalizations.
    window.tabs()->setCurrentIndex(2);
    normlab::TrainConfig config = normlab::lessonPreset();
    config.dataset = request.dataset;
    config.limit = 10000;
    config.epochs = 6;
    config.batchSize = 100;
    config.lr = 0.001;
    if (!train(window.trainPage(), config,
               {normlab::Method::None, normlab::Method::ZScore, normlab::Method::PerSample}))
        return 1;
    ok = save(window, out, QStringLiteral("training.png")) && ok;

    // The lesson's question asked honestly: three seeds per normalization, the mean with its band,
    // and the verdict on whether the difference is larger than the seed-to-seed spread.
    config = normlab::lessonPreset();
    config.dataset = request.dataset;
    config.limit = 10000;
    config.epochs = 5;
    window.trainPage()->form()->setSeeds(3);
    if (!train(window.trainPage(), config, normlab::lessonMethods())) return 1;
    ok = save(window, out, QStringLiteral("seeds.png")) && ok;
    window.trainPage()->form()->setSeeds(1);

    // The classroom view: the lesson's experiment (shortened) in larger fonts on the projector.
    window.findChild<QAction*>(QStringLiteral("largeFontsAction"))->setChecked(true);
    config = normlab::lessonPreset();
    config.dataset = request.dataset;
    config.limit = 20000;
    config.epochs = 8;
    if (!train(window.trainPage(), config, normlab::lessonMethods())) return 1;
    ok = save(window, out, QStringLiteral("classroom.png")) && ok;
    window.findChild<QAction*>(QStringLiteral("largeFontsAction"))->setChecked(false);
    return shootColour(window, out) && ok ? 0 : 1;
}
