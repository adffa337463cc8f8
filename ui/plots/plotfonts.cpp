#include "ui/plots/plotfonts.h"

#include <QEvent>

#include <qcustomplot.h>

namespace normlab {
namespace {

class FontFollower : public QObject {
public:
    using QObject::QObject;

protected:
    bool eventFilter(QObject* watched, QEvent* event) override {
        if (event->type() == QEvent::FontChange) {
            auto* plot = static_cast<QCustomPlot*>(watched);
            applyWidgetFont(plot);
            plot->replot(QCustomPlot::rpQueuedReplot);
        }
        return false;
    }
};

} // namespace

void applyWidgetFont(QCustomPlot* plot) {
    const QFont font = plot->font();
    for (QCPAxisRect* rect : plot->axisRects())
        for (QCPAxis* axis : rect->axes()) {
            axis->setLabelFont(font);
            axis->setTickLabelFont(font);
            axis->setSelectedLabelFont(font);
            axis->setSelectedTickLabelFont(font);
        }
    plot->legend->setFont(font);
    plot->legend->setSelectedFont(font);
    for (int i = 0; i < plot->legend->itemCount(); ++i)
        plot->legend->item(i)->setFont(font);
    for (QCPLayoutElement* element : plot->plotLayout()->elements(true)) {
        if (auto* text = qobject_cast<QCPTextElement*>(element)) {
            QFont titleFont = font;
            titleFont.setBold(text->font().bold());
            text->setFont(titleFont);
        } else if (auto* scale = qobject_cast<QCPColorScale*>(element)) {
            scale->axis()->setLabelFont(font);
            scale->axis()->setTickLabelFont(font);
        }
    }
}

void followWidgetFont(QCustomPlot* plot) {
    plot->installEventFilter(new FontFollower(plot));
    applyWidgetFont(plot);
}

} // namespace normlab
