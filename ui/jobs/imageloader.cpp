#include "ui/jobs/imageloader.h"

#include <algorithm>
#include <condition_variable>
#include <deque>
#include <exception>
#include <mutex>
#include <optional>

#include "ui/plots/colormap.h"

namespace normlab {

struct ImageLoader::Queue {
    std::mutex mutex;
    std::condition_variable_any wake;
    std::deque<std::size_t> pending; // newest at the back
    std::optional<std::size_t> decoding;
};

ImageLoader::ImageLoader(int thumbnailSide, QObject* parent) : QObject(parent), m_thumbnailSide(thumbnailSide) {}

ImageLoader::~ImageLoader() = default; // the runner stops and joins the worker

void ImageLoader::setSource(ImageSourcePtr source) {
    if (source == m_source) return;
    m_source = std::move(source);
    m_queue = std::make_shared<Queue>();
    if (!m_source || m_source->held()) {
        m_runner.cancel();
        return;
    }
    m_runner.start([this, source = m_source, queue = m_queue,
                    side = m_thumbnailSide](const JobRunner::Context& job) -> std::function<void()> {
        for (;;) {
            std::size_t index = 0;
            {
                std::unique_lock lock(queue->mutex);
                if (!queue->wake.wait(lock, job.stop(), [&] { return !queue->pending.empty(); })) return {};
                index = queue->pending.back();
                queue->pending.pop_back();
                queue->decoding = index;
            }
            try {
                auto pixels = std::make_shared<const ImagePixels>(source->pixels(index));
                QImage thumbnail;
                if (side > 0) {
                    thumbnail = pixelsImage(*pixels);
                    if (thumbnail.width() > side || thumbnail.height() > side) // never enlarged: 28 px stays true
                        thumbnail = thumbnail.scaled(side, side, Qt::KeepAspectRatio, Qt::SmoothTransformation);
                }
                job.post([this, index, pixels, thumbnail] {
                    Q_EMIT loaded(static_cast<qsizetype>(index), pixels, thumbnail);
                });
            } catch (const std::exception& e) { // a file changed since listing, or out of memory: this image
                job.post([this, index, message = QString::fromStdString(e.what())] {
                    Q_EMIT failed(static_cast<qsizetype>(index), message);
                });
            }
            const std::lock_guard lock(queue->mutex);
            queue->decoding.reset();
        }
    });
}

void ImageLoader::request(std::size_t index) {
    if (!m_source || m_source->held() || index >= m_source->count()) return;
    {
        const std::lock_guard lock(m_queue->mutex);
        if (m_queue->decoding == index) return;
        auto& pending = m_queue->pending;
        if (const auto it = std::find(pending.begin(), pending.end(), index); it != pending.end()) pending.erase(it);
        pending.push_back(index);
        if (pending.size() > kMaxPending) pending.pop_front(); // scrolled past long ago
    }
    m_queue->wake.notify_one();
}

QImage pixelsImage(const ImagePixels& pixels) {
    return byteImage(pixels.bytes.data(), pixels.channels, pixels.width, pixels.height);
}

} // namespace normlab
