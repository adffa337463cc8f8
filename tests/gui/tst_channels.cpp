// Every view of a data set with one, three (and, without crashing, two or four) channels, and of
// images of different sizes: the widgets and models driven directly with sets made in the test,
// and a colour IDX folder opened in the main window. Expected values come from the bytes and from
// core's statistics, never from what another view shows.
#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDir>
#include <QImage>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QHeaderView>
#include <QTableView>
#include <QtTest>

#include "core/stats/statsengine.h"
#include "core/export/torchvisionline.h"
#include "tests/support/quickruns.h"
#include "tests/support/testdata.h"
#include "ui/widgets/channelcombo.h"
#include "ui/widgets/constantspanel.h"
#include "ui/widgets/filedialog.h"
#include "ui/plots/histogramplot.h"
#include "ui/widgets/imagebrowser.h"
#include "ui/widgets/imagedelegate.h"
#include "ui/models/imagelistmodel.h"
#include "ui/mainwindow.h"
#include "ui/models/perclassmodel.h"
#include "ui/models/summarymodel.h"
#include "ui/pages/normalizationpage.h"
#include "ui/widgets/pixelimageview.h"
#include "ui/plots/pixelmapplot.h"
#include "ui/widgets/samplestrip.h"
#include "ui/jobs/statsjob.h"
#include "ui/pages/statspage.h"

using namespace normlab;

namespace {

constexpr int kHeight = 6, kWidth = 5;

LoadedDatasetPtr loaded(ImageSet train, ImageSet test) {
    auto d = std::make_shared<LoadedDataset>();
    d->datasetId = "custom";
    test.split = "test";
    d->stats[0] = computeStats(train);
    d->stats[1] = computeStats(test, d->stats[0].params);
    d->images = {heldImages(std::move(train)), heldImages(std::move(test))};
    d->statsReady = true;
    return d;
}

LoadedDatasetPtr colourSet(int channels = 3) {
    return loaded(test::randomImageSet(40, 4, 7, channels, kHeight, kWidth),
                  test::randomImageSet(20, 4, 8, channels, kHeight, kWidth));
}

LoadedDatasetPtr mixedSet() {
    return loaded(test::randomMixedSizeSet(30, 3, 11, 3, 9), test::randomMixedSizeSet(12, 3, 12, 3, 9));
}

std::uint8_t byteAt(const ImageSet& set, std::size_t image, int channel, int x, int y) {
    return set.image(
        image)[channel * set.pixelsPerChannel(image) + static_cast<std::size_t>(y) * set.widthOf(image) + x];
}

QString four(double v) {
    return QString::number(v, 'f', 4);
}

} // namespace

class TestChannels : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;
    QFont m_font;

    std::string colourFolder() {
        const std::filesystem::path folder = m_dir.filePath(QStringLiteral("rgb")).toStdString();
        if (!std::filesystem::exists(folder))
            test::writeIdxDataset(folder, test::randomImageSet(60, 4, 3, 3, 8, 8),
                                  test::randomImageSet(20, 4, 4, 3, 8, 8), false);
        return folder.string();
    }

private Q_SLOTS:
    void initTestCase() {
        QStandardPaths::setTestModeEnabled(true);
        m_font = QApplication::font();
    }
    void init() { QSettings().clear(); }
    void cleanup() { QApplication::setFont(m_font); }

    void thumbnailsShowTheBytesInColour() {
        for (int channels : {1, 2, 3, 4}) {
            const LoadedDatasetPtr data = colourSet(channels);
            ImageListModel model;
            QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
            model.setSplit(data, "train");
            const ImageSet set = test::wholeSplit(*data->images[0]);
            for (int row : {0, 17, 39}) {
                const QImage image = model.index(row).data(Qt::DecorationRole).value<QImage>();
                QCOMPARE(image.size(), QSize(kWidth, kHeight));
                const auto i = static_cast<std::size_t>(model.imageIndexAt(row));
                for (int y = 0; y < kHeight; ++y)
                    for (int x = 0; x < kWidth; ++x) {
                        // RGB from the first three planes; one or two channels: grey from the first.
                        const QRgb expected =
                            channels >= 3
                                ? qRgb(byteAt(set, i, 0, x, y), byteAt(set, i, 1, x, y), byteAt(set, i, 2, x, y))
                                : qRgb(byteAt(set, i, 0, x, y), byteAt(set, i, 0, x, y), byteAt(set, i, 0, x, y));
                        QCOMPARE(image.pixel(x, y), expected);
                    }
            }
        }
    }

    void thumbnailsOfMixedSizesKeepTheirShape() {
        const LoadedDatasetPtr data = mixedSet();
        ImageListModel model;
        model.setSplit(data, "train");
        const ImageSet set = test::wholeSplit(*data->images[0]);
        for (int row = 0; row < model.rowCount(); ++row) {
            const auto i = static_cast<std::size_t>(model.imageIndexAt(row));
            const QImage image = model.index(row).data(Qt::DecorationRole).value<QImage>();
            QCOMPARE(image.size(), QSize(set.widthOf(i), set.heightOf(i)));
            QCOMPARE(image.pixel(set.widthOf(i) - 1, set.heightOf(i) - 1),
                     qRgb(byteAt(set, i, 0, set.widthOf(i) - 1, set.heightOf(i) - 1),
                          byteAt(set, i, 1, set.widthOf(i) - 1, set.heightOf(i) - 1),
                          byteAt(set, i, 2, set.widthOf(i) - 1, set.heightOf(i) - 1)));
        }
        // A wide image fills the cell's width and is centred vertically, not stretched to a square.
        QCOMPARE(ImageDelegate::fitted(QSize(10, 5), QRect(3, 3, 56, 56)), QRect(3, 17, 56, 28));
        QCOMPARE(ImageDelegate::fitted(QSize(2, 8), QRect(0, 0, 56, 56)), QRect(21, 0, 14, 56));
    }

    // The probe names R, G and B with their bytes and their normalized values.
    void probeListsEveryChannel() {
        const LoadedDatasetPtr data = colourSet();
        NormalizationPage page;
        page.setDataset(data, "train");
        page.setMethod(Method::ZScore);
        page.setImage(5);
        auto* before = page.findChild<PixelImageView*>(QStringLiteral("beforeImage"));
        auto* after = page.findChild<PixelImageView*>(QStringLiteral("afterImage"));
        Q_EMIT before->pixelHovered(3, 2);
        const QString text = page.probeText();
        const ImageSet set = test::wholeSplit(*data->images[0]);
        const NormalizationParams& params = data->stats[0].params;
        const QString bytes = QStringLiteral("pixel (3, 2): bytes R %1  G %2  B %3 → zscore ")
                                  .arg(byteAt(set, 5, 0, 3, 2))
                                  .arg(byteAt(set, 5, 1, 3, 2))
                                  .arg(byteAt(set, 5, 2, 3, 2));
        QVERIFY2(text.startsWith(bytes), qPrintable(text));
        const QRegularExpressionMatch values =
            QRegularExpression(QStringLiteral("→ zscore R (\\S+)  G (\\S+)  B (\\S+)$")).match(text);
        QVERIFY2(values.hasMatch(), qPrintable(text));
        for (int c = 0; c < 3; ++c) {
            const double z = (byteAt(set, 5, c, 3, 2) / 255.0 - params.mean[c]) / params.std[c];
            QVERIFY2(std::abs(values.captured(c + 1).toDouble() - z) < 1e-4 * std::max(1.0, std::abs(z)),
                     qPrintable(text));
        }
        // Before is the bytes in colour; after is RGB over one fixed range, and says so.
        QCOMPARE(before->image().pixel(3, 2),
                 qRgb(byteAt(set, 5, 0, 3, 2), byteAt(set, 5, 1, 3, 2), byteAt(set, 5, 2, 3, 2)));
        QVERIFY2(after->legend().startsWith(QStringLiteral("RGB, each channel ")), qPrintable(after->legend()));
        QVERIFY(!after->image().isNull());

        // One channel keeps the grey readout.
        NormalizationPage grey;
        grey.setDataset(colourSet(1), "train");
        Q_EMIT grey.findChild<PixelImageView*>(QStringLiteral("beforeImage"))->pixelHovered(1, 1);
        QVERIFY2(
            grey.probeText().contains(QRegularExpression(QStringLiteral("^pixel \\(1, 1\\): byte \\d+ → zscore "))),
            qPrintable(grey.probeText()));
    }

    void histogramsHaveOneSeriesPerChannel() {
        const LoadedDatasetPtr data = colourSet();
        NormalizationPage page;
        page.setDataset(data, "train");
        page.setMethod(Method::ZScore);
        const SplitStats& stats = data->stats[0];
        const auto& series = page.histogram()->series();
        QCOMPARE(series.size(), std::size_t(6)); // before and after of R, G, B
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(series[2 * c].counts, stats.method(Method::None).histograms[c].counts);
            QCOMPARE(series[2 * c + 1].counts, stats.method(Method::ZScore).histograms[c].counts);
            QCOMPARE(series[2 * c + 1].edges, stats.method(Method::ZScore).histograms[c].edges);
        }
        QVERIFY(series[0].color.red() > series[0].color.green()); // R is red
        QVERIFY(series[2].color.green() > series[2].color.red());
        QVERIFY(series[4].color.blue() > series[4].color.red());
        QCOMPARE(page.histogram()->legend->visible(), true);
        // The legend's R/G/B keys sit above the curves, not on them.
        page.histogram()->setViewport(QRect(0, 0, 600, 300)); // laid out as on screen, unshown
        page.histogram()->replot();
        QVERIFY(!page.histogram()->legend->outerRect().intersects(page.histogram()->axisRect()->rect()));
        // In a narrow plot (larger fonts beside the images) the keys wrap onto rows, each whole.
        page.histogram()->resize(260, 300);
        page.histogram()->setLogScale(true); // lays the legend out anew for this width
        page.histogram()->setViewport(QRect(0, 0, 260, 300));
        page.histogram()->replot();
        QVERIFY(page.histogram()->legend->rowCount() >= 2);
        QVERIFY2(page.histogram()->legend->outerRect().right() <= 260,
                 qPrintable(QString::number(page.histogram()->legend->outerRect().right())));

        // The constants panel: one after-histogram per channel.
        ConstantsPanel* panel = page.constantsPanel();
        panel->findChild<QLineEdit*>(QStringLiteral("constantsLine"))
            ->setText(QStringLiteral("Normalize((0.5, 0.5, 0.5), (0.25, 0.25, 0.25))"));
        panel->check();
        QCOMPARE(panel->afterPlot()->series().size(), std::size_t(3));

        // Choosing G shows G alone, in both histograms.
        auto* combo = page.findChild<ChannelCombo*>(QStringLiteral("histogramChannel"));
        QVERIFY(!combo->isHidden());
        combo->setCurrentIndex(combo->findData(1));
        QCOMPARE(page.histogram()->series().size(), std::size_t(2));
        QCOMPARE(page.histogram()->series()[1].counts, stats.method(Method::ZScore).histograms[1].counts);
        QCOMPARE(panel->afterPlot()->series().size(), std::size_t(1));
        QCOMPARE(panel->channel(), 1);
        QVERIFY(panel->afterPlot()->series()[0].name.contains(QLatin1Char('G')));

        // One channel: one after-histogram and no channel to choose.
        NormalizationPage grey;
        grey.setDataset(colourSet(1), "train");
        QCOMPARE(grey.histogram()->series().size(), std::size_t(2)); // before and after
        QVERIFY(grey.findChild<ChannelCombo*>(QStringLiteral("histogramChannel"))->isHidden());
        grey.constantsPanel()
            ->findChild<QLineEdit*>(QStringLiteral("constantsLine"))
            ->setText(QStringLiteral("Normalize((0.5,), (0.25,))"));
        grey.constantsPanel()->check();
        QCOMPARE(grey.constantsPanel()->afterPlot()->series().size(), std::size_t(1));
    }

    // A class chosen for the histogram names the table's rows ("before (x/255), T-shirt/top"): the
    // row header widens at once, not after a relayout ("before (x/255), T").
    void rowHeadersShowAChosenClassWhole() {
        ImageSet train = test::randomImageSet(40, 4, 7, 1, kHeight, kWidth);
        ImageSet test = test::randomImageSet(20, 4, 8, 1, kHeight, kWidth);
        train.classNames[1] = test.classNames[1] = "T-shirt/top, a long class name";
        NormalizationPage page;
        page.resize(900, 600);
        page.show();
        page.setDataset(loaded(std::move(train), std::move(test)), "train");
        QCoreApplication::processEvents();
        auto* classes = page.findChild<QComboBox*>(QStringLiteral("histogramClass"));
        auto* table = page.findChild<QTableView*>(QStringLiteral("beforeAfterTable"));
        QVERIFY(classes && table);
        classes->setCurrentIndex(classes->findData(1));
        QTest::qWait(100); // what a user sees a moment later, without any relayout
        const QString name = table->model()->headerData(0, Qt::Vertical).toString();
        QVERIFY2(name.contains(QStringLiteral("a long class name")), qPrintable(name));
        QVERIFY2(table->verticalHeader()->width() >= table->verticalHeader()->sizeHint().width(),
                 qPrintable(QStringLiteral("%1 < %2").arg(table->verticalHeader()->width())
                                .arg(table->verticalHeader()->sizeHint().width())));
        QVERIFY(table->verticalHeader()->width() > table->fontMetrics().horizontalAdvance(name));
    }

    void tablesShowEveryChannel() {
        const LoadedDatasetPtr data = colourSet();
        const SplitStats& stats = data->stats[0];
        const auto& none = stats.method(Method::None).channels;

        PerClassModel classes;
        QAbstractItemModelTester classTester(&classes, QAbstractItemModelTester::FailureReportingMode::QtTest);
        classes.setStats(stats);
        const auto& cls = stats.perClass[2].methods[static_cast<std::size_t>(Method::None)].channels;
        QCOMPARE(classes.index(2, PerClassModel::MeanColumn).data().toString(),
                 four(cls[0].mean) + QStringLiteral("\n") + four(cls[1].mean) + QStringLiteral("\n") +
                     four(cls[2].mean));
        QCOMPARE(classes.index(2, PerClassModel::StdColumn).data(PerClassModel::ChannelValuesRole).toList().at(2),
                 QVariant(cls[2].std));
        QCOMPARE(classes.headerData(PerClassModel::MeanColumn, Qt::Horizontal).toString(),
                 QStringLiteral("mean\n(x/255)\nR / G / B"));

        NormalizationPage page;
        page.setDataset(data, "train");
        page.setMethod(Method::ZScore);
        const SummaryModel* summary = page.summaryModel();
        QAbstractItemModelTester summaryTester(const_cast<SummaryModel*>(summary),
                                               QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(summary->rowCount(), 6);
        // Each channel's before and after together.
        QCOMPARE(summary->headerData(2, Qt::Vertical).toString(), QStringLiteral("G before (x/255)"));
        QCOMPARE(summary->headerData(3, Qt::Vertical).toString(), QStringLiteral("G after (zscore)"));
        for (int c = 0; c < 3; ++c) {
            QCOMPARE(summary->index(2 * c, SummaryModel::MeanColumn).data(SummaryModel::ValueRole).toDouble(),
                     none[c].mean);
            QCOMPARE(summary->index(2 * c + 1, SummaryModel::StdColumn).data(SummaryModel::ValueRole).toDouble(),
                     stats.method(Method::ZScore).channels[c].std);
            QCOMPARE(summary->index(2 * c + 1, SummaryModel::P99Column).data(SummaryModel::ValueRole).toDouble(),
                     stats.method(Method::ZScore).channels[c].p99);
        }

        StatsPage statsPage;
        statsPage.setDataset(data, "train");
        const QString text = statsPage.summaryText();
        QVERIFY2(text.contains(QStringLiteral("3×6×5")), qPrintable(text));
        QVERIFY2(
            text.contains(
                QStringLiteral("mean %1 / %2 / %3").arg(four(none[0].mean), four(none[1].mean), four(none[2].mean))),
            qPrintable(text));
        QVERIFY2(text.contains(
                     QStringLiteral("std %1 / %2 / %3").arg(four(none[0].std), four(none[1].std), four(none[2].std))),
                 qPrintable(text));
        // The maps show the chosen channel.
        QVERIFY(statsPage.hasPixelMaps());
        statsPage.setMapChannel(2);
        QCOMPARE(statsPage.meanMap()->valueAt(4, 3), stats.pixelMean[2][3 * kWidth + 4]);
    }

    void imagesOfDifferentSizesShowNoPixelMaps() {
        const LoadedDatasetPtr data = mixedSet();
        StatsPage stats;
        stats.resize(1000, 600);
        stats.show();
        stats.setDataset(data, "train");
        QVERIFY(!stats.hasPixelMaps());
        QVERIFY2(stats.pixelMapsText().contains(QStringLiteral("differ in size")), qPrintable(stats.pixelMapsText()));
        QVERIFY2(stats.summaryText().contains(QStringLiteral("sizes differ")), qPrintable(stats.summaryText()));
        QTest::qWait(20); // painted without the maps

        NormalizationPage page;
        page.resize(1000, 600);
        page.show();
        page.setDataset(data, "train");
        auto* before = page.findChild<PixelImageView*>(QStringLiteral("beforeImage"));
        const ImageSet set = test::wholeSplit(*data->images[0]);
        for (auto m : kAllMethods) {
            page.setMethod(m);
            for (std::size_t i = 0; i < set.count; ++i) {
                page.setImage(static_cast<int>(i));
                QCOMPARE(before->image().size(), QSize(set.widthOf(i), set.heightOf(i)));
                Q_EMIT before->pixelHovered(set.widthOf(i) - 1, set.heightOf(i) - 1);
            }
        }
        QVERIFY(page.probeText().contains(QStringLiteral("→ per-sample R ")));
        page.setDataset(data, "test"); // the test split, with the train split's parameters
        QTest::qWait(20);
    }

    // A colour data set through the real window: the channel chosen is remembered.
    void colourFolderOpensAndTheChannelIsRemembered() {
        DatasetRequest request;
        request.dataset = colourFolder();
        {
            MainWindow window(request);
            QSignalSpy done(window.statsJob(), &StatsJob::finished);
            QVERIFY(done.wait(30000));
            QCOMPARE(window.current()->images[0]->about().channels, 3);
            QCOMPARE(window.normalizationPage()->histogram()->series().size(), std::size_t(6));
            window.normalizationPage()->setHistogramChannel(2);
            window.statsPage()->setMapChannel(1);
            window.close();
        }
        MainWindow again(request);
        QSignalSpy done(again.statsJob(), &StatsJob::finished);
        QVERIFY(done.wait(30000));
        QCOMPARE(again.normalizationPage()->histogramChannel(), 2);
        QCOMPARE(again.normalizationPage()->histogram()->series().size(), std::size_t(2));
        QCOMPARE(again.statsPage()->mapChannel(), 1);
    }

    // An image folder with one split, and one of mixed sizes, through File > Open folder: colour
    // thumbnails, the held-out entry says there is none, and nothing crashes without pixel maps.
    void imageFoldersOpenThroughTheMenu() {
        const auto writeFolder = [&](const QString& name, bool mixed) {
            for (int k = 0; k < 2; ++k) {
                const QString dir = m_dir.filePath(name + QStringLiteral("/class%1").arg(k));
                QVERIFY(QDir().mkpath(dir));
                for (int i = 0; i < 6; ++i) {
                    QImage image(mixed ? 8 + i : 8, mixed ? 5 + 2 * i : 8, QImage::Format_RGB888);
                    image.fill(QColor(40 * i, 200 - 30 * k, 90));
                    QVERIFY(image.save(dir + QStringLiteral("/%1.png").arg(i)));
                }
            }
        };
        writeFolder(QStringLiteral("pngs"), false);
        writeFolder(QStringLiteral("mixed"), true);
        MainWindow window(test::smallSynthetic(500));
        QSignalSpy done(window.statsJob(), &StatsJob::finished);
        QVERIFY(done.wait(30000));
        for (const QString& name : {QStringLiteral("pngs"), QStringLiteral("mixed")}) {
            FileDialog::instance()->setNextFileName(m_dir.filePath(name));
            window.findChild<QAction*>(QStringLiteral("openFolderAction"))->trigger();
            QVERIFY(done.wait(30000));
            const ImageSet train = test::wholeSplit(*window.current()->images[0]);
            QCOMPARE(train.count, std::size_t(12));
            QCOMPARE(train.channels, 3);
            QCOMPARE(train.uniformSize(), name == QStringLiteral("pngs"));
            auto* split = window.findChild<QComboBox*>(QStringLiteral("splitCombo"));
            QCOMPARE(split->itemText(1), QStringLiteral("(no test or val split)"));
            // A folder's thumbnails are decoded on a worker as the view asks for them.
            const auto thumb = [&] {
                return qvariant_cast<QImage>(window.browser()->model()->index(0, 0).data(Qt::DecorationRole));
            };
            QTRY_VERIFY_WITH_TIMEOUT(!thumb().isNull(), 10000);
            QCOMPARE(QColor(thumb().pixel(0, 0)), QColor(0, 200, 90));
            for (int tab = 0; tab < 3; ++tab) {
                window.tabs()->setCurrentIndex(tab);
                QCoreApplication::processEvents();
            }
        }
    }

    // What the network sees, on the Training tab: colour samples stay in colour.
    void trainingSamplesShowColour() {
        SampleStrip strip;
        const int w = 3, h = 2;
        std::vector<float> sample(3 * w * h, 0.0f);
        for (int i = 0; i < w * h; ++i)
            sample[i] = 1.0f; // red plane at the top of the range, green and blue at the bottom
        strip.addRun(1, QStringLiteral("zscore"), Qt::red, {sample}, w, h);
        auto* images = strip.findChild<QLabel*>(QStringLiteral("samples_1"));
        QVERIFY(images);
        const QImage shown = images->pixmap().toImage();
        const QColor pixel = shown.pixelColor(0, 0);
        QVERIFY2(pixel.red() > 200 && pixel.green() < 60 && pixel.blue() < 60, qPrintable(pixel.name()));
    }

    // Six table rows and a channel combo more than a grey data set: still a 1280x720 projector's
    // window, in larger fonts too (the table scrolls rather than grow the window).
    void colourDataFitsTheProjector() {
        const QSize projector(1280, 720);
        DatasetRequest request;
        request.dataset = colourFolder();
        MainWindow window(request);
        window.resize(projector);
        window.show();
        QSignalSpy done(window.statsJob(), &StatsJob::finished);
        QVERIFY(done.wait(30000));
        for (bool large : {false, true}) {
            window.findChild<QAction*>(QStringLiteral("largeFontsAction"))->setChecked(large);
            for (int tab = 0; tab < 2; ++tab) {
                window.tabs()->setCurrentIndex(tab);
                QCoreApplication::processEvents();
                const QSize hint = window.minimumSizeHint();
                QVERIFY2(hint.width() <= projector.width() && hint.height() <= projector.height(),
                         qPrintable(QStringLiteral("tab %1, larger fonts %2: minimum %3x%4")
                                        .arg(tab)
                                        .arg(large)
                                        .arg(hint.width())
                                        .arg(hint.height())));
                QCOMPARE(window.size(), projector);
            }
            // The three-channel Normalize line is shown whole, wrapping if it must, never cut.
            window.tabs()->setCurrentIndex(0);
            QCoreApplication::processEvents();
            auto* line = window.findChild<QLabel*>(QStringLiteral("torchvisionLine"));
            QCOMPARE(line->text(), QString::fromStdString(torchvisionNormalizeLine(window.current()->stats[0].params)));
            QVERIFY2(line->height() >= line->heightForWidth(line->width()),
                     qPrintable(QStringLiteral("larger fonts %1: %2 px for %3").arg(large).arg(line->height())
                                    .arg(line->heightForWidth(line->width()))));
        }
        auto* channel = window.findChild<ChannelCombo*>(QStringLiteral("histogramChannel"));
        QVERIFY(channel->width() >= channel->sizeHint().width()); // "R / G / B" in full
    }
};

QTEST_MAIN(TestChannels)
#include "tst_channels.moc"
