// The training engine module (core/train/engine/engineloader.h): nothing of LibTorch is mapped until
// training asks for it, a missing or broken module is a clear error, and the loaded engine trains.
// This executable links only the Torch-free normlab_train, as the CLI and the GUI do.
#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/error.h"
#include "core/train/engine/engineloader.h"
#include "core/train/config/trainingdata.h"
#include "tests/support/quickruns.h"

using namespace normlab;

namespace {

QString mappedFiles() {
    QFile maps(QStringLiteral("/proc/self/maps"));
    if (!maps.open(QIODevice::ReadOnly)) return {};
    return QString::fromLocal8Bit(maps.readAll());
}

bool libTorchMapped() {
    const QString maps = mappedFiles();
    return maps.contains(QStringLiteral("libtorch")) || maps.contains(QStringLiteral("libc10"));
}

// The error trainEngine() throws, or an empty string when it loads.
QString loadError() {
    try {
        trainEngine();
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestEngineLoader : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase() { setTrainEngineThreads(2); }
    void cleanup() { qunsetenv("NORMLAB_ENGINE"); }

    void nothingOfLibTorchIsMappedBeforeTraining() {
        QVERIFY(!mappedFiles().isEmpty());
        QVERIFY(!libTorchMapped());
        QVERIFY(!trainEngineLoaded());
        QVERIFY(trainEnginePath().empty());
    }

    void aMissingModuleIsAClearError() {
        const QString path = m_dir.filePath(QStringLiteral("nowhere/libnormlab-engine.so"));
        qputenv("NORMLAB_ENGINE", path.toLocal8Bit());
        const QString error = loadError();
        QVERIFY2(error.contains(path + QStringLiteral(": not found")), qPrintable(error));
        QVERIFY2(error.contains(QStringLiteral("statistics, export and download do not")), qPrintable(error));
        QVERIFY(!error.contains(QLatin1Char('\n')));
        QVERIFY(!trainEngineLoaded());
    }

    void aFileThatIsNoLibraryIsAClearError() {
        const QString path = m_dir.filePath(QStringLiteral("libnormlab-engine.so"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("this is not an ELF file\n");
        file.close();
        qputenv("NORMLAB_ENGINE", path.toLocal8Bit());
        const QString error = loadError();
        QVERIFY2(error.contains(path), qPrintable(error));
        QVERIFY2(!error.contains(QStringLiteral("not found")), qPrintable(error)); // dlopen's own reason
        QVERIFY(!trainEngineLoaded());
    }

    void aLibraryThatIsNoEngineIsAClearError() {
        // Any shared library this process has mapped will do: Qt's core library.
        const QStringList lines = mappedFiles().split(QLatin1Char('\n'));
        QString library;
        for (const QString& line : lines)
            if (line.contains(QStringLiteral("libQt6Core.so"))) library = line.section(QLatin1Char(' '), -1);
        QVERIFY(!library.isEmpty());
        qputenv("NORMLAB_ENGINE", library.toLocal8Bit());
        const QString error = loadError();
        QVERIFY2(error.contains(library + QStringLiteral(": not a NormLab training engine")), qPrintable(error));
        QVERIFY(!trainEngineLoaded());
        QVERIFY(!libTorchMapped());
    }

    void theEngineLoadsOnFirstUse() {
        const TrainEngine& engine = trainEngine();
        QVERIFY(trainEngineLoaded());
        QVERIFY(libTorchMapped());
        QVERIFY(QString::fromStdString(trainEnginePath()).endsWith(QStringLiteral(".so")));
        QCOMPARE(&trainEngine(), &engine); // loaded once
        QVERIFY(QString::fromStdString(engine.description()).startsWith(QStringLiteral("LibTorch")));
        const auto devices = engine.availableDevices();
        QVERIFY(!devices.empty());
        QCOMPARE(devices.front(), std::string("cpu"));
        QCOMPARE(engine.resolveDevice("cpu"), std::string("cpu"));
        // An Error thrown inside the module is caught here as normlab::Error.
        try {
            engine.resolveDevice("abacus");
            QFAIL("an unknown device was accepted");
        } catch (const Error& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("abacus")), e.what());
        }
    }

    void theEngineTrainsAComparison() {
        TrainConfig config = test::quickRun(1);
        config.limit = 300;
        const TrainingData data = loadTrainingData(config);
        int epochs = 0;
        ComparisonCallbacks callbacks;
        callbacks.onEpoch = [&](const EpochMetric&) { ++epochs; };
        const auto results =
            trainEngine().runComparison(comparisonConfigs(config, {Method::None, Method::ZScore}), data, {}, callbacks);
        QCOMPARE(results.size(), std::size_t(2));
        for (const auto& r : results)
            QVERIFY2(r.status == RunStatus::Finished, r.message.c_str());
        QCOMPARE(epochs, 2);
        const auto sample = trainEngine().normalizedSample(config, data, 3);
        QCOMPARE(sample.size(), std::size_t(3));
        QCOMPARE(sample.front().size(), data.train.pixelsPerImage());
    }
};

QTEST_GUILESS_MAIN(TestEngineLoader)
#include "tst_engineloader.moc"
