#pragma once

#include <QSharedPointer>
#include <qcustomplot.h>

namespace normlab {

// Ticks for an epoch axis: whole epochs only (1, 2, 5, 10, …), never 1.2, 1.4.
inline QSharedPointer<QCPAxisTicker> wholeEpochTicker() {
    QSharedPointer<QCPAxisTickerFixed> ticker(new QCPAxisTickerFixed);
    ticker->setTickStep(1.0);
    ticker->setScaleStrategy(QCPAxisTickerFixed::ssMultiples);
    return ticker;
}

} // namespace normlab
