#include "core/train/engine/engineloader.h"

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include <dlfcn.h>

#include "core/common/error.h"

namespace normlab {
namespace {

namespace fs = std::filesystem;

#ifndef NORMLAB_ENGINE_RELATIVE_DIR // set by core/train/CMakeLists.txt; this is its usual value
#define NORMLAB_ENGINE_RELATIVE_DIR "../lib/normlab"
#endif

using VersionFn = const char* (*)(int*);
using OpenFn = const TrainEngine* (*)(int);

struct LoadedEngine {
    std::mutex mutex;
    std::atomic<const TrainEngine*> engine{nullptr};
    std::string path;
    std::string skipped; // modules that exist but did not load, before the one that did
    int threads = 0;
};

LoadedEngine& loaded() {
    static LoadedEngine instance;
    return instance;
}

std::vector<fs::path> candidates() {
    if (const char* forced = std::getenv("NORMLAB_ENGINE"); forced && *forced) return {forced};
    std::vector<fs::path> paths;
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return paths;
    const fs::path dir = (exe.parent_path() / NORMLAB_ENGINE_RELATIVE_DIR).lexically_normal();
    paths.push_back(dir / "libnormlab-engine-cuda.so");
    paths.push_back(dir / "libnormlab-engine.so");
#if defined(NORMLAB_ENGINE_BUILD_PATH) && defined(NORMLAB_BUILD_DIR)
    // Programs and tests run from the build tree use its module; installed copies never do.
    const std::string exeText = exe.string(), buildDir = NORMLAB_BUILD_DIR "/";
    if (exeText.compare(0, buildDir.size(), buildDir) == 0) paths.emplace_back(NORMLAB_ENGINE_BUILD_PATH);
#endif
    return paths;
}

// Loads one module; returns the engine, or nullptr with the reason in `why`.
const TrainEngine* tryLoad(const fs::path& path, int threads, std::string& why) {
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        const char* e = dlerror();
        why = e ? e : path.string() + ": cannot be loaded"; // dlerror() names the file itself
        return nullptr;
    }
    const auto version = reinterpret_cast<VersionFn>(dlsym(handle, NORMLAB_ENGINE_VERSION_SYMBOL));
    const auto open = reinterpret_cast<OpenFn>(dlsym(handle, NORMLAB_ENGINE_OPEN_SYMBOL));
    if (!version || !open) {
        why = path.string() + ": not a NormLab training engine (no " NORMLAB_ENGINE_OPEN_SYMBOL ")";
        dlclose(handle);
        return nullptr;
    }
    int abi = 0;
    const std::string builtFor = version(&abi);
    if (builtFor != NORMLAB_VERSION || abi != kTrainEngineAbi) {
        why = path.string() + ": built for NormLab " + builtFor + " (engine interface " + std::to_string(abi) +
              "), this is " + NORMLAB_VERSION + " (interface " + std::to_string(kTrainEngineAbi) + ")";
        dlclose(handle);
        return nullptr;
    }
    // Never dlclose'd from here on: LibTorch registers atexit handlers and thread-local state.
    return open(threads);
}

} // namespace

const TrainEngine& trainEngine() {
    LoadedEngine& state = loaded();
    if (const TrainEngine* engine = state.engine.load(std::memory_order_acquire)) return *engine;
    std::lock_guard lock(state.mutex);
    if (const TrainEngine* engine = state.engine.load(std::memory_order_relaxed)) return *engine;

    std::string tried, skipped;
    for (const fs::path& path : candidates()) {
        std::error_code ec;
        if (!fs::exists(path, ec)) {
            tried += (tried.empty() ? " " : "; ") + path.string() + ": not found";
            continue;
        }
        std::string why;
        if (const TrainEngine* engine = tryLoad(path, state.threads, why)) {
            state.path = path.lexically_normal().string();
            state.skipped = skipped;
            state.engine.store(engine, std::memory_order_release);
            return *engine;
        }
        tried += (tried.empty() ? " " : "; ") + why;
        skipped += (skipped.empty() ? "" : "; ") + why;
    }
    throw Error("the training engine could not be loaded; training needs it, statistics, export and download do not."
                " Reinstall NormLab, or set NORMLAB_ENGINE to the path of libnormlab-engine.so. Tried:" +
                tried);
}

bool trainEngineLoaded() {
    return loaded().engine.load(std::memory_order_acquire) != nullptr;
}

void setTrainEngineThreads(int threads) {
    LoadedEngine& state = loaded();
    std::lock_guard lock(state.mutex);
    state.threads = threads;
}

std::string trainEnginePath() {
    LoadedEngine& state = loaded();
    std::lock_guard lock(state.mutex);
    return state.path;
}

std::string trainEngineSkipped() {
    LoadedEngine& state = loaded();
    std::lock_guard lock(state.mutex);
    return state.skipped;
}

} // namespace normlab
