#include "ui/plots/plotexport.h"

#include <QDir>
#include <QFileInfo>

#include <QBuffer>
#include <QPdfWriter>
#include <QSvgGenerator>

#include <qcustomplot.h>

#include "core/common/error.h"
#include "core/common/atomicfile.h"

namespace normlab {
namespace {

constexpr int kPdfResolution = 72; // one device pixel per point: the page is the plot's size
constexpr double kPngScale = 2.0;  // sharp on projectors and in slides

} // namespace

void savePlot(QCustomPlot* plot, const QString& path) {
    const QString suffix = QFileInfo(path).suffix().toLower();
    const int w = plot->width(), h = plot->height();
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (suffix == QLatin1String("png")) {
        if (!plot->toPixmap(w, h, kPngScale).save(&buffer, "PNG"))
            throw Error(path.toStdString() + ": cannot render PNG");
    } else if (suffix == QLatin1String("pdf")) {
        QPdfWriter writer(&buffer);
        writer.setResolution(kPdfResolution);
        writer.setPageSize(QPageSize(QSizeF(w, h), QPageSize::Point));
        writer.setPageMargins(QMarginsF(0, 0, 0, 0));
        QCPPainter painter(&writer);
        plot->toPainter(&painter, w, h);
    } else if (suffix == QLatin1String("svg")) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(QSize(w, h));
        generator.setViewBox(QRect(0, 0, w, h));
        QCPPainter painter(&generator);
        plot->toPainter(&painter, w, h);
    } else {
        throw Error(path.toStdString() + ": unknown plot format (use .png, .pdf or .svg)");
    }
    buffer.close();
    writeFileAtomically(path.toStdString(),
                        std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())));
}

std::pair<QString, QString> savePlotPair(const QString& path, QCustomPlot* first, const QString& firstSuffix,
                                         QCustomPlot* second, const QString& secondSuffix) {
    const QFileInfo info(path);
    const QString suffix = info.suffix().isEmpty() ? QStringLiteral("png") : info.suffix();
    const auto named = [&](const QString& part) {
        return info.dir().filePath(info.completeBaseName() + QLatin1Char('-') + part + QLatin1Char('.') + suffix);
    };
    const std::pair<QString, QString> paths{named(firstSuffix), named(secondSuffix)};
    savePlot(first, paths.first);
    savePlot(second, paths.second);
    return paths;
}

} // namespace normlab
