#include "ui/jobs/statsjob.h"

#include "core/stats/splitpair.h"
#include "core/stats/statsengine.h"

namespace normlab {
namespace {

// Shares of the progress bar: loading both splits, stats of train, stats of test.
constexpr double kLoadShare = 0.45, kTrainStatsShare = 0.4, kTestStatsShare = 0.15;

// An image folder, or a plain IDX or .npy split too large to hold, is indexed first and handed to
// `indexed` (the browser shows it while the statistics are counted, one streamed pass per split);
// the rest is loaded whole, counted and handed over once.
LoadedDatasetPtr loadAndCompute(const DatasetRequest& request, const Progress& progress,
                                const std::function<void(LoadedDatasetPtr)>& indexed) {
    auto result = std::make_shared<LoadedDataset>();
    result->datasetId = resolveDatasetId(request);
    if (const auto index = indexSplits(request)) {
        result->images = {index->train, index->test};
        indexed(std::make_shared<const LoadedDataset>(*result));
        result->stats = indexedPairStats(request, *index, progress);
    } else {
        SplitPair pair = loadSplitPair(request, progress.part(0, kLoadShare));
        result->stats[0] = computeStats(pair.train, std::nullopt, progress.part(kLoadShare, kTrainStatsShare));
        result->stats[1] =
            computeStats(pair.test, pair.params, progress.part(kLoadShare + kTrainStatsShare, kTestStatsShare));
        result->images = {heldImages(std::move(pair.train)), heldImages(std::move(pair.test))};
    }
    result->statsReady = true;
    return result;
}

} // namespace

StatsJob::StatsJob(QObject* parent) : QObject(parent) {
    qRegisterMetaType<LoadedDatasetPtr>();
    connect(&m_runner, &JobRunner::failed, this, &StatsJob::failed);
    connect(&m_runner, &JobRunner::cancelled, this, &StatsJob::cancelled);
}

void StatsJob::start(const DatasetRequest& request) {
    m_runner.start([this, request](const JobRunner::Context& job) -> std::function<void()> {
        const Progress progress{[this, job](double f) { job.post([this, f] { Q_EMIT progressChanged(f); }); },
                                job.stop()};
        LoadedDatasetPtr result = loadAndCompute(request, progress, [this, job](LoadedDatasetPtr index) {
            job.post([this, index] { Q_EMIT indexed(index); });
        });
        return [this, result] { Q_EMIT finished(result); };
    });
}

} // namespace normlab
