#include "app/cli/downloadcommand.h"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "app/cli/clioutput.h"
#include "core/common/error.h"
#include "core/data/catalog/datasetlocator.h"
#include "core/download/downloader.h"

namespace normlab::cli {
namespace {

constexpr int kBarWidth = 30;
constexpr double kPlainLineStep = 0.25; // non-terminal output: a line per quarter of each file

std::atomic<bool> g_interrupted{false};
extern "C" void onDownloadInterrupt(int) {
    g_interrupted.store(true);
}

struct DownloadCliOptions {
    std::string dataset;
    std::string dataDir;
    std::vector<std::string> mirrors;
    std::string md5File;
    bool force = false;
    bool onlyGivenMirrors = false;
    long timeout = 30;
};

// "md5  name" lines (md5sum's format) replace the catalog's checksums: for private mirrors that
// serve other files, and for tests that serve generated ones.
void applyMd5File(DatasetInfo& info, const std::string& path) {
    std::ifstream in(path);
    if (!in) throw Error(path + ": cannot open checksum file");
    std::string line;
    int lineNo = 0;
    while (std::getline(in, line)) {
        ++lineNo;
        std::istringstream fields(line);
        std::string md5, name;
        if (!(fields >> md5 >> name)) continue;
        if (!name.empty() && name[0] == '*') name.erase(0, 1);
        bool matched = false;
        for (auto& f : info.files)
            if (f.name == name) f.md5 = md5, matched = true;
        if (info.archive && info.archive->file.name == name) info.archive->file.md5 = md5, matched = true;
        if (!matched || md5.size() != 32)
            throw Error(path + ": line " + std::to_string(lineNo) + ": not a checksum of one of " + info.id +
                        "'s files");
    }
}

void runDownload(const DownloadCliOptions& o) {
    const DatasetInfo* known = findCatalogDataset(o.dataset);
    if (!known) {
        std::string ids;
        for (const auto& info : datasetCatalog())
            ids += (ids.empty() ? "" : ", ") + info.id;
        throw Error("unknown data set '" + o.dataset + "' (expected one of " + ids + ")");
    }
    DatasetInfo info = *known;
    if (!o.md5File.empty()) applyMd5File(info, o.md5File);
    if (o.onlyGivenMirrors) {
        if (o.mirrors.empty()) throw Error("--no-default-mirrors needs at least one --mirror");
        info.mirrors.clear();
    }
    const std::filesystem::path dataDir = o.dataDir.empty() ? defaultDataDir() : std::filesystem::path(o.dataDir);

    const bool terminal = stdoutIsTerminal();
    std::stop_source stop;
    std::signal(SIGINT, onDownloadInterrupt);
    // Ctrl+C: a watcher turns the signal flag into a stop request; the transfer ends within a second.
    std::jthread watcher([&stop](std::stop_token done) {
        while (!done.stop_requested()) {
            if (g_interrupted.load()) {
                stop.request_stop();
                return;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
        }
    });
    DownloadOptions options;
    options.extraMirrors = o.mirrors;
    options.force = o.force;
    options.stallTimeoutSeconds = o.timeout;
    options.connectTimeoutSeconds = o.timeout;
    options.stop = stop.get_token();
    double lastPlain = -1;
    std::string lastFile;
    options.onProgress = [&](const DownloadProgress& p) {
        const double within = p.fileTotal ? static_cast<double>(p.fileBytes) / p.fileTotal : 0.0;
        if (terminal) {
            const int filled = static_cast<int>(p.overall * kBarWidth);
            std::printf("\r\033[K[%s%s] %3.0f%%  %s %.1f/%.1f MB", std::string(filled, '#').c_str(),
                        std::string(kBarWidth - filled, '.').c_str(), p.overall * 100, p.file.c_str(),
                        p.fileBytes / 1e6, p.fileTotal / 1e6);
            std::fflush(stdout);
        } else if (p.file != lastFile || within >= lastPlain + kPlainLineStep || within == 1.0) {
            if (p.file != lastFile) lastPlain = -1;
            if (within <= lastPlain) return;
            lastFile = p.file;
            lastPlain = within;
            std::printf("%s: %.0f%% (%llu of %llu bytes)\n", p.file.c_str(), within * 100,
                        static_cast<unsigned long long>(p.fileBytes), static_cast<unsigned long long>(p.fileTotal));
            std::fflush(stdout);
        }
    };
    options.onMessage = [&](const std::string& m) {
        std::fprintf(stderr, "%s%s, trying the next mirror\n", terminal ? "\n" : "", m.c_str());
    };
    DownloadReport report;
    try {
        report = downloadDataset(info, dataDir, options);
    } catch (...) {
        std::signal(SIGINT, SIG_DFL);
        if (terminal) std::printf("\n");
        throw;
    }
    std::signal(SIGINT, SIG_DFL);
    if (terminal) std::printf("\n");
    for (const auto& f : report.files)
        std::printf("%s: %s\n", f.name.c_str(),
                    f.alreadyPresent ? "already present, checksum ok" : ("from " + f.url + ", MD5 ok").c_str());
    std::printf("%s is ready in %s\n", info.displayName.c_str(), report.folder.string().c_str());
}

} // namespace

void addDownloadCommand(CLI::App& app) {
    auto o = std::make_shared<DownloadCliOptions>();
    CLI::App* cmd = app.add_subcommand("download", "Download a catalog data set (checked by MD5) into the data dir");
    cmd->add_option("--dataset", o->dataset,
                    "a catalog id: mnist, fashion-mnist, kmnist, qmnist, emnist-<split>, cifar10, cifar100 "
                    "('normlab-cli datasets' lists them)")
        ->required();
    cmd->add_option("--data-dir", o->dataDir,
                    "data directory (default: $NORMLAB_DATA_DIR, else $XDG_DATA_HOME/normlab)");
    cmd->add_option("--mirror", o->mirrors, "extra base URL tried before the official mirrors (repeatable)");
    cmd->add_option("--md5-file", o->md5File, "expected checksums in md5sum format, replacing the catalog's");
    cmd->add_flag("--no-default-mirrors", o->onlyGivenMirrors,
                  "use only the --mirror URLs (an internal mirror; the tests, which must not reach the internet)");
    cmd->add_flag("--force", o->force, "download again even when valid files are present");
    cmd->add_option("--timeout", o->timeout, "seconds before a silent connection or transfer counts as failed")
        ->capture_default_str();
    cmd->callback([o] { runDownload(*o); });
}

} // namespace normlab::cli
