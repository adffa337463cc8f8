// normlab-cli train --export-python as a user runs it: the script trains the same experiment with
// Debian's python3-torch (every network, both normalizations, two seeds) and writes the same table as
// NormLab's --csv, from the same initial weights, with the constants `stats` reports. Skipped, saying
// so, where python3-torch is not installed; CI installs it.
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QtTest>

#include "tests/support/testdata.h"

namespace {

struct Result {
    int exitCode = -1;
    QByteArray out, err;
};

// One CPU thread for LibTorch, NormLab's and Python's alike: these networks are too small to gain
// from more, and OpenMP threads waiting at barriers slow down tenfold when another process holds a
// core (a build beside the tests).
Result run(const QString& program, const QStringList& args) {
    QProcess p;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("OMP_NUM_THREADS"), QStringLiteral("1"));
    p.setProcessEnvironment(env);
    p.start(program, args);
    p.waitForFinished(300000);
    return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(),
            p.readAllStandardError()};
}

Result runCli(const QStringList& args) {
    return run(qEnvironmentVariable("NORMLAB_CLI"), args);
}

QByteArray readAll(const QString& path) {
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

QList<QByteArray> csvRows(const QString& path) {
    return readAll(path).trimmed().split('\n');
}

// The value a "NAME = (v,)" line of the script assigns, as a double.
double assignedNumber(const QByteArray& script, const char* name) {
    const QRegularExpression line(QStringLiteral("\n%1 = \\(([^,)]+),\\)").arg(QLatin1String(name)));
    return line.match(QString::fromUtf8(script)).captured(1).toDouble();
}

// The lesson's columns that say what ran (not what it measured): run, epoch, lr, batch_size, device,
// normalization, and the model and seed columns this grid adds.
QList<QByteArray> settings(const QByteArray& row) {
    const QList<QByteArray> f = row.split(',');
    return {f.value(0), f.value(1), f.value(6), f.value(7), f.value(8), f.value(9), f.value(12), f.value(13)};
}

} // namespace

class TestCliPyExport : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QString m_data;

    QString file(const char* name) const { return m_dir.filePath(QString::fromLatin1(name)); }

private Q_SLOTS:
    void initTestCase() {
        QVERIFY(m_dir.isValid());
        m_data = file("idx");
        normlab::test::writeIdxDataset(m_data.toStdString(), normlab::test::randomImageSet(120, 10, 1, 1, 28, 28),
                                       normlab::test::randomImageSet(60, 10, 2, 1, 28, 28), false);
    }

    void theScriptTrainsTheSameExperiment() {
        const QString script = file("experiment.py");
        const Result normlab = runCli({QStringLiteral("train"),
                                       QStringLiteral("--dataset"),
                                       m_data,
                                       QStringLiteral("--compare"),
                                       QStringLiteral("none,zscore"),
                                       QStringLiteral("--vary"),
                                       QStringLiteral("model=lesson-cnn,lesson-cnn-bn,lenet5,cifar-cnn,mlp"),
                                       QStringLiteral("--seeds"),
                                       QStringLiteral("2"),
                                       QStringLiteral("--epochs"),
                                       QStringLiteral("1"),
                                       QStringLiteral("--batch-size"),
                                       QStringLiteral("40"),
                                       QStringLiteral("--device"),
                                       QStringLiteral("cpu"),
                                       QStringLiteral("--threads"),
                                       QStringLiteral("1"),
                                       QStringLiteral("--export-python"),
                                       script,
                                       QStringLiteral("--out"),
                                       file("normlab.json"),
                                       QStringLiteral("--csv"),
                                       file("normlab.csv")});
        QVERIFY2(normlab.exitCode == 0, normlab.err.constData());
        const QByteArray text = readAll(script);
        QVERIFY(text.startsWith("#!/usr/bin/env python3\n# NormLab's experiment as a standalone PyTorch script: 20 "
                                "runs of lesson-cnn, lesson-cnn-bn, lenet5, cifar-cnn, mlp on custom"));

        // The constants are `stats`' zscore parameters of the train split, to the last bit.
        const Result stats = runCli({QStringLiteral("stats"), QStringLiteral("--dataset"), m_data});
        QVERIFY2(stats.exitCode == 0, stats.err.constData());
        const QJsonObject zscore = QJsonDocument::fromJson(stats.out)
                                       .object()[QStringLiteral("normalizations")]
                                       .toObject()[QStringLiteral("zscore")]
                                       .toObject()[QStringLiteral("params")]
                                       .toObject();
        const double mean = zscore[QStringLiteral("mean")].toArray()[0].toDouble();
        const double std = zscore[QStringLiteral("std")].toArray()[0].toDouble();
        QVERIFY(mean > 0.1 && std > 0.1);
        QVERIFY2(assignedNumber(text, "ZSCORE_MEAN") == mean, qPrintable(QString::number(mean, 'g', 17)));
        QVERIFY2(assignedNumber(text, "ZSCORE_STD") == std, qPrintable(QString::number(std, 'g', 17)));

        const QString python = normlab::test::pythonWith({QStringLiteral("torch"), QStringLiteral("torchvision")});
        if (python.isEmpty())
            QSKIP("no python3 with torch and torchvision: install python3-torch python3-torchvision "
                  "(scripts/install-deps does) to run the exported script");
        const Result py = run(python, {script, QStringLiteral("--csv"), file("python.csv"), QStringLiteral("--device"),
                                       QStringLiteral("cpu")});
        QVERIFY2(py.exitCode == 0, py.err.constData());

        // The same table: header, rows, and what each row says ran.
        const QList<QByteArray> mine = csvRows(file("normlab.csv")), theirs = csvRows(file("python.csv"));
        QCOMPARE(theirs.size(), 1 + 20); // 5 networks x 2 normalizations x 2 seeds, one epoch each
        QCOMPARE(theirs[0], mine[0]);
        QCOMPARE(theirs[0], QByteArray("run,epoch,loss,accuracy,epoch duration,run duration,lr,batch_size,device,"
                                       "normalization,test_loss,test_accuracy,model,seed"));
        for (int i = 1; i <= 20; ++i) {
            QCOMPARE(settings(theirs[i]), settings(mine[i]));
            QCOMPARE(theirs[i].count(','), 13);
        }
        QCOMPARE(settings(theirs[20]), (QList<QByteArray>{"19", "1", "0.01", "40", "cpu", "zscore", "mlp", "2"}));

        // Every run starts from NormLab's own initial weights (same networks, same seeds) and sees the
        // same batches, so the first epoch's test loss agrees closely.
        const QJsonArray runs =
            QJsonDocument::fromJson(readAll(file("normlab.json"))).object()[QStringLiteral("runs")].toArray();
        const QRegularExpression started(QStringLiteral("run (\\d+)/20: (.+) on cpu \\(initial weight sum (\\S+)\\)"));
        int checked = 0;
        for (auto it = started.globalMatch(QString::fromUtf8(py.out)); it.hasNext(); ++checked) {
            const auto m = it.next();
            const QJsonObject r = runs[m.captured(1).toInt() - 1].toObject();
            QCOMPARE(m.captured(2), r[QStringLiteral("name")].toString());
            const double sum = m.captured(3).toDouble(), want = r[QStringLiteral("initial_weight_sum")].toDouble();
            // Equal weights, summed in float32 by kernels that may add in another order: a few ulps apart.
            QVERIFY2(std::abs(sum - want) <= 1e-6 * std::max(1.0, std::abs(want)),
                     qPrintable(m.captured(2) +
                                QStringLiteral(": %1 vs NormLab's %2").arg(sum, 0, 'g', 17).arg(want, 0, 'g', 17)));
            const double testLoss = theirs[checked + 1].split(',')[10].toDouble();
            const double normlabLoss = mine[checked + 1].split(',')[10].toDouble();
            QVERIFY2(std::abs(testLoss - normlabLoss) <= 1e-3 * normlabLoss,
                     qPrintable(m.captured(2) +
                                QStringLiteral(": test loss %1 vs NormLab's %2").arg(testLoss).arg(normlabLoss)));
        }
        QCOMPARE(checked, 20);
    }

    // The built-in digits exist only inside NormLab: one line says so, nothing is written or trained.
    void theSyntheticDigitsAreRefusedBeforeTraining() {
        const QString script = file("synthetic.py");
        const Result r =
            runCli({QStringLiteral("train"), QStringLiteral("--dataset"), QStringLiteral("synthetic"),
                    QStringLiteral("--limit"), QStringLiteral("100"), QStringLiteral("--epochs"), QStringLiteral("1"),
                    QStringLiteral("--device"), QStringLiteral("cpu"), QStringLiteral("--export-python"), script});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.startsWith("normlab-cli: error: synthetic: the built-in digits exist only inside NormLab"),
                 r.err.constData());
        QVERIFY(!r.out.contains("epoch"));
        QVERIFY(!QFile::exists(script));
    }

    void anUnwritableScriptIsOneLine() {
        const Result r =
            runCli({QStringLiteral("train"), QStringLiteral("--dataset"), m_data, QStringLiteral("--epochs"),
                    QStringLiteral("1"), QStringLiteral("--device"), QStringLiteral("cpu"),
                    QStringLiteral("--export-python"), file("missing/folder/x.py")});
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY2(r.err.contains("missing/folder/x.py") && r.err.contains("cannot write"), r.err.constData());
    }
};

QTEST_GUILESS_MAIN(TestCliPyExport)
#include "tst_clipyexport.moc"
