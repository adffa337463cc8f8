#include "ui/viewsettings.h"

#include <QSettings>

namespace normlab {

ViewSettings ViewSettings::load() {
    const QSettings s;
    ViewSettings v;
    v.geometry = s.value(QStringLiteral("window/geometry")).toByteArray();
    v.splitter = s.value(QStringLiteral("window/splitter")).toByteArray();
    v.dataset = s.value(QStringLiteral("data/dataset")).toString();
    v.split = s.value(QStringLiteral("data/split"), v.split).toString();
    v.method = s.value(QStringLiteral("view/method"), v.method).toString();
    v.histogramChannel = s.value(QStringLiteral("view/histogramChannel"), v.histogramChannel).toInt();
    v.mapChannel = s.value(QStringLiteral("view/mapChannel"), v.mapChannel).toInt();
    v.thumbnail = s.value(QStringLiteral("view/thumbnail"), v.thumbnail).toInt();
    v.thumbnailCacheMB = s.value(QStringLiteral("view/thumbnailCacheMB"), v.thumbnailCacheMB).toInt();
    v.largeFonts = s.value(QStringLiteral("view/largeFonts"), v.largeFonts).toBool();
    return v;
}

void ViewSettings::save() const {
    QSettings s;
    s.setValue(QStringLiteral("window/geometry"), geometry);
    s.setValue(QStringLiteral("window/splitter"), splitter);
    s.setValue(QStringLiteral("data/dataset"), dataset);
    s.setValue(QStringLiteral("data/split"), split);
    s.setValue(QStringLiteral("view/method"), method);
    s.setValue(QStringLiteral("view/histogramChannel"), histogramChannel);
    s.setValue(QStringLiteral("view/mapChannel"), mapChannel);
    s.setValue(QStringLiteral("view/thumbnail"), thumbnail);
    s.setValue(QStringLiteral("view/thumbnailCacheMB"), thumbnailCacheMB);
    s.setValue(QStringLiteral("view/largeFonts"), largeFonts);
}

} // namespace normlab
