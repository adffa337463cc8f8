// The main window on the offscreen platform: stats arrive from the worker and match the core,
// switching split reloads, a run can be cancelled, and closing mid-run is clean.
#include <chrono>

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QtTest>

#include "core/data/datasetopener.h"
#include "core/stats/statsengine.h"
#include "ui/mainwindow.h"
#include "ui/statsjob.h"
#include "ui/statssummarytable.h"

using namespace normlab;

namespace {

DatasetRequest smallSynthetic() {
    DatasetRequest r;
    r.dataset = "synthetic";
    r.limit = 3000;
    return r;
}

double cell(QTableWidget* table, Method method, int column) {
    return table->item(static_cast<int>(method), column)->data(Qt::UserRole).toDouble();
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void showsStatsComputedByTheCore() {
        MainWindow window(smallSynthetic());
        QSignalSpy done(window.statsJob(), &StatsJob::finished);
        QVERIFY(done.wait(20000));
        auto* summary = window.findChild<QLabel*>(QStringLiteral("datasetSummary"));
        QVERIFY2(summary->text().contains(QStringLiteral("3,000")), qPrintable(summary->text()));
        auto* table = window.findChild<StatsSummaryTable*>(QStringLiteral("statsSummaryTable"));
        const SplitStats expected = computeStats(openSplit(smallSynthetic(), "train"));
        for (auto m : kAllMethods) {
            QCOMPARE(cell(table, m, 0), expected.method(m).channels[0].mean);
            QCOMPARE(cell(table, m, 1), expected.method(m).channels[0].std);
        }
        auto* line = window.findChild<QLineEdit*>(QStringLiteral("torchvisionLine"));
        QVERIFY(line->text().startsWith(QStringLiteral("transforms.Normalize((0.1")));
    }

    void switchingSplitReloads() {
        MainWindow window(smallSynthetic());
        QSignalSpy done(window.statsJob(), &StatsJob::finished);
        QVERIFY(done.wait(20000));
        auto* split = window.findChild<QComboBox*>(QStringLiteral("splitCombo"));
        split->setCurrentIndex(split->findData(QStringLiteral("test")));
        QTRY_VERIFY_WITH_TIMEOUT(window.current() && window.current()->stats.split == "test", 20000);
        // The test split's zscore uses the train split's parameters, so it is not exactly 0/1.
        QVERIFY(std::abs(window.current()->stats.method(Method::ZScore).channels[0].mean) > 1e-6);
    }

    void aRunCanBeCancelled() {
        DatasetRequest full;
        full.dataset = "synthetic"; // 60,000 images: long enough to cancel mid-way
        MainWindow window(full);
        QSignalSpy cancelled(window.statsJob(), &StatsJob::cancelled);
        window.statsJob()->cancel();
        QVERIFY(cancelled.wait(5000));
        QVERIFY(!window.current());
    }

    void closingMidRunIsCleanAndFast() {
        DatasetRequest full;
        full.dataset = "synthetic";
        auto* window = new MainWindow(full);
        window->show();
        QTest::qWait(50);
        const auto start = std::chrono::steady_clock::now();
        window->close();
        delete window;
        const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
        qInfo("window closed %lld ms after the request, mid-computation", static_cast<long long>(ms.count()));
        QVERIFY(ms.count() < 1000);
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
