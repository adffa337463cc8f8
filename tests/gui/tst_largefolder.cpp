// The explorer on an image folder of 100,000 images: it is browsable as soon as it is listed (the
// statistics stream behind it), thumbnails decode on a worker into a bounded cache, and scrolling
// to the end holds the cache's budget, not the folder: decoded whole the folder is 307 MB.
#include <filesystem>

#include <QAction>
#include <QComboBox>
#include <QElapsedTimer>
#include <QFile>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTimer>
#include <QtTest>

#include "tests/support/testdata.h"
#include "ui/jobs/statsjob.h"
#include "ui/mainwindow.h"
#include "ui/models/imagelistmodel.h"
#include "ui/widgets/filedialog.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/widgets/messagebanner.h"

using namespace normlab;
namespace fs = std::filesystem;

namespace {

constexpr int kClasses = 10, kDistinct = 100, kPerClass = 10000; // 100,000 images
constexpr int kSide = 32;
constexpr qsizetype kCacheBytes = qsizetype{32} << 20;
// What the explorer may add while it opens and scrolls the folder: the cache, the statistics'
// counts, the index of 100,000 paths, the view's layout. The folder decoded whole is 307 MB.
constexpr qint64 kGrowthBound = qint64{150} << 20;

// The process's resident memory now (VmRSS), in bytes.
qint64 residentBytes() {
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray& line : status.readAll().split('\n'))
        if (line.startsWith("VmRSS:")) return line.mid(6).trimmed().split(' ').first().toLongLong() * 1024;
    return 0;
}

// The value each pixel of class k's image j has (R, G, B), so a thumbnail can be checked.
QColor colourOf(int k, int j) {
    return QColor(20 * k, 2 * j, 255 - 2 * j);
}

// 100 distinct 32x32 PPMs per class, each hard-linked 99 more times: 100,000 entries that cost a
// directory entry each, not 100,000 files' blocks.
void writeFolder(const fs::path& root) {
    for (int k = 0; k < kClasses; ++k) {
        const fs::path dir = root / "train" / ("class" + std::to_string(k));
        fs::create_directories(dir);
        for (int j = 0; j < kDistinct; ++j) {
            const std::string header = "P6\n32 32\n255\n";
            std::vector<std::uint8_t> bytes(header.begin(), header.end());
            const QColor c = colourOf(k, j);
            for (int p = 0; p < kSide * kSide; ++p)
                bytes.insert(bytes.end(), {std::uint8_t(c.red()), std::uint8_t(c.green()), std::uint8_t(c.blue())});
            char name[32];
            std::snprintf(name, sizeof name, "a%03d.ppm", j);
            test::writeBytes(dir / name, bytes);
        }
        for (int n = 0; n < kPerClass - kDistinct; ++n) {
            char name[32], target[32];
            std::snprintf(name, sizeof name, "b%05d.ppm", n);
            std::snprintf(target, sizeof target, "a%03d.ppm", n % kDistinct);
            fs::create_hard_link(dir / target, dir / name);
        }
    }
}

} // namespace

class TestLargeFolder : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        QSettings().clear();
        QVERIFY(m_dir.isValid());
        QElapsedTimer made;
        made.start();
        writeFolder(m_dir.path().toStdString());
        qInfo("wrote 100,000 image entries in %.1f s", made.elapsed() / 1000.0);
    }

    void browsesWhileCountingAndScrollsWithinTheCache() {
        // As `normlab FOLDER` opens it: the window's own memory counts too.
        QSettings().setValue(QStringLiteral("view/thumbnailCacheMB"), int(kCacheBytes >> 20));
        const qint64 baseline = residentBytes();
        qint64 highest = baseline;
        QTimer sampler; // resident memory while the folder is opened, counted and scrolled
        connect(&sampler, &QTimer::timeout, [&] { highest = std::max(highest, residentBytes()); });
        sampler.start(20);
        QElapsedTimer clock;
        clock.start();
        DatasetRequest request;
        request.dataset = m_dir.path().toStdString();
        MainWindow window(request);
        window.show();
        QSignalSpy indexed(window.statsJob(), &StatsJob::indexed);
        QSignalSpy finished(window.statsJob(), &StatsJob::finished);
        ImageListModel* model = window.browser()->model();
        QCOMPARE(model->cacheBytes(), kCacheBytes); // the setting
        auto* grid = window.findChild<QListView*>(QStringLiteral("imageGrid"));
        auto* sort = window.findChild<QComboBox*>(QStringLiteral("sortCombo"));
        auto* orders = qobject_cast<QStandardItemModel*>(sort->model());
        QVERIFY(indexed.wait(30000));
        const qint64 listedMs = clock.elapsed();
        QCOMPARE(model->rowCount(), kClasses * kPerClass);
        QVERIFY(!orders->item(1)->isEnabled()); // by mean: once the statistics are counted
        QVERIFY(window.banner()->isVisibleTo(&window)); // what the greyed pages wait for
        QVERIFY2(window.banner()->text().contains(QStringLiteral("counts the statistics of 100,000 images")),
                 qPrintable(window.banner()->text()));
        const auto thumbnail = [&](int row) { return model->index(row).data(Qt::DecorationRole).value<QImage>(); };
        QTRY_VERIFY_WITH_TIMEOUT(!thumbnail(0).isNull(), 20000);
        const qint64 firstThumbnailMs = clock.elapsed();
        QVERIFY2(finished.isEmpty(), "the first thumbnail waited for the statistics");
        QCOMPARE(thumbnail(0).pixelColor(5, 5), colourOf(0, 0));

        QVERIFY(finished.wait(120000));
        const qint64 countedMs = clock.elapsed();
        QVERIFY(window.current()->statsReady);
        QCOMPARE(window.current()->stats[0].count, std::uint64_t(kClasses * kPerClass));
        QVERIFY(orders->item(1)->isEnabled());
        QVERIFY(!window.banner()->isVisibleTo(&window));

        // Page through the grid to its end, as a class would hold Page Down.
        QScrollBar* bar = grid->verticalScrollBar();
        const int pages = 40;
        for (int p = 1; p <= pages; ++p) {
            bar->setValue(bar->maximum() * p / pages);
            QTest::qWait(5);
        }
        const int last = model->rowCount() - 1;
        grid->scrollTo(model->index(last));
        QTRY_VERIFY_WITH_TIMEOUT(!thumbnail(last).isNull(), 20000);
        const int lastImage = model->imageIndexAt(last);
        QCOMPARE(thumbnail(last).pixelColor(5, 5),
                 colourOf(lastImage / kPerClass, (lastImage % kPerClass - kDistinct) % kDistinct));
        sampler.stop();
        highest = std::max(highest, residentBytes());

        QVERIFY(model->decodedCount() > 0);
        QVERIFY(model->cachedBytes() <= model->cacheBytes());
        qInfo("100,000 images: listed %lld ms, first thumbnail %lld ms, statistics %lld ms; %lld thumbnails "
              "decoded, cache %lld KB; resident memory grew %lld MB",
              listedMs, firstThumbnailMs, countedMs, qlonglong(model->decodedCount()),
              qlonglong(model->cachedBytes() >> 10), (highest - baseline) >> 20);
        QVERIFY2(highest - baseline < kGrowthBound,
                 qPrintable(QStringLiteral("resident memory grew %1 MB").arg((highest - baseline) >> 20)));
    }

    void cancellingTheCountGoesBackToTheDataSetShown() {
        DatasetRequest digits; // no --limit: it would apply to the folder too
        digits.dataset = "synthetic";
        MainWindow window(digits);
        QSignalSpy indexed(window.statsJob(), &StatsJob::indexed);
        QSignalSpy finished(window.statsJob(), &StatsJob::finished);
        QSignalSpy cancelled(window.statsJob(), &StatsJob::cancelled);
        QVERIFY(finished.wait(30000));
        const std::string shown = window.current()->datasetId;
        FileDialog::instance()->setNextFileName(m_dir.path());
        window.findChild<QAction*>(QStringLiteral("openFolderAction"))->trigger();
        QVERIFY(indexed.wait(30000));
        QCOMPARE(window.browser()->model()->rowCount(), kClasses * kPerClass);
        window.findChild<QPushButton*>(QStringLiteral("cancelButton"))->click();
        QVERIFY(cancelled.wait(30000));
        QCOMPARE(window.current()->datasetId, shown);
        QVERIFY(window.current()->statsReady);
        QCOMPARE(window.browser()->model()->rowCount(), static_cast<int>(window.current()->images[0]->count()));
    }

private:
    QTemporaryDir m_dir;
};

QTEST_MAIN(TestLargeFolder)
#include "tst_largefolder.moc"
