// Results files: the CSV has the lesson's columns, the JSON round-trips, bad files are refused.
#include <QtTest>

#include "core/common/error.h"
#include "core/train/experiment/resultsexport.h"

using namespace normlab;

namespace {

std::vector<RunResult> sampleRuns() {
    std::vector<RunResult> runs(2);
    for (int r = 0; r < 2; ++r) {
        runs[r].run = r;
        runs[r].config.normalization = r == 0 ? Method::None : Method::ZScore;
        runs[r].name = methodName(runs[r].config.normalization);
        runs[r].device = "cpu";
        runs[r].status = r == 0 ? RunStatus::Finished : RunStatus::Diverged;
        runs[r].message = r == 0 ? "" : "loss became nan";
        for (int e = 1; e <= 3; ++e)
            runs[r].epochs.push_back({r, e, 1.0 / e, 0.5 + 0.1 * e, 1.1 / e, 0.4 + 0.1 * e, 0.25, 0.25 * e});
        runs[r].steps = {{r, 0.5, 2.0}, {r, 1.0, 1.5}};
    }
    return runs;
}

} // namespace

class TestResultsExport : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void csvCarriesEveryColumn() {
        const QString csv = QString::fromStdString(resultsToCsv(sampleRuns()));
        const QStringList lines = csv.trimmed().split(QLatin1Char('\n'));
        QCOMPARE(lines.size(), 1 + 2 * 3);
        QCOMPARE(lines[0], QStringLiteral("run,epoch,loss,accuracy,epoch duration,run duration,lr,batch_size,device,"
                                          "normalization,test_loss,test_accuracy"));
        const QStringList row = lines[6].split(QLatin1Char(','));
        QCOMPARE(row.size(), 12);
        QCOMPARE(row[0], QStringLiteral("1"));
        QCOMPARE(row[1], QStringLiteral("3"));
        QCOMPARE(row[8], QStringLiteral("cpu"));
        QCOMPARE(row[9], QStringLiteral("zscore"));
        QCOMPARE(row[10].toDouble(), 1.1 / 3);
        QCOMPARE(row[4], QStringLiteral("0.25")); // epoch duration, shortest text
    }
    void csvNumbersAreShortestAndExact() {
        std::vector<RunResult> runs(1);
        runs[0].device = "cpu";
        runs[0].config.lr = 0.001;
        runs[0].epochs.push_back({0, 1, 0.3157, 0.31569999999999998, 0.1 + 0.2, 1.0 / 3, 2.5, 2.5});
        const QStringList row = QString::fromStdString(resultsToCsv(runs)).trimmed().split(u'\n')[1].split(u',');
        QCOMPARE(row[2], QStringLiteral("0.3157"));
        QCOMPARE(row[3], QStringLiteral("0.3157")); // the same double, written as people wrote it
        QCOMPARE(row[6], QStringLiteral("0.001"));
        QCOMPARE(row[10], QStringLiteral("0.30000000000000004")); // 0.1 + 0.2 is not 0.3, and stays so
        QCOMPARE(row[11].toDouble(), 1.0 / 3);                    // reads back exactly
    }
    void jsonRoundTrips() {
        const auto runs = sampleRuns();
        const auto back = resultsFromJson(resultsToJson(runs), "r.json");
        QCOMPARE(back.size(), runs.size());
        QCOMPARE(back[1].status, RunStatus::Diverged);
        QCOMPARE(back[1].message, std::string("loss became nan"));
        QCOMPARE(back[1].config.normalization, Method::ZScore);
        QCOMPARE(back[0].epochs.size(), std::size_t{3});
        QCOMPARE(back[0].epochs[2].testAccuracy, runs[0].epochs[2].testAccuracy);
        QCOMPARE(back[0].steps.size(), std::size_t{2});
        QCOMPARE(back[0].steps[1].loss, 1.5);
    }
    void jsonLines() {
        const auto runs = sampleRuns();
        const std::string line = epochJsonLine(runs[0], runs[0].epochs[1]);
        QCOMPARE(std::count(line.begin(), line.end(), '\n'), 1);
        QVERIFY(line.find("\"type\":\"epoch\"") != std::string::npos);
        QVERIFY(runJsonLine(runs[1]).find("\"status\":\"diverged\"") != std::string::npos);
    }
    void badFilesAreRefusedWithTheirName() {
        for (const char* text : {"", "{", "[]", "{\"format\":\"other\"}", "{\"format\":\"normlab-results/1\"}",
                                 "{\"format\":\"normlab-results/1\",\"runs\":[{\"run\":\"x\"}]}",
                                 // Found by fuzz_results_json: a number overflow is not a parse_error.
                                 "777E11111111111111"}) {
            try {
                resultsFromJson(text, "saved.json");
                QFAIL(text);
            } catch (const Error& e) {
                QVERIFY2(std::string(e.what()).rfind("saved.json: ", 0) == 0, e.what());
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestResultsExport)
#include "tst_resultsexport.moc"
