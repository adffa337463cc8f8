#include "core/train/script/pythonscriptparts.h"

#include <algorithm>

#include "core/common/error.h"
#include "core/train/script/pythonsource.h"

namespace normlab::python {
namespace {

bool uses(const std::vector<Method>& methods, Method m) {
    return std::find(methods.begin(), methods.end(), m) != methods.end();
}

std::string intTuple(const std::vector<int>& values) {
    std::string out = "(";
    for (std::size_t i = 0; i < values.size(); ++i)
        out += (i ? ", " : "") + std::to_string(values[i]);
    return out + (values.size() == 1 ? ",)" : ")");
}

// Side of a feature map after a k x k convolution with padding p, and after 2 x 2 max pooling.
int conv(int side, int k, int p = 0) {
    return side + 2 * p - k + 1;
}
int pool(int side) {
    return side / 2;
}

// "nn.Linear(12 * 4 * 4, 120),  # 12 maps of 4 x 4 …": the flattened size written out, as a reader
// of the network would work it out.
std::string flatLinear(int maps, int height, int width, int out) {
    return "        nn.Linear(" + std::to_string(maps) + " * " + std::to_string(height) + " * " +
           std::to_string(width) + ", " + std::to_string(out) + "),  # " + std::to_string(maps) + " feature maps of " +
           std::to_string(height) + " x " + std::to_string(width) + ", flattened\n";
}

std::string idxReader(const ScriptData& data) {
    std::string code = R"py(def read_idx(path):
    """One IDX file, plain or gzip-compressed, as a NumPy array.

    A minimal reader rather than torchvision.datasets.MNIST, which wants ROOT/MNIST/raw/ with the
    files unpacked under their published names: NormLab reads IDX files in any folder, .gz or not
    (Debian's /usr/share/datasets among them)."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":  # gzip's magic number
        data = gzip.decompress(data)
    dtype = {0x08: np.uint8, 0x0C: np.dtype(">i4")}[data[2]]  # bytes, or big-endian int32 (QMNIST's labels)
    ndim = data[3]
    shape = struct.unpack(f">{ndim}I", data[4 : 4 + 4 * ndim])
    return np.frombuffer(data, dtype, count=math.prod(shape), offset=4 + 4 * ndim).reshape(shape)


def read_split(split):
    """A split's images file (N x H x W, or N x C x H x W) and its labels file."""
    images_path, labels_path = DATA_FILES[split]
    images = read_idx(images_path)
    if images.ndim == 3:  # N x H x W: one channel
        images = images[:, None]
)py";
    if (data.transposed)
        code += "    images = images.transpose(0, 1, 3, 2)  # stored transposed (as EMNIST's files are): "
                "turned upright, as NormLab shows them\n";
    code += R"py(    labels = read_idx(labels_path)
    if labels.ndim == 2:  # QMNIST: N x 8 int32 per image, the class first
        labels = labels[:, 0]
    return images, labels
)py";
    return code;
}

std::string cifarPickleReader(const ScriptData& data) {
    return std::string(R"py(def read_split(split):
    """CIFAR's python batches, unpickled as torchvision's CIFAR10/CIFAR100 do: each a dict whose "data"
    holds N x 3072 bytes (1024 red, 1024 green, 1024 blue per image), concatenated in file order.

    Read directly rather than with torchvision.datasets.CIFAR10/100, which check every file's MD5
    against the published archive and want the folder under its published name: NormLab reads any
    copy of the batches."""
    images, labels = [], []
    for path in DATA_FILES[split]:
        with open(path, "rb") as f:
            batch = pickle.load(f, encoding="latin1")
        images.append(np.asarray(batch["data"], dtype=np.uint8).reshape(-1, CHANNELS, HEIGHT, WIDTH))
        labels.append(np.asarray(batch[")py") +
           (data.cifarVariant == 100 ? "fine_labels" : "labels") + R"py("]))
    return np.concatenate(images), np.concatenate(labels)
)py";
}

std::string cifarBinaryReader(const ScriptData& data) {
    const bool hundred = data.cifarVariant == 100;
    return std::string("# CIFAR's binary records: the label byte") + (hundred ? "s (coarse, then fine)" : "") +
           ", then 3072 pixel bytes (1024 red, 1024 green, 1024 blue).\n"
           "LABEL_BYTES = " +
           (hundred ? "2" : "1") + R"py(


def read_split(split):
    records = np.concatenate([np.fromfile(path, dtype=np.uint8) for path in DATA_FILES[split]])
    records = records.reshape(-1, LABEL_BYTES + CHANNELS * HEIGHT * WIDTH)
    return records[:, LABEL_BYTES:].reshape(-1, CHANNELS, HEIGHT, WIDTH), records[:, LABEL_BYTES - 1]
)py";
}

constexpr const char* kNumpyPairReader = R"py(def read_split(split):
    """Images N x H x W, or N x H x W x C (channels last, as NumPy arrays hold them), and labels (N,) or (N, 1)."""
    images_path, labels_path = DATA_FILES[split]
    images = np.load(images_path)
    images = images[:, None] if images.ndim == 3 else images.transpose(0, 3, 1, 2)
    return images, np.load(labels_path).reshape(-1)
)py";

constexpr const char* kMedMnistReader = R"py(def read_split(split):
    """A MedMNIST .npz: SPLIT_images (N x H x W, or N x H x W x C) and SPLIT_labels (N x 1)."""
    (path,) = DATA_FILES[split]
    with np.load(path) as arrays:
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
    images = images[:, None] if images.ndim == 3 else images.transpose(0, 3, 1, 2)
    return images, labels.reshape(-1)
)py";

constexpr const char* kImageFolderReader = R"py(def read_split(split):
    """An image folder as torchvision's ImageFolder lists it (classes: the sorted class folder names) and
    decodes it (PIL, then .convert("RGB")), as NormLab reads it; the first LIMIT images only."""
    folder = datasets.ImageFolder(DATA_FILES[split][0])
    samples = folder.samples[:LIMIT] if LIMIT else folder.samples
    to_bytes = transforms.PILToTensor()
    images = torch.stack([to_bytes(folder.loader(path)) for path, _ in samples])
    return images.numpy(), np.array([label for _, label in samples])
)py";

constexpr const char* kLoad = R"py(

def load(split):
    """A split as NormLab holds it: uint8 images N x C x H x W and int64 labels, the first LIMIT only."""
    images, labels = read_split(split)
    if LIMIT:
        images, labels = images[:LIMIT], labels[:LIMIT]
    images = np.array(images, dtype=np.uint8, order="C")  # a writable copy in C order
    return torch.from_numpy(images), torch.from_numpy(np.array(labels, dtype=np.int64))
)py";

} // namespace

std::string importsCode(const ScriptData& data) {
    std::string code = "import argparse\nimport decimal\n";
    if (data.format == ScriptDataFormat::Idx) code += "import gzip\n";
    code += "import math\n";
    if (data.format == ScriptDataFormat::CifarPickle) code += "import pickle\n";
    if (data.format == ScriptDataFormat::Idx) code += "import struct\n";
    code += "import time\n\nimport numpy as np\nimport torch\nimport torch.nn as nn\nimport torch.nn.functional as F\n";
    code += data.format == ScriptDataFormat::ImageFolder ? "from torchvision import datasets, transforms\n"
                                                         : "from torchvision import transforms\n";
    return code;
}

std::string readerCode(const ScriptData& data) {
    std::string code;
    switch (data.format) {
    case ScriptDataFormat::Idx:
        code = idxReader(data);
        break;
    case ScriptDataFormat::CifarPickle:
        code = cifarPickleReader(data);
        break;
    case ScriptDataFormat::CifarBinary:
        code = cifarBinaryReader(data);
        break;
    case ScriptDataFormat::NumpyPair:
        code = kNumpyPairReader;
        break;
    case ScriptDataFormat::MedMnistNpz:
        code = kMedMnistReader;
        break;
    case ScriptDataFormat::ImageFolder:
        code = kImageFolderReader;
        break;
    }
    return code + kLoad;
}

std::string constantsCode(const std::vector<Method>& methods, const NormalizationParams& params) {
    std::string code;
    if (uses(methods, Method::ZScore)) {
        std::vector<double> stds = params.std;
        bool floored = false;
        for (auto& s : stds)
            if (!(s > 0)) s = 1.0, floored = true;
        code += "# zscore: transforms.Normalize(mean, std) after ToTensor(), per channel: the mean and population std\n"
                "# (divided by N) of pixel/255 over every pixel of the train split.\n"
                "ZSCORE_MEAN = " +
                fullTuple(params.mean) + "\nZSCORE_STD = " + fullTuple(stds) +
                (floored ? "  # a channel that is constant in the train split keeps std 1, as in NormLab" : "") + "\n";
    }
    if (uses(methods, Method::MinMax))
        code += "# minmax: each channel's smallest and largest byte in the train split, mapped to MINMAX_RANGE.\n"
                "MINMAX_MIN_BYTE = " +
                intTuple(params.minByte) + "\nMINMAX_MAX_BYTE = " + intTuple(params.maxByte) + "\nMINMAX_RANGE = (" +
                fullFloat(params.rangeLow) + ", " + fullFloat(params.rangeHigh) + ")\n";
    if (code.empty()) code = "# (none of this experiment's normalizations takes constants from the data)\n";
    return code;
}

std::string normalizationCode(const std::vector<Method>& methods) {
    std::string code =
        R"py(# ToTensor() turns a uint8 image into float32 pixel/255. The images stay uint8 on the device, as in
# NormLab, and ConvertImageDtype does exactly that to a whole batch there.
to_tensor = transforms.ConvertImageDtype(torch.float32)
)py";
    if (uses(methods, Method::Raw255))
        code += R"py(

def raw255(images):
    """raw255: the bytes as floats, 0..255: ToTensor()'s division by 255 left out."""
    return images.float()
)py";
    if (uses(methods, Method::MinMax))
        code += R"py(

def minmax(images):
    """minmax: each channel's [smallest, largest] byte of the train split mapped linearly to MINMAX_RANGE;
    a channel that is constant in the train split maps to the range's low end, as in NormLab."""
    low, high = MINMAX_RANGE
    smallest = torch.tensor(MINMAX_MIN_BYTE, dtype=torch.float32, device=images.device).view(1, -1, 1, 1)
    largest = torch.tensor(MINMAX_MAX_BYTE, dtype=torch.float32, device=images.device).view(1, -1, 1, 1)
    scale = torch.where(largest > smallest, (high - low) / (largest - smallest).clamp_min(1), torch.zeros_like(largest))
    return low + (images.float() - smallest) * scale
)py";
    if (uses(methods, Method::PerSample))
        code += R"py(

def per_sample(images):
    """per-sample: each channel of each image standardized by its own mean and population std, the std
    at least 1/sqrt(pixels) as in tf.image.per_image_standardization, so a blank image maps to 0."""
    x = to_tensor(images)
    centred = x - x.mean(dim=(2, 3), keepdim=True)
    std = centred.pow(2).mean(dim=(2, 3), keepdim=True).sqrt().clamp_min(1 / math.sqrt(HEIGHT * WIDTH))
    return centred / std
)py";
    code +=
        "\n\n# Each normalization: a uint8 batch N x C x H x W in, what the network sees out.\nNORMALIZATIONS = {\n";
    for (Method m : kAllMethods) {
        if (!uses(methods, m)) continue;
        switch (m) {
        case Method::Raw255:
            code += "    \"raw255\": raw255,\n";
            break;
        case Method::None:
            code += "    \"none\": to_tensor,  # ToTensor() alone: pixel/255 in [0, 1]\n";
            break;
        case Method::MinMax:
            code += "    \"minmax\": minmax,\n";
            break;
        case Method::ZScore:
            code += "    \"zscore\": transforms.Compose([to_tensor, transforms.Normalize(ZSCORE_MEAN, ZSCORE_STD)]),\n";
            break;
        case Method::PerSample:
            code += "    \"per-sample\": per_sample,\n";
            break;
        }
    }
    return code + "}\n";
}

std::string modelCode(const std::vector<std::string>& models, const ScriptData& data) {
    const int h = data.height, w = data.width;
    std::string code, table = "\n\nMODELS = {\n";
    for (const auto& name : models) {
        std::string function = name;
        std::replace(function.begin(), function.end(), '-', '_');
        if (!code.empty()) code += "\n\n";
        code += "def " + function + "():\n";
        if (name == "lesson-cnn" || name == "lesson-cnn-bn") {
            const bool bn = name == "lesson-cnn-bn";
            code +=
                bn ? "    \"\"\"The lesson's network with batch norm after every hidden layer (the lesson's closing "
                     "suggestion).\"\"\"\n"
                   : "    \"\"\"The lesson's network: two 5x5 convolutions with max pooling, then 120 and 60 "
                     "hidden units.\"\"\"\n";
            code += "    return nn.Sequential(\n";
            code += std::string("        nn.Conv2d(CHANNELS, 6, 5), ") + (bn ? "nn.BatchNorm2d(6), " : "") +
                    "nn.ReLU(), nn.MaxPool2d(2),\n";
            code += std::string("        nn.Conv2d(6, 12, 5), ") + (bn ? "nn.BatchNorm2d(12), " : "") +
                    "nn.ReLU(), nn.MaxPool2d(2),\n";
            code += "        nn.Flatten(),\n";
            code += flatLinear(12, pool(conv(pool(conv(h, 5)), 5)), pool(conv(pool(conv(w, 5)), 5)), 120);
            code += std::string("        ") + (bn ? "nn.BatchNorm1d(120), " : "") + "nn.ReLU(),\n";
            code += std::string("        nn.Linear(120, 60), ") + (bn ? "nn.BatchNorm1d(60), " : "") + "nn.ReLU(),\n";
            code += "        nn.Linear(60, CLASSES),\n    )\n";
        } else if (name == "lenet5") {
            code += "    \"\"\"LeNet-5 with ReLU and max pooling.\"\"\"\n    return nn.Sequential(\n"
                    "        nn.Conv2d(CHANNELS, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),\n"
                    "        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),\n"
                    "        nn.Flatten(),\n";
            code += flatLinear(16, pool(conv(pool(conv(h, 5, 2)), 5)), pool(conv(pool(conv(w, 5, 2)), 5)), 120);
            code += "        nn.ReLU(),\n        nn.Linear(120, 84), nn.ReLU(),\n        nn.Linear(84, CLASSES),\n"
                    "    )\n";
        } else if (name == "cifar-cnn") {
            code += "    \"\"\"Two VGG-style blocks of 3x3 convolutions, for 32x32 colour photographs.\"\"\"\n"
                    "    return nn.Sequential(\n"
                    "        nn.Conv2d(CHANNELS, 32, 3, padding=1), nn.ReLU(), nn.Conv2d(32, 32, 3, padding=1), "
                    "nn.ReLU(), nn.MaxPool2d(2),\n"
                    "        nn.Conv2d(32, 64, 3, padding=1), nn.ReLU(), nn.Conv2d(64, 64, 3, padding=1), nn.ReLU(), "
                    "nn.MaxPool2d(2),\n"
                    "        nn.Flatten(),\n";
            code += flatLinear(64, pool(pool(h)), pool(pool(w)), 256);
            code += "        nn.ReLU(),\n        nn.Linear(256, 128), nn.ReLU(),\n        nn.Linear(128, CLASSES),\n"
                    "    )\n";
        } else if (name == "mlp") {
            code += "    \"\"\"One hidden layer of 128 units.\"\"\"\n"
                    "    return nn.Sequential(nn.Flatten(), nn.Linear(CHANNELS * HEIGHT * WIDTH, 128), nn.ReLU(), "
                    "nn.Linear(128, CLASSES))\n";
        } else {
            throw Error("unknown model '" + name + "'");
        }
        table += "    \"" + name + "\": " + function + ",\n";
    }
    return code + table + "}\n";
}

} // namespace normlab::python
