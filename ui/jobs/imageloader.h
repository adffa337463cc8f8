#pragma once

#include <cstddef>
#include <memory>

#include <QImage>
#include <QObject>
#include <QString>

#include "core/data/imagesource.h"
#include "ui/jobs/jobrunner.h"

namespace normlab {

using ImagePixelsPtr = std::shared_ptr<const ImagePixels>;

// Decodes the images a view asks for on a worker thread, for a source that reads them from files
// (an image folder's index: see ImageSource::held()). The newest request is decoded first and
// only the last kMaxPending are kept, so scrolling through 1.28 million entries decodes what is on
// screen now, not the rows flown past. Each image arrives with a thumbnail at most thumbnailSide
// pixels on a side, scaled on the worker. A new source drops whatever the old one still had queued
// or posted (JobRunner::Policy::Replace). A thumbnailSide of 0 makes no thumbnails.
class ImageLoader : public QObject {
    Q_OBJECT

public:
    static constexpr std::size_t kMaxPending = 256;

    explicit ImageLoader(int thumbnailSide, QObject* parent = nullptr);
    ~ImageLoader() override;

    // The images requests refer to from now on; a held source (or none) starts no worker.
    void setSource(ImageSourcePtr source);
    // Asks for an image; asking again for one still queued moves it to the front.
    void request(std::size_t index);

Q_SIGNALS:
    void loaded(qsizetype index, normlab::ImagePixelsPtr pixels, const QImage& thumbnail);
    void failed(qsizetype index, const QString& message);

private:
    struct Queue;

    int m_thumbnailSide;
    ImageSourcePtr m_source;
    std::shared_ptr<Queue> m_queue;
    JobRunner m_runner{JobRunner::Policy::Replace};
};

// An image's pixels as a QImage: grey for one channel, RGB for three (planar to interleaved).
QImage pixelsImage(const ImagePixels& pixels);

} // namespace normlab
