#pragma once

// The set-up the Training tab's GUI tests share (after KeePassXC's tests/gui base): a main window
// on a small synthetic split, and a comparison trained to the end through the real Start.
// Header-only: the GUI tests link the widgets, the test support library does not.

#include <vector>

#include <QSignalSpy>

#include "core/train/config/trainconfig.h"
#include "tests/support/quickruns.h"
#include "ui/jobs/trainjob.h"
#include "ui/mainwindow.h"
#include "ui/pages/trainpage.h"

namespace normlab::test {

class TrainingWindow {
public:
    explicit TrainingWindow(std::size_t images = 500) : m_window(smallSynthetic(images)) {}

    MainWindow& window() { return m_window; }
    TrainPage* page() { return m_window.trainPage(); }

    // Sets the form to `config` and `methods` (the rest of the form stays as the test left it),
    // presses Start and waits until every run has ended. False when it did not end in time.
    [[nodiscard]] bool finishComparison(const TrainConfig& config, const std::vector<Method>& methods,
                                        int timeoutMs = 120000) {
        page()->setConfig(config);
        page()->setMethods(methods);
        return finishComparison(timeoutMs);
    }

    // Presses Start with the form as it is and waits until every run has ended.
    [[nodiscard]] bool finishComparison(int timeoutMs = 120000) {
        QSignalSpy done(page()->job(), &TrainJob::allFinished);
        page()->start();
        return done.wait(timeoutMs);
    }

private:
    MainWindow m_window;
};

} // namespace normlab::test
