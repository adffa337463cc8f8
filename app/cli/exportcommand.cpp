#include "app/cli/exportcommand.h"

#include <filesystem>
#include <iostream>
#include <memory>

#include "app/cli/datasetoptions.h"
#include "core/common/error.h"
#include "core/data/formats/idx/idxarray.h"

namespace normlab::cli {
namespace {

struct ExportOptions {
    DatasetOptions data;
    std::string out;
    bool gzipped = false;
    bool torchvisionLayout = false;
};

void writeSplit(const ImageSet& set, const std::filesystem::path& dir, const std::string& prefix, bool gzipped) {
    const std::string ext = gzipped ? ".gz" : "";
    IdxArray images;
    images.dims = {static_cast<std::uint32_t>(set.count)};
    if (set.channels != 1) images.dims.push_back(static_cast<std::uint32_t>(set.channels));
    images.dims.push_back(static_cast<std::uint32_t>(set.height));
    images.dims.push_back(static_cast<std::uint32_t>(set.width));
    images.data = set.pixels;
    writeIdx(dir / (prefix + "-images-idx3-ubyte" + ext), images);
    writeIdx(dir / (prefix + "-labels-idx1-ubyte" + ext),
             IdxArray{{static_cast<std::uint32_t>(set.count)}, set.labels});
}

void runExport(const ExportOptions& o) {
    std::filesystem::path dir = o.out;
    if (o.torchvisionLayout) dir = dir / "MNIST" / "raw"; // torchvision.datasets.MNIST(root=OUT) reads this folder
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(dir.string() + ": cannot create directory: " + ec.message());
    const auto request = o.data.request();
    writeSplit(openSplit(request, "train"), dir, "train", o.gzipped);
    writeSplit(openSplit(request, "test"), dir, "t10k", o.gzipped);
    std::cerr << "wrote 4 IDX files to " << dir.string() << "\n";
}

} // namespace

void addExportCommand(CLI::App& app) {
    auto options = std::make_shared<ExportOptions>();
    CLI::App* cmd = app.add_subcommand("export", "Write a data set's train and test splits as IDX files");
    options->data.addTo(*cmd);
    cmd->add_option("--out", options->out, "output folder")->required();
    cmd->add_flag("--gzip", options->gzipped, "write .gz files");
    cmd->add_flag("--torchvision-layout", options->torchvisionLayout,
                  "write into OUT/MNIST/raw so torchvision.datasets.MNIST(root=OUT) reads it");
    cmd->callback([options] { runExport(*options); });
}

} // namespace normlab::cli
