// Renders docs/lesson.md's curves from bench/lesson_experiment.py's results with NormLab's own
// plotting (BandPlot, savePlot), on the offscreen platform:
//   QT_QPA_PLATFORM=offscreen normlab-lessonplot docs/lesson/results.json docs/lesson
#include <fstream>

#include <QApplication>
#include <QDir>

#include <nlohmann/json.hpp>

#include "core/common/error.h"
#include "ui/plots/bandplot.h"
#include "ui/plots/plotexport.h"

using nlohmann::json;

namespace {

constexpr int kWidth = 900, kHeight = 520;

// NormLab solid, the Python loop dashed; one colour per normalization, as in the app.
struct Side {
    const char* key;
    const char* label;
    Qt::PenStyle style;
};
const Side kSides[] = {{"normlab", "NormLab", Qt::SolidLine}, {"python", "Python loop", Qt::DashLine}};
const std::pair<const char*, QColor> kMethods[] = {{"none", QColor(31, 119, 180)}, {"zscore", QColor(255, 127, 14)}};

void render(const json& results, const char* metric, const QString& yLabel, const QString& path) {
    normlab::BandPlot plot(QObject::tr("epoch"), yLabel);
    plot.resize(kWidth, kHeight);
    for (const auto& side : kSides)
        for (const auto& [method, color] : kMethods) {
            normlab::BandPlot::Series s{QStringLiteral("%1 %2").arg(QLatin1String(side.label), QLatin1String(method)),
                                        color,
                                        side.style,
                                        {},
                                        {}};
            for (const auto& run : results.at(side.key).at(method)) {
                std::vector<double> values;
                for (const auto& epoch : run.at("epochs"))
                    values.push_back(epoch.at(metric).get<double>());
                s.runs.push_back(values);
            }
            for (std::size_t e = 0; e < (s.runs.empty() ? 0 : s.runs.front().size()); ++e)
                s.x.push_back(static_cast<double>(e + 1));
            plot.addSeries(s);
        }
    plot.fit();
    normlab::savePlot(&plot, path);
    qInfo("wrote %s", qPrintable(path));
}

} // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    if (argc != 3) {
        qCritical("usage: normlab-lessonplot RESULTS.json OUTPUT_DIR");
        return 2;
    }
    try {
        std::ifstream in(argv[1]);
        if (!in) throw normlab::Error(std::string(argv[1]) + ": cannot open");
        const json results = json::parse(in);
        const QDir out(QString::fromLocal8Bit(argv[2]));
        QDir().mkpath(out.path());
        render(results, "accuracy", QObject::tr("train accuracy (epoch average)"),
               out.filePath(QStringLiteral("train-accuracy.png")));
        render(results, "test_accuracy", QObject::tr("test accuracy"),
               out.filePath(QStringLiteral("test-accuracy.png")));
        render(results, "loss", QObject::tr("train loss (epoch average)"),
               out.filePath(QStringLiteral("train-loss.png")));
    } catch (const std::exception& e) {
        qCritical("normlab-lessonplot: %s", e.what());
        return 1;
    }
    return 0;
}
