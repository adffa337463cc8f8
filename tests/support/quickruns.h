#pragma once

#include "core/data/datasetopener.h"
#include "core/train/config/trainconfig.h"

namespace normlab::test {

// A comparison run that finishes in seconds on a CPU: the MLP on 1,500 synthetic images in
// batches of 100 (15 batches an epoch). For GUI tests that train.
inline TrainConfig quickRun(int epochs) {
    TrainConfig c;
    c.dataset = "synthetic";
    c.limit = 1500;
    c.model = "mlp";
    c.batchSize = 100;
    c.epochs = epochs;
    c.device = "cpu";
    return c;
}

// The synthetic digits, first `limit` images of each split: a main window that loads at once.
inline DatasetRequest smallSynthetic(std::size_t limit) {
    DatasetRequest r;
    r.dataset = "synthetic";
    r.limit = limit;
    return r;
}

} // namespace normlab::test
