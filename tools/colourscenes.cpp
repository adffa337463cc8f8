#include "tools/colourscenes.h"

#include <QDir>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

namespace normlab {
namespace {

struct Scene {
    const char* name;
    QColor skyTop, skyBottom, ground;
    QColor light; // sun or moon; invalid: none
};

const Scene kScenes[] = {
    {"day-sky", QColor(70, 130, 220), QColor(170, 210, 250), QColor(90, 150, 70), QColor(255, 240, 170)},
    {"sunset", QColor(90, 60, 140), QColor(250, 140, 60), QColor(60, 40, 50), QColor(255, 200, 90)},
    {"night", QColor(5, 10, 35), QColor(25, 35, 80), QColor(15, 20, 25), QColor(230, 230, 210)},
    {"sea", QColor(110, 170, 230), QColor(190, 220, 245), QColor(20, 90, 150), QColor()},
    {"forest", QColor(150, 190, 220), QColor(200, 220, 210), QColor(30, 90, 40), QColor()},
    {"desert", QColor(120, 170, 230), QColor(230, 220, 190), QColor(220, 180, 110), QColor(255, 250, 200)},
    {"snow", QColor(170, 190, 215), QColor(225, 230, 240), QColor(240, 242, 248), QColor()},
    {"fog", QColor(165, 168, 170), QColor(195, 197, 198), QColor(140, 145, 140), QColor()},
};

QColor jitter(const QColor& c, QRandomGenerator& rng, int amount) {
    const auto j = [&](int v) {
        return std::clamp(v + static_cast<int>(rng.bounded(2 * amount + 1)) - amount, 0, 255);
    };
    return QColor(j(c.red()), j(c.green()), j(c.blue()));
}

QImage drawScene(const Scene& scene, QRandomGenerator& rng) {
    constexpr int kSide = 32;
    QImage image(kSide, kSide, QImage::Format_RGB888);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const int horizon = 14 + static_cast<int>(rng.bounded(12));
    QLinearGradient sky(0, 0, 0, horizon);
    sky.setColorAt(0, jitter(scene.skyTop, rng, 25));
    sky.setColorAt(1, jitter(scene.skyBottom, rng, 25));
    p.fillRect(0, 0, kSide, horizon, sky);
    p.fillRect(0, horizon, kSide, kSide - horizon, jitter(scene.ground, rng, 30));
    if (scene.light.isValid() && rng.bounded(4) != 0) {
        p.setPen(Qt::NoPen);
        p.setBrush(jitter(scene.light, rng, 10));
        const int r = 2 + static_cast<int>(rng.bounded(4));
        p.drawEllipse(QPoint(static_cast<int>(rng.bounded(kSide)), static_cast<int>(rng.bounded(horizon))), r, r);
    }
    p.end();
    for (int y = 0; y < kSide; ++y) // sensor noise
        for (int x = 0; x < kSide; ++x)
            image.setPixelColor(x, y, jitter(image.pixelColor(x, y), rng, 12));
    return image;
}

} // namespace

bool writeColourScenes(const QString& root, int trainPerClass, int testPerClass) {
    QRandomGenerator rng(12345);
    for (const auto& [split, count] :
         {std::pair{QStringLiteral("train"), trainPerClass}, std::pair{QStringLiteral("test"), testPerClass}})
        for (const Scene& scene : kScenes) {
            const QString dir = QDir(root).filePath(split + QLatin1Char('/') + QLatin1String(scene.name));
            if (!QDir().mkpath(dir)) return false;
            for (int i = 0; i < count; ++i)
                if (!drawScene(scene, rng)
                         .save(QDir(dir).filePath(QStringLiteral("%1.png").arg(i, 4, 10, QLatin1Char('0')))))
                    return false;
        }
    return true;
}

} // namespace normlab
