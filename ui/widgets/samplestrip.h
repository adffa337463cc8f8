#pragma once

#include <vector>

#include <QScrollArea>

class QVBoxLayout;

namespace normlab {

// "What the network sees": per run, a few training images exactly as they enter the network,
// with their value range and colour map. Scrolls instead of widening the page.
class SampleStrip : public QScrollArea {
    Q_OBJECT

public:
    explicit SampleStrip(QWidget* parent = nullptr);

    void clear();
    // samples: C*H*W floats per image (the first channel is drawn).
    void addRun(int run, const QString& name, const QColor& color, const std::vector<std::vector<float>>& samples,
                int width, int height);

private:
    QVBoxLayout* m_rows;
};

} // namespace normlab
