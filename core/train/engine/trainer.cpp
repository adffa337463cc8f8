#include "core/train/engine/trainer.h"

#include <chrono>
#include <cmath>
#include <iomanip>
#include <sstream>

#include <torch/torch.h>

#include "core/common/error.h"
#include "core/stats/statsengine.h"
#include "core/train/engine/models.h"
#include "core/train/engine/torchruntime.h"

namespace normlab {
namespace {

using Clock = std::chrono::steady_clock;

struct RunStopped {
    RunStatus status;
    std::string message;
};

double secondsSince(Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
}

// Applies a normalization to a uint8 N x C x H x W batch on its own device.
class DeviceNormalizer {
public:
    DeviceNormalizer(Method method, const NormalizationParams& params, int channels, std::size_t pixels,
                     torch::Device device)
        : m_method(method), m_floorStd(perSampleScale(0, 0, pixels).stdByte) {
        if (method == Method::PerSample) return;
        std::vector<float> scale, offset;
        for (int c = 0; c < channels; ++c) {
            const Affine a = affineFor(method, params, c);
            scale.push_back(static_cast<float>(a.scale));
            offset.push_back(static_cast<float>(a.offset));
        }
        m_scale = torch::tensor(scale).view({1, channels, 1, 1}).to(device);
        m_offset = torch::tensor(offset).view({1, channels, 1, 1}).to(device);
    }

    torch::Tensor operator()(const torch::Tensor& bytes) const {
        const torch::Tensor x = bytes.to(torch::kFloat);
        if (m_method != Method::PerSample) return torch::addcmul(m_offset, x, m_scale);
        const torch::Tensor mean = x.mean({2, 3}, true);
        const torch::Tensor centred = x - mean;
        const torch::Tensor stdev = centred.pow(2).mean({2, 3}, true).sqrt().clamp_min(m_floorStd);
        return centred / stdev;
    }

private:
    Method m_method;
    double m_floorStd;
    torch::Tensor m_scale, m_offset;
};

struct DeviceSplit {
    torch::Tensor images; // uint8 N x C x H x W
    torch::Tensor labels; // int64 N
    std::int64_t count = 0;
};

DeviceSplit toDevice(const ImageSet& set, torch::Device device) {
    DeviceSplit split;
    split.count = static_cast<std::int64_t>(set.count);
    auto images = torch::from_blob(const_cast<std::uint8_t*>(set.pixels.data()),
                                   {split.count, set.channels, set.height, set.width}, torch::kUInt8);
    auto labels = torch::from_blob(const_cast<std::uint8_t*>(set.labels.data()), {split.count}, torch::kUInt8);
    split.images = images.to(device, false, true); // copy: from_blob does not own the bytes
    split.labels = labels.to(torch::kLong).to(device);
    return split;
}

std::unique_ptr<torch::optim::Optimizer> makeOptimizer(const TrainConfig& c, torch::nn::Sequential& model) {
    if (c.optimizer == "sgd")
        return std::make_unique<torch::optim::SGD>(model->parameters(),
                                                   torch::optim::SGDOptions(c.lr).momentum(c.momentum));
    return std::make_unique<torch::optim::Adam>(model->parameters(), torch::optim::AdamOptions(c.lr));
}

void checkLoss(double loss, const TrainConfig& c, const std::string& where) {
    if (std::isfinite(loss) && loss < kDivergedLoss) return;
    std::ostringstream text;
    text << (std::isfinite(loss) ? "loss exploded to " : "loss became ") << std::setprecision(4) << loss << " " << where
         << " (" << methodName(c.normalization) << ", lr " << c.lr
         << "): try a smaller learning rate or normalized inputs";
    throw RunStopped{RunStatus::Diverged, text.str()};
}

struct Evaluation {
    double loss = 0, accuracy = 0;
};

Evaluation evaluate(torch::nn::Sequential& model, const DeviceSplit& split, const DeviceNormalizer& normalize) {
    torch::NoGradGuard noGrad;
    model->eval();
    torch::Tensor lossSum = torch::zeros({}, split.images.options().dtype(torch::kDouble));
    torch::Tensor correct = torch::zeros({}, split.labels.options());
    for (std::int64_t start = 0; start < split.count; start += kEvalChunk) {
        const std::int64_t end = std::min(split.count, start + kEvalChunk);
        const torch::Tensor logits = model->forward(normalize(split.images.slice(0, start, end)));
        const torch::Tensor y = split.labels.slice(0, start, end);
        lossSum += torch::nn::functional::cross_entropy(
                       logits, y, torch::nn::functional::CrossEntropyFuncOptions().reduction(torch::kSum))
                       .to(torch::kDouble);
        correct += logits.argmax(1).eq(y).sum();
    }
    model->train();
    const double n = static_cast<double>(split.count);
    return {lossSum.item<double>() / n, static_cast<double>(correct.item<std::int64_t>()) / n};
}

void trainEpochs(const TrainConfig& c, const TrainingData& data, RunResult& result, const TrainCallbacks& cb,
                 Clock::time_point runStart) {
    const torch::Device device(result.device);
    // Same seed, same initial weights and same batch order: normalization is the only difference.
    torch::manual_seed(c.seed);
    auto model = buildModel(c.model, data.train.channels, data.train.height, data.train.width, data.train.classCount());
    {
        torch::NoGradGuard noGrad;
        for (const auto& p : model->parameters())
            result.initialWeightSum += p.sum().item<double>();
    }
    model->to(device);
    auto optimizer = makeOptimizer(c, model);
    const DeviceSplit train = toDevice(data.train, device);
    const DeviceSplit test = toDevice(c.testSplit == "train" ? data.train : data.test, device);
    const DeviceNormalizer normalize(c.normalization, data.params, data.train.channels, data.train.pixelsPerChannel(),
                                     device);
    const std::int64_t batchSize = c.batchSize;
    const int batches = static_cast<int>((train.count + batchSize - 1) / batchSize);
    const int reportEvery = std::max(1, batches / c.reportsPerEpoch);

    for (int epoch = 1; epoch <= c.epochs; ++epoch) {
        const auto epochStart = Clock::now();
        const torch::Tensor order = torch::randperm(train.count, torch::kLong).to(device);
        torch::Tensor lossSum = torch::zeros({}, train.images.options().dtype(torch::kFloat));
        torch::Tensor windowLoss = torch::zeros({}, lossSum.options());
        torch::Tensor correct = torch::zeros({}, train.labels.options());
        int windowBatches = 0;
        for (int b = 0; b < batches; ++b) {
            if (cb.stop.stop_requested())
                throw RunStopped{RunStatus::Cancelled, b == 0 ? "stopped at the start of epoch " + std::to_string(epoch)
                                                              : "stopped in epoch " + std::to_string(epoch) +
                                                                    " after batch " + std::to_string(b) + " of " +
                                                                    std::to_string(batches)};
            const torch::Tensor idx = order.slice(0, b * batchSize, std::min(train.count, (b + 1) * batchSize));
            const torch::Tensor x = normalize(train.images.index_select(0, idx));
            const torch::Tensor y = train.labels.index_select(0, idx);
            optimizer->zero_grad();
            const torch::Tensor logits = model->forward(x);
            const torch::Tensor loss = torch::nn::functional::cross_entropy(logits, y);
            loss.backward();
            optimizer->step();
            // Accumulate on the device; nothing here waits for the GPU.
            const torch::Tensor detached = loss.detach();
            lossSum += detached * static_cast<double>(idx.size(0));
            windowLoss += detached;
            correct += logits.detach().argmax(1).eq(y).sum();
            ++windowBatches;
            ++result.batchesDone;
            if (cb.onBatch) cb.onBatch(result.run, epoch, b + 1, batches);
            if ((b + 1) % reportEvery == 0 || b + 1 == batches) {
                const double mean = windowLoss.item<double>() / windowBatches;
                checkLoss(mean, c, "at epoch " + std::to_string(epoch) + ", batch " + std::to_string(b + 1));
                StepMetric step{result.run, epoch - 1 + static_cast<double>(b + 1) / batches, mean};
                result.steps.push_back(step);
                if (cb.onStep) cb.onStep(step);
                windowLoss.zero_();
                windowBatches = 0;
            }
        }
        EpochMetric m;
        m.run = result.run;
        m.epoch = epoch;
        m.trainLoss = lossSum.item<double>() / static_cast<double>(train.count);
        m.trainAccuracy = static_cast<double>(correct.item<std::int64_t>()) / static_cast<double>(train.count);
        checkLoss(m.trainLoss, c, "in epoch " + std::to_string(epoch));
        const Evaluation e = evaluate(model, test, normalize);
        m.testLoss = e.loss;
        m.testAccuracy = e.accuracy;
        m.epochSeconds = secondsSince(epochStart);
        m.runSeconds = secondsSince(runStart);
        result.epochs.push_back(m);
        if (cb.onEpoch) cb.onEpoch(m);
    }
}

std::string describeTorchError(const std::string& what) {
    if (what.find("more than 1 value per channel when training") != std::string::npos)
        return "batch norm cannot train on a batch of one image (the training images leave one over after the last "
               "full batch): choose another batch size or image count";
    if (what.find("out of memory") != std::string::npos)
        return "the device ran out of memory (try a smaller batch size): " + what.substr(0, what.find('\n'));
    return "LibTorch error: " + what.substr(0, what.find('\n'));
}

} // namespace

RunResult trainRun(const TrainConfig& config, const TrainingData& data, int runIndex, const TrainCallbacks& cb) {
    if (const auto errors = validateConfig(config); !errors.empty()) throw Error(errors.front());
    RunResult result;
    result.run = runIndex;
    result.name = methodName(config.normalization);
    result.config = config;
    result.device = resolveDevice(config.device);
    result.status = RunStatus::Running;
    const auto start = Clock::now();
    try {
        trainEpochs(config, data, result, cb, start);
        result.status = RunStatus::Finished;
    } catch (const RunStopped& stopped) {
        result.status = stopped.status;
        result.message = stopped.message;
    } catch (const c10::Error& e) {
        result.status = RunStatus::Failed;
        result.message = describeTorchError(e.what_without_backtrace());
    } catch (const Error& e) {
        result.status = RunStatus::Failed;
        result.message = e.what();
    } catch (const std::bad_alloc&) {
        result.status = RunStatus::Failed;
        result.message = "out of memory";
    }
    result.seconds = secondsSince(start);
    return result;
}

std::vector<std::vector<float>> normalizedSample(const TrainConfig& config, const TrainingData& data, int count) {
    const DeviceNormalizer normalize(config.normalization, data.params, data.train.channels,
                                     data.train.pixelsPerChannel(), torch::kCPU);
    const auto n = std::min<std::int64_t>(count, static_cast<std::int64_t>(data.train.count));
    auto bytes = torch::from_blob(const_cast<std::uint8_t*>(data.train.pixels.data()),
                                  {n, data.train.channels, data.train.height, data.train.width}, torch::kUInt8);
    const torch::Tensor x = normalize(bytes).contiguous();
    std::vector<std::vector<float>> images;
    const auto per = static_cast<std::int64_t>(data.train.pixelsPerImage());
    for (std::int64_t i = 0; i < n; ++i)
        images.emplace_back(x.data_ptr<float>() + i * per, x.data_ptr<float>() + (i + 1) * per);
    return images;
}

} // namespace normlab
