// The GUI and the training engine module: the first window and its data come without LibTorch,
// which loads in the background afterwards; a missing engine is a clear message, never a crash.
// Its own executable: a process loads the engine once, and the first test needs it unloaded.
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "core/train/engine/engineloader.h"
#include "tests/support/quickruns.h"
#include "ui/jobs/enginestatus.h"
#include "ui/mainwindow.h"
#include "ui/jobs/statsjob.h"
#include "ui/jobs/trainjob.h"
#include "ui/pages/trainpage.h"

using namespace normlab;

namespace {

bool libTorchMapped() {
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly)) return false;
    const QByteArray text = maps.readAll();
    return text.contains("libtorch") || text.contains("libc10");
}

} // namespace

class TestEngineLoad : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        setTrainEngineThreads(2);
    }

    void cleanup() { qunsetenv("NORMLAB_ENGINE"); }

    void aMissingEngineIsAMessageNotACrash() {
        const QByteArray missing = "/nonexistent/normlab/libnormlab-engine.so";
        qputenv("NORMLAB_ENGINE", missing);
        MainWindow window(test::smallSynthetic(300));
        window.show();
        EngineStatus* engine = window.trainPage()->engine();
        QTRY_COMPARE_WITH_TIMEOUT(engine->state(), EngineStatus::State::Unavailable, 30000);
        QVERIFY(engine->description().contains(QString::fromLatin1(missing)));
        window.tabs()->setCurrentWidget(window.trainPage());
        const QString shown = window.trainPage()->message();
        QVERIFY2(shown.contains(QStringLiteral("could not be loaded")), qPrintable(shown));

        // Start tries again, and says why it cannot train; the window goes on.
        window.trainPage()->setConfig(test::quickRun(1));
        auto* start = window.trainPage()->findChild<QPushButton*>(QStringLiteral("startButton"));
        start->click();
        QTRY_VERIFY_WITH_TIMEOUT(start->isEnabled() && engine->state() == EngineStatus::State::Unavailable, 30000);
        QVERIFY2(window.trainPage()->message().contains(QStringLiteral("could not be loaded")),
                 qPrintable(window.trainPage()->message()));
        QVERIFY(!window.trainPage()->job()->isRunning());
        QVERIFY(!libTorchMapped());
    }

    void theFirstDataComesBeforeLibTorch() {
        MainWindow window(test::smallSynthetic(300));
        bool mappedAtFirstData = true;
        connect(window.statsJob(), &StatsJob::finished, this, [&] { mappedAtFirstData = libTorchMapped(); });
        window.show();
        EngineStatus* engine = window.trainPage()->engine();
        QTRY_COMPARE_WITH_TIMEOUT(engine->state(), EngineStatus::State::Ready, 30000);
        QVERIFY(!mappedAtFirstData);
        QVERIFY(libTorchMapped());
        QVERIFY(engine->devices().contains(QStringLiteral("cpu")));
        QVERIFY(engine->description().startsWith(QStringLiteral("LibTorch")));
    }
};

QTEST_MAIN(TestEngineLoad)
#include "tst_engineload.moc"
