#pragma once

#include <QByteArray>
#include <QString>

namespace normlab {

// What NormLab remembers across restarts (QSettings): the window and splitter layout, the data
// set and split, the normalization shown, the channel the histograms show, the thumbnail size and
// cache, and the projector mode.
struct ViewSettings {
    QByteArray geometry, splitter;
    QString dataset; // empty: never chosen
    QString split = QStringLiteral("train");
    QString method = QStringLiteral("zscore");
    int histogramChannel = -1; // every channel
    int mapChannel = 0;        // the channel of the per-pixel maps
    int thumbnail = 56;
    int thumbnailCacheMB = 256; // an image folder's decoded thumbnails kept at most
    bool largeFonts = false;

    static ViewSettings load();
    void save() const;
};

} // namespace normlab
