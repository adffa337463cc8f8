// BandPlot: the mean line and the min–max band over runs, computed from the runs it is given.
#include <QtTest>

#include "ui/plots/bandplot.h"

using namespace normlab;

class TestBandPlot : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void meanLineAndMinMaxBand() {
        BandPlot plot(QStringLiteral("epoch"), QStringLiteral("accuracy"));
        plot.addSeries(
            {QStringLiteral("zscore"), Qt::red, Qt::SolidLine, {1, 2}, {{0.5, 0.8}, {0.7, 0.9}, {0.6, 1.0}}});
        QCOMPARE(plot.graphCount(), 3); // lower edge, upper edge (filled down to the lower), mean
        const QCPGraph* lower = plot.graph(0);
        const QCPGraph* upper = plot.graph(1);
        const QCPGraph* mean = plot.graph(2);
        QCOMPARE(lower->data()->at(0)->value, 0.5);
        QCOMPARE(upper->data()->at(0)->value, 0.7);
        QCOMPARE(lower->data()->at(1)->value, 0.8);
        QCOMPARE(upper->data()->at(1)->value, 1.0);
        QCOMPARE(mean->data()->at(0)->value, 0.6);
        QCOMPARE(mean->data()->at(1)->value, 0.9);
        QCOMPARE(upper->channelFillGraph(), lower);
        QCOMPARE(plot.legend->itemCount(), 1); // only the mean line is named
        QCOMPARE(mean->name(), QStringLiteral("zscore (3 seeds)"));
    }
    void fitKeepsEveryPointInside() {
        BandPlot plot(QStringLiteral("epoch"), QStringLiteral("loss"));
        plot.addSeries({QStringLiteral("none"), Qt::blue, Qt::DashLine, {1, 2, 3}, {{2.0, 1.0, 0.5}, {2.2, 0.9, 0.4}}});
        plot.fit();
        QVERIFY(plot.yAxis->range().lower < 0.4 && plot.yAxis->range().upper > 2.2);
        QVERIFY(plot.xAxis->range().lower < 1 && plot.xAxis->range().upper > 3);
    }
};

QTEST_MAIN(TestBandPlot)
#include "tst_bandplot.moc"
