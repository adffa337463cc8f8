// normlab-cli train as a user runs it: a comparison writes JSON and CSV, --jsonl streams lines,
// bad arguments get a one-line error.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/testdata.h"

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

Result runCli(QStringList args, const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("NORMLAB_CLI"), args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

QStringList small() {
    return {QStringLiteral("train"),    QStringLiteral("--dataset"), QStringLiteral("synthetic"),
            QStringLiteral("--limit"),  QStringLiteral("1000"),      QStringLiteral("--batch-size"),
            QStringLiteral("100"),      QStringLiteral("--model"),   QStringLiteral("mlp"),
            QStringLiteral("--device"), QStringLiteral("cpu"),       QStringLiteral("--threads"),
            QStringLiteral("2")};
}

} // namespace

class TestCliTrain : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void compareWritesJsonAndCsv() {
        const QString json = m_dir.filePath(QStringLiteral("r.json")), csv = m_dir.filePath(QStringLiteral("r.csv"));
        const Result r =
            runCli(small() << QStringLiteral("--compare") << QStringLiteral("none,zscore") << QStringLiteral("--epochs")
                           << QStringLiteral("2") << QStringLiteral("--out") << json << QStringLiteral("--csv") << csv);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("[none] epoch  2/2"));
        QVERIFY(r.out.contains("[zscore] epoch  1/2"));
        QFile jf(json);
        QVERIFY(jf.open(QIODevice::ReadOnly));
        const QJsonArray runs = QJsonDocument::fromJson(jf.readAll()).object()[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 2);
        QCOMPARE(runs[1].toObject()[QStringLiteral("status")].toString(), QStringLiteral("finished"));
        QCOMPARE(runs[1].toObject()[QStringLiteral("epochs")].toArray().size(), 2);
        QFile cf(csv);
        QVERIFY(cf.open(QIODevice::ReadOnly));
        QCOMPARE(cf.readAll().trimmed().split('\n').size(), 1 + 4);
    }
    void jsonlStreamsOneObjectPerEpochAndRun() {
        const Result r =
            runCli(small() << QStringLiteral("--normalize") << QStringLiteral("per-sample")
                           << QStringLiteral("--epochs") << QStringLiteral("2") << QStringLiteral("--jsonl"));
        QVERIFY2(r.exitCode == 0, r.err.constData());
        const QList<QByteArray> lines = r.out.trimmed().split('\n');
        QCOMPARE(lines.size(), 3);
        for (const auto& line : lines)
            QVERIFY(QJsonDocument::fromJson(line).isObject());
        QCOMPARE(QJsonDocument::fromJson(lines[2]).object()[QStringLiteral("type")].toString(), QStringLiteral("run"));
        QVERIFY(r.err.contains("[per-sample] epoch")); // human lines move to stderr
    }
    void divergedRunIsReportedNotCrashed() {
        const Result r = runCli(small() << QStringLiteral("--normalize") << QStringLiteral("raw255")
                                        << QStringLiteral("--lr") << QStringLiteral("10"));
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("raw255 diverged"), r.out.constData());
    }
    void lessonPresetAsksForFashionMnistUnlessOverridden() {
        QTemporaryDir empty;
        const Result lesson = runCli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("lesson"),
                                      QStringLiteral("--data-dir"), empty.path()});
        QCOMPARE(lesson.exitCode, 1);
        QVERIFY2(lesson.err.contains("fashion-mnist: not found (looked in"), lesson.err.constData());
        QVERIFY2(lesson.err.contains("sudo apt-get install dataset-fashion-mnist"), lesson.err.constData());
        // Explicit options win over the preset.
        const Result mine = runCli(small() << QStringLiteral("--preset") << QStringLiteral("lesson")
                                           << QStringLiteral("--epochs") << QStringLiteral("1"));
        QVERIFY2(mine.exitCode == 0, mine.err.constData());
        QVERIFY(mine.out.contains("[none] epoch  1/1"));
        QVERIFY(mine.out.contains("[zscore] epoch  1/1"));
    }
    // The lesson preset on Debian's real FashionMNIST, with no --data-dir and no network: one epoch
    // on the first 3,000 images (batches of 100, so the epoch has 30 steps), both runs to the end.
    void lessonPresetOnDebianFashionMnist() {
        if (normlab::test::debianFashionMnist().empty())
            QSKIP("Debian's dataset-fashion-mnist is not installed (scripts/install-deps installs it)");
        QTemporaryDir empty;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("XDG_DATA_DIRS"), QString::fromLatin1(normlab::test::kDebianDataDirs));
        env.insert(QStringLiteral("NORMLAB_DATA_DIR"), empty.path());
        const QString json = empty.filePath(QStringLiteral("lesson.json"));
        const Result r = runCli({QStringLiteral("train"), QStringLiteral("--preset"), QStringLiteral("lesson"),
                                 QStringLiteral("--epochs"), QStringLiteral("1"), QStringLiteral("--limit"),
                                 QStringLiteral("3000"), QStringLiteral("--batch-size"), QStringLiteral("100"),
                                 QStringLiteral("--device"), QStringLiteral("cpu"), QStringLiteral("--out"), json},
                                env);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(
            r.out.contains("data: fashion-mnist, 3000 train / 3000 test images — Debian package dataset-fashion-mnist"),
            r.out.constData());
        QFile file(json);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray runs = QJsonDocument::fromJson(file.readAll()).object()[QStringLiteral("runs")].toArray();
        QCOMPARE(runs.size(), 2);
        for (const auto& run : runs) {
            const QJsonObject o = run.toObject();
            QCOMPARE(o[QStringLiteral("status")].toString(), QStringLiteral("finished"));
            const QJsonArray epochs = o[QStringLiteral("epochs")].toArray();
            QCOMPARE(epochs.size(), 1);
            // Real clothes after 30 steps at the lesson's lr: far above chance (0.1).
            const double accuracy = epochs[0].toObject()[QStringLiteral("test_accuracy")].toDouble();
            QVERIFY2(accuracy > 0.4, qPrintable(QString::number(accuracy)));
        }
    }
    // LibTorch is loaded by `train` alone (core/train/engine/engineloader.h). glibc's loader names every
    // library it initialises when LD_DEBUG=libs, so the whole process is checked, as a user runs it.
    void onlyTrainingLoadsLibTorch() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("LD_DEBUG"), QStringLiteral("libs"));
        const QList<QStringList> withoutTraining = {
            {QStringLiteral("--version")},
            {QStringLiteral("datasets")},
            {QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
             QStringLiteral("--limit"), QStringLiteral("200")},
            {QStringLiteral("export"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
             QStringLiteral("--limit"), QStringLiteral("200"), QStringLiteral("--out"),
             m_dir.filePath(QStringLiteral("export"))}};
        for (const QStringList& args : withoutTraining) {
            const Result r = runCli(args, env);
            QVERIFY2(r.exitCode == 0, qPrintable(args.join(QLatin1Char(' '))));
            QVERIFY2(r.err.contains("calling init"), "LD_DEBUG=libs reported nothing: cannot check");
            QVERIFY2(!r.err.contains("libtorch") && !r.err.contains("libc10"), qPrintable(args.join(QLatin1Char(' '))));
        }
        const Result train = runCli(small() << QStringLiteral("--epochs") << QStringLiteral("1"), env);
        QCOMPARE(train.exitCode, 0);
        QVERIFY(train.err.contains("libnormlab-engine"));
        QVERIFY(train.err.contains("libtorch_cpu"));
    }

    void aMissingEngineIsOneClearLine() {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString missing = m_dir.filePath(QStringLiteral("gone/libnormlab-engine.so"));
        env.insert(QStringLiteral("NORMLAB_ENGINE"), missing);
        const Result r = runCli(small(), env);
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.err.startsWith("normlab-cli: error: the training engine could not be loaded"));
        QVERIFY(r.err.contains(missing.toLocal8Bit() + ": not found"));
    }

    // As installed: the program in <prefix>/bin finds the engine in <bin>/<relative dir>, prefers
    // the CUDA variant, and says why it fell back when that one does not load.
    void anInstalledLayoutPrefersTheCudaEngineAndFallsBack() {
        const QDir prefix(m_dir.filePath(QStringLiteral("prefix")));
        QVERIFY(prefix.mkpath(QStringLiteral("bin")));
        const QString cli = prefix.filePath(QStringLiteral("bin/normlab-cli"));
        QVERIFY(QFile::copy(qEnvironmentVariable("NORMLAB_CLI"), cli));
        QVERIFY(QFile::setPermissions(cli, QFile::permissions(cli) | QFileDevice::ExeOwner));
        const QDir engines(
            QDir(prefix.filePath(QStringLiteral("bin"))).filePath(qEnvironmentVariable("NORMLAB_TEST_ENGINE_DIR")));
        QVERIFY(QDir().mkpath(engines.path()));
        const QString cpu = QDir::cleanPath(engines.filePath(QStringLiteral("libnormlab-engine.so")));
        const QString cuda = QDir::cleanPath(engines.filePath(QStringLiteral("libnormlab-engine-cuda.so")));
        QVERIFY(QFile::copy(qEnvironmentVariable("NORMLAB_TEST_ENGINE"), cpu));
        QFile broken(cuda);
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("not a library\n");
        broken.close();

        QProcess p;
        p.start(cli, small() << QStringLiteral("--epochs") << QStringLiteral("1"));
        QVERIFY(p.waitForFinished(300000));
        const QByteArray out = p.readAllStandardOutput();
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains(", " + cpu.toLocal8Bit() + "\n"), out.constData());
        QVERIFY2(out.contains("engine: skipped " + cuda.toLocal8Bit()), out.constData());
    }

    // The lesson's follow-up as one grid: input normalization vs batch norm, two seeds each.
    void aGridWithSeedsRunsEveryCombination() {
        const QString csvPath = m_dir.filePath(QStringLiteral("grid.csv"));
        const QString summaryPath = m_dir.filePath(QStringLiteral("grid-summary.csv"));
        const Result r = runCli(small() << QStringLiteral("--epochs") << QStringLiteral("1") << QStringLiteral("--vary")
                                        << QStringLiteral("model=mlp,lesson-cnn-bn") << QStringLiteral("--compare")
                                        << QStringLiteral("none,zscore") << QStringLiteral("--seeds")
                                        << QStringLiteral("2") << QStringLiteral("--csv") << csvPath
                                        << QStringLiteral("--summary-csv") << summaryPath);
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.contains("run 8/8: model=lesson-cnn-bn · zscore · seed=2"), r.out.constData());
        QFile csv(csvPath);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 1 + 8); // header + 8 runs x 1 epoch
        QVERIFY(lines[0].endsWith(",test_accuracy,model,seed"));
        QVERIFY(lines[1].endsWith(",cpu,none,") == false && lines[1].contains(",none,") && lines[1].endsWith(",mlp,1"));
        QVERIFY(lines[8].contains(",zscore,") && lines[8].endsWith(",lesson-cnn-bn,2"));

        // The summary over seeds: each configuration's mean of its two seeds' test accuracy, and the
        // four pairs that differ in one option, each with a verdict on the seed-to-seed spread.
        QVERIFY2(r.out.contains("summary (test accuracy at the last epoch, mean ± std over seeds):"), r.out.constData());
        QCOMPARE(r.out.count(" test accuracy ("), 4);
        QVERIFY2(r.out.contains("seed-to-seed spread"), r.out.constData());
        const auto testAccuracy = [&](int line) { return lines[line].split(',')[11].toDouble(); };
        QFile summary(summaryPath);
        QVERIFY(summary.open(QIODevice::ReadOnly));
        const QList<QByteArray> rows = summary.readAll().trimmed().split('\n');
        QCOMPARE(rows.size(), 1 + 4); // header + 4 configurations x 1 epoch
        QVERIFY2(rows[4].startsWith("\"model=lesson-cnn-bn · zscore\",1,2,"), rows[4].constData());
        const double mean = rows[4].split(',')[9].toDouble();
        QVERIFY(std::abs(mean - (testAccuracy(7) + testAccuracy(8)) / 2) < 1e-12);
        const double std = rows[4].split(',')[10].toDouble(); // sample std of two values: |a − b| / sqrt(2)
        QVERIFY(std::abs(std - std::abs(testAccuracy(7) - testAccuracy(8)) / std::sqrt(2.0)) < 1e-12);

        const Result twice = runCli(small() << QStringLiteral("--vary") << QStringLiteral("normalize=none")
                                            << QStringLiteral("--compare") << QStringLiteral("zscore"));
        QCOMPARE(twice.exitCode, 1);
        QVERIFY(twice.err.contains("give the normalizations once"));
    }

    // An experiment file runs the same comparison again: same runs, same losses (same seed).
    void anExperimentFileRunsTheSameComparisonAgain() {
        const QString experiment = m_dir.filePath(QStringLiteral("exp.json"));
        const QString first = m_dir.filePath(QStringLiteral("first.json")),
                      again = m_dir.filePath(QStringLiteral("again.json"));
        const Result saved = runCli(
            small() << QStringLiteral("--epochs") << QStringLiteral("1") << QStringLiteral("--vary")
                    << QStringLiteral("lr=0.01,0.001") << QStringLiteral("--compare") << QStringLiteral("none,zscore")
                    << QStringLiteral("--save-experiment") << experiment << QStringLiteral("--out") << first);
        QVERIFY2(saved.exitCode == 0, saved.err.constData());
        const Result rerun = runCli({QStringLiteral("train"), QStringLiteral("--experiment"), experiment,
                                     QStringLiteral("--threads"), QStringLiteral("2"), QStringLiteral("--out"), again});
        QVERIFY2(rerun.exitCode == 0, rerun.err.constData());
        const auto runsOf = [](const QString& path) {
            QFile f(path);
            return f.open(QIODevice::ReadOnly) ? QJsonDocument::fromJson(f.readAll()).object() : QJsonObject();
        };
        const QJsonObject a = runsOf(first), b = runsOf(again);
        const QJsonArray runsA = a[QStringLiteral("runs")].toArray(), runsB = b[QStringLiteral("runs")].toArray();
        QCOMPARE(runsA.size(), 4);
        QCOMPARE(runsB.size(), 4);
        for (int i = 0; i < 4; ++i) {
            const QJsonObject ea = runsA[i].toObject()[QStringLiteral("epochs")].toArray()[0].toObject();
            const QJsonObject eb = runsB[i].toObject()[QStringLiteral("epochs")].toArray()[0].toObject();
            QCOMPARE(runsB[i].toObject()[QStringLiteral("name")], runsA[i].toObject()[QStringLiteral("name")]);
            QCOMPARE(eb[QStringLiteral("test_loss")], ea[QStringLiteral("test_loss")]);
        }
        QCOMPARE(b[QStringLiteral("experiment")], a[QStringLiteral("experiment")]); // results name their experiment
    }

    void badArgumentsGetOneLine() {
        for (const QStringList& extra : {QStringList{QStringLiteral("--compare"), QStringLiteral("none,zscor")},
                                         QStringList{QStringLiteral("--lr"), QStringLiteral("0")},
                                         QStringList{QStringLiteral("--normalize"), QStringLiteral("none"),
                                                     QStringLiteral("--compare"), QStringLiteral("zscore")},
                                         QStringList{QStringLiteral("--preset"), QStringLiteral("classroom")},
                                         QStringList{QStringLiteral("--vary"), QStringLiteral("dataset=mnist")},
                                         QStringList{QStringLiteral("--vary"), QStringLiteral("lr=fast")}}) {
            const Result r = runCli(small() << extra);
            QCOMPARE(r.exitCode, 1);
            QCOMPARE(r.err.count('\n'), 1);
            QVERIFY(r.err.startsWith("normlab-cli: error: "));
        }
    }
};

QTEST_GUILESS_MAIN(TestCliTrain)
#include "tst_clitrain.moc"
