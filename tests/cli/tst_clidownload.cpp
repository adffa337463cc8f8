// normlab-cli download against a local mirror, exactly as against the real hosts.
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include "core/common/digest.h"
#include "core/common/filebytes.h"
#include "tests/support/mirrorserver.h"
#include "tests/support/testdata.h"

using namespace normlab;

class TestCliDownload : public QObject {
    Q_OBJECT

    QTemporaryDir m_served, m_data;
    std::unique_ptr<test::MirrorServer> m_server;
    QString m_md5File;

    QProcess* run(const QStringList& extra) {
        auto* p = new QProcess(this);
        p->start(qEnvironmentVariable("NORMLAB_CLI"),
                 QStringList{QStringLiteral("download"), QStringLiteral("--dataset"), QStringLiteral("mnist"),
                             QStringLiteral("--data-dir"), m_data.path(), QStringLiteral("--md5-file"), m_md5File,
                             QStringLiteral("--timeout"), QStringLiteral("3"), QStringLiteral("--no-default-mirrors")} +
                     extra);
        p->waitForFinished(60000);
        return p;
    }

private Q_SLOTS:
    void initTestCase() {
        const std::filesystem::path served = m_served.path().toStdString();
        test::writeIdxDataset(served, test::randomImageSet(100, 10, 1, 1, 28, 28),
                              test::randomImageSet(30, 10, 2, 1, 28, 28), true);
        m_md5File = m_served.filePath(QStringLiteral("checksums.md5"));
        QFile sums(m_md5File);
        QVERIFY(sums.open(QIODevice::WriteOnly));
        for (const char* name : {"train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
                                 "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"})
            sums.write(QByteArray::fromStdString(md5Hex(readFileBytes(served / name)) + "  " + name + "\n"));
        sums.close();
        m_server = std::make_unique<test::MirrorServer>(m_served.path());
        QVERIFY(m_server->started());
    }

    void downloadsThenStatsReadsIt() {
        QProcess* p = run({QStringLiteral("--mirror"), m_server->url(QStringLiteral("corrupt")),
                           QStringLiteral("--mirror"), m_server->url(QStringLiteral("good"))});
        const QByteArray out = p->readAllStandardOutput(), err = p->readAllStandardError();
        QVERIFY2(p->exitCode() == 0, err.constData());
        QVERIFY(err.contains("checksum mismatch"));
        QVERIFY(out.contains("MNIST is ready in"));
        QVERIFY(QFile::exists(m_data.filePath(QStringLiteral("mnist/normlab-manifest.json"))));
        QProcess stats;
        stats.start(qEnvironmentVariable("NORMLAB_CLI"),
                    {QStringLiteral("stats"), QStringLiteral("--dataset"), QStringLiteral("mnist"),
                     QStringLiteral("--data-dir"), m_data.path(), QStringLiteral("--format"), QStringLiteral("csv")});
        stats.waitForFinished(60000);
        QCOMPARE(stats.exitCode(), 0);
        QVERIFY(stats.readAllStandardOutput().contains("all,,mnist train,none,0,100,"));
        // A second run finds everything present and valid.
        QProcess* again = run({QStringLiteral("--mirror"), m_server->url(QStringLiteral("404"))});
        QCOMPARE(again->exitCode(), 0);
        QVERIFY(again->readAllStandardOutput().contains("already present, checksum ok"));
    }
    void failureIsOneErrorLineAndLeavesNothing() {
        QTemporaryDir empty;
        QProcess p;
        p.start(qEnvironmentVariable("NORMLAB_CLI"),
                {QStringLiteral("download"), QStringLiteral("--dataset"), QStringLiteral("fashion-mnist"),
                 QStringLiteral("--data-dir"), empty.path(), QStringLiteral("--mirror"),
                 m_server->url(QStringLiteral("404")), QStringLiteral("--timeout"), QStringLiteral("2"),
                 QStringLiteral("--no-default-mirrors")});
        QVERIFY(p.waitForFinished(120000));
        QCOMPARE(p.exitCode(), 1);
        const QList<QByteArray> lines = p.readAllStandardError().trimmed().split('\n');
        QVERIFY2(lines.last().startsWith("normlab-cli: error: train-images-idx3-ubyte.gz: every mirror failed"),
                 lines.last().constData());
        for (const auto& name : test::filesIn(empty.path().toStdString()))
            QVERIFY2(name.find("ubyte") == std::string::npos, name.c_str());
    }
    void unknownDatasetRejected() {
        QProcess p;
        p.start(qEnvironmentVariable("NORMLAB_CLI"),
                {QStringLiteral("download"), QStringLiteral("--dataset"), QStringLiteral("imagenet")});
        p.waitForFinished(10000);
        QCOMPARE(p.exitCode(), 1);
        QVERIFY(p.readAllStandardError().contains(
            "unknown data set 'imagenet' (expected one of mnist, fashion-mnist, kmnist"));
    }
};

QTEST_GUILESS_MAIN(TestCliDownload)
#include "tst_clidownload.moc"
