// Benchmark (not a test): seconds per epoch of NormLab's lesson-cnn on 60,000 synthetic images at
// batch 1000 against, in the same run, the lesson's Python loop (bench/reference_lesson.py) over
// the same IDX files, plus the machine's matmul GFLOP/s as the compute floor. Prints Markdown.
//   normlab-trainbench [--epochs N] [--device cpu|cuda] [--threads N] [--python PATH] [--no-reference]
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/torch.h>

#include "core/data/formats/idx/idxarray.h"
#include "core/train/engine/torchruntime.h"
#include "core/train/engine/trainer.h"

using namespace normlab;

namespace {

// Multiply-accumulates of one lesson-cnn forward pass on a 28x28 image.
constexpr double kConv1 = 6.0 * 24 * 24 * 25, kConv2 = 12.0 * 8 * 8 * 150;
constexpr double kFc = 192.0 * 120 + 120 * 60 + 60 * 10;
constexpr double kForwardFlops = 2 * (kConv1 + kConv2 + kFc);
// Training costs about three forward passes (forward, input gradient, weight gradient).
constexpr double kTrainFlopsPerImage = 3 * kForwardFlops;

double matmulGflops(const std::string& device) {
    const auto dev = torch::Device(device);
    const auto a = torch::randn({2000, 2000}, torch::TensorOptions().device(dev));
    const auto b = torch::randn({2000, 2000}, torch::TensorOptions().device(dev));
    torch::mm(a, b).sum().item<float>();
    const int reps = device == "cpu" ? 5 : 50;
    const auto start = std::chrono::steady_clock::now();
    torch::Tensor c;
    for (int i = 0; i < reps; ++i)
        c = torch::mm(a, b);
    c.sum().item<float>();
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return reps * 2.0 * 2000 * 2000 * 2000 / s / 1e9;
}

void writeTorchvisionLayout(const TrainingData& data, const std::filesystem::path& root) {
    const auto raw = root / "MNIST" / "raw";
    std::filesystem::create_directories(raw);
    auto write = [&](const ImageSet& s, const std::string& prefix) {
        writeIdx(raw / (prefix + "-images-idx3-ubyte"),
                 IdxArray{{static_cast<std::uint32_t>(s.count), 28, 28}, s.pixels});
        writeIdx(raw / (prefix + "-labels-idx1-ubyte"), IdxArray{{static_cast<std::uint32_t>(s.count)}, s.labels});
    };
    write(data.train, "train");
    write(data.test, "t10k");
}

struct Summary {
    double secondsPerEpoch = 0, trainAccuracy = 0, testAccuracy = 0, loss = 0;
};

// Mean epoch time over epochs 2..N (the first also pays one-off set-up costs).
template <typename Seconds> double steadyMean(const std::vector<double>& s, Seconds) {
    if (s.size() == 1) return s[0];
    double sum = 0;
    for (std::size_t i = 1; i < s.size(); ++i)
        sum += s[i];
    return sum / static_cast<double>(s.size() - 1);
}

// Runs the Python reference and summarises its epochs; false (with a message) when it fails.
bool runReference(const std::string& command, Summary& out) {
    std::FILE* pipe = ::popen(command.c_str(), "r");
    std::vector<double> seconds;
    char line[4096];
    while (pipe && std::fgets(line, sizeof line, pipe)) {
        const auto j = nlohmann::json::parse(line, nullptr, false);
        if (j.is_discarded()) continue;
        seconds.push_back(j["epoch_seconds"].get<double>());
        out.trainAccuracy = j["accuracy"].get<double>();
        out.testAccuracy = j["test_accuracy"].get<double>();
        out.loss = j["loss"].get<double>();
    }
    if (!pipe || ::pclose(pipe) != 0 || seconds.empty()) {
        std::fprintf(stderr, "reference failed: %s\n", command.c_str());
        return false;
    }
    out.secondsPerEpoch = steadyMean(seconds, 0);
    return true;
}

} // namespace

int main(int argc, char** argv) {
    int epochs = 3, threads = 0;
    std::string device = "cpu", python = "/usr/bin/python3";
    bool reference = true;
    for (int i = 1; i < argc; ++i) {
        const std::string a = argv[i];
        if (a == "--epochs" && i + 1 < argc)
            epochs = std::stoi(argv[++i]);
        else if (a == "--device" && i + 1 < argc)
            device = argv[++i];
        else if (a == "--threads" && i + 1 < argc)
            threads = std::stoi(argv[++i]);
        else if (a == "--python" && i + 1 < argc)
            python = argv[++i];
        else if (a == "--no-reference")
            reference = false;
    }
    configureTorchThreads(threads);
    const int usedThreads = torch::get_num_threads();

    // The lesson's run, on the synthetic digits (FashionMNIST cannot be downloaded here).
    TrainConfig config = lessonPreset();
    config.dataset = "synthetic";
    config.epochs = epochs;
    config.device = device;
    config.normalization = Method::ZScore;
    const TrainingData data = loadTrainingData(config);
    const std::string resolved = resolveDevice(device);
    const double gflops = matmulGflops(resolved);

    std::vector<double> epochSeconds;
    Summary cpp;
    const RunResult run = trainRun(config, data, 0, {});
    for (const auto& e : run.epochs)
        epochSeconds.push_back(e.epochSeconds);
    cpp.secondsPerEpoch = steadyMean(epochSeconds, 0);
    cpp.trainAccuracy = run.epochs.back().trainAccuracy;
    cpp.testAccuracy = run.epochs.back().testAccuracy;
    cpp.loss = run.epochs.back().trainLoss;

    Summary py, pyTuned;
    if (reference) {
        const auto root = std::filesystem::temp_directory_path() / "normlab-trainbench";
        writeTorchvisionLayout(data, root);
        const std::string args = std::string(NORMLAB_SOURCE_DIR) + "/bench/reference_lesson.py --root " +
                                 root.string() + " --epochs " + std::to_string(epochs) + " --threads " +
                                 std::to_string(usedThreads) + " --mean " + std::to_string(data.params.mean[0]) +
                                 " --std " + std::to_string(data.params.std[0]);
        reference = runReference(python + " " + args, py) &&
                    runReference("OPENBLAS_NUM_THREADS=1 " + python + " " + args, pyTuned);
        std::filesystem::remove_all(root);
    }

    const double trainFlops = kTrainFlopsPerImage * data.train.count + kForwardFlops * data.test.count;
    std::printf("NormLab training benchmark: lesson-cnn, Adam 0.01, batch 1000, zscore, 60,000 synthetic train + "
                "10,000 test images, %d epochs, device %s, %d LibTorch threads, %s\n\n",
                epochs, resolved.c_str(), usedThreads, torchDescription().c_str());
    std::printf("Work per epoch: %.1f GFLOP (train 3x forward + test forward). Matmul 2000x2000 on this device: "
                "%.1f GFLOP/s, so the compute floor is %.2f s/epoch.\n\n",
                trainFlops / 1e9, gflops, trainFlops / 1e9 / gflops);
    std::printf("| implementation | s/epoch (mean of epochs 2..N) | GFLOP/s achieved | final train loss | final train "
                "acc | final test acc |\n|---|---:|---:|---:|---:|---:|\n");
    std::printf("| NormLab C++ (resident uint8 data, device-side batches) | %.2f | %.1f | %.4f | %.4f | %.4f |\n",
                cpp.secondsPerEpoch, trainFlops / 1e9 / cpp.secondsPerEpoch, cpp.loss, cpp.trainAccuracy,
                cpp.testAccuracy);
    if (reference) {
        auto row = [&](const char* name, const Summary& s) {
            std::printf("| %s | %.2f | %.1f | %.4f | %.4f | %.4f |\n", name, s.secondsPerEpoch,
                        trainFlops / 1e9 / s.secondsPerEpoch, s.loss, s.trainAccuracy, s.testAccuracy);
        };
        row("Python reference as the lesson writes it (torchvision MNIST + DataLoader, num_workers=1)", py);
        row("Python reference with OPENBLAS_NUM_THREADS=1 (the BLAS fix NormLab applies)", pyTuned);
        std::printf("\nSpeed-up, reference s/epoch / NormLab s/epoch: %.2fx against the lesson's loop, %.2fx against "
                    "the reference with the same BLAS fix\n",
                    py.secondsPerEpoch / cpp.secondsPerEpoch, pyTuned.secondsPerEpoch / cpp.secondsPerEpoch);
    }
    std::printf("\nNormLab epochs (s):");
    for (double s : epochSeconds)
        std::printf(" %.2f", s);
    std::printf("\n");
    return 0;
}
