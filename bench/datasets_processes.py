#!/usr/bin/env python3
"""Whole-process benchmark of per-channel statistics of colour data sets (issue #12).

Each program is started REPEATS times and timed from spawn to exit, with its peak memory, in the
same run, on the same files:

Image folder (torchvision ImageFolder layout, ROOT/train/<class>/<image>.jpg): FashionMNIST's
first IMAGES training images from Debian's dataset-fashion-mnist, enlarged to SIDE x SIDE, tinted
per class, with Gaussian grain of std NOISE (photographs have texture; enlarged 28x28 images alone
are so smooth that JPEG decodes them unusually fast) and saved as JPEG (quality 90).
  normlab-cli stats                 NormLab's complete statistics bundle (streamed, all cores)
  normlab-cli normalize             NormLab's per-channel mean and std alone (the Normalize line):
                                    the same decoding, sums instead of histograms
  PyTorch script                    ImageFolder + ToTensor + DataLoader(num_workers=2), summing
                                    per channel: the usual answer to "mean and std of my data set"
  NormLab decode only               normlab-datasetbench decode: the decoder on all cores, nothing
                                    else (the floor)
  Pillow decode only                Image.open(f).convert("RGB") over the files, one process

CIFAR-10 as the pickles torchvision downloads (written as Python 2 wrote them, random pixels):
  normlab-cli stats                 train split, 50,000 images: load + the complete bundle
  normlab-cli stats --split test    test split with the train split's parameters: loads all 60,000
  normlab-cli normalize             train split's Normalize line
  NumPy on torchvision's CIFAR10    CIFAR10(root, train=True).data.mean/std per channel

Prints Markdown tables with each median's ratio to references in the same run.
  bench/datasets_processes.py [--build build] [--repeats 3] [--images 5000] [--side 224] [--noise 6]
"""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

DEBIAN = "/usr/share/datasets/fashion-mnist"

PYTORCH = """
import sys, torch, torchvision, torchvision.transforms as T
from torch.utils.data import DataLoader
torch.set_num_threads(2)
data = torchvision.datasets.ImageFolder(sys.argv[1], transform=T.ToTensor())
loader = DataLoader(data, batch_size=64, num_workers=2)
total = torch.zeros(3, dtype=torch.float64); squares = torch.zeros(3, dtype=torch.float64); n = 0
for x, _ in loader:
    x = x.double()
    total += x.sum((0, 2, 3)); squares += (x * x).sum((0, 2, 3)); n += x.numel() // 3
mean = total / n
print(mean.tolist(), (squares / n - mean * mean).sqrt().tolist())
"""

PILLOW = """
import sys, os
from PIL import Image
n = 0
for root, _, files in os.walk(sys.argv[1]):
    for f in files:
        Image.open(os.path.join(root, f)).convert("RGB").tobytes(); n += 1
print(n)
"""

# torchvision.datasets.CIFAR10 reads the batches exactly so (it refuses these generated files: their
# MD5s are not the published ones), then the usual data.mean/std per channel.
CIFAR_NUMPY = """
import sys, pickle, numpy as np
batches = [pickle.load(open(f"{sys.argv[1]}/cifar-10-batches-py/data_batch_{i}", "rb"), encoding="latin1")
           for i in range(1, 6)]
x = np.vstack([b["data"] for b in batches]).reshape(-1, 3, 32, 32).transpose((0, 2, 3, 1)) / 255.0
print(x.mean(axis=(0, 1, 2)), x.std(axis=(0, 1, 2)))
"""


def make_folder(root, images, side, noise, python):
    script = f"""
import gzip, os, numpy as np
from PIL import Image
with gzip.open('{DEBIAN}/train-images-idx3-ubyte.gz') as f: x = np.frombuffer(f.read(), np.uint8, offset=16).reshape(-1, 28, 28)
with gzip.open('{DEBIAN}/train-labels-idx1-ubyte.gz') as f: y = np.frombuffer(f.read(), np.uint8, offset=8)
rng = np.random.default_rng(0)
tints = rng.uniform(0.4, 1.0, (10, 3))
for i in range({images}):
    d = '{root}/train/class%d' % y[i]
    os.makedirs(d, exist_ok=True)
    grey = np.asarray(Image.fromarray(x[i]).resize(({side}, {side}), Image.BICUBIC), dtype=np.float64)
    rgb = np.clip(grey[..., None] * tints[y[i]] + rng.normal(0, {noise}, ({side}, {side}, 3)), 0, 255).astype(np.uint8)
    Image.fromarray(rgb).save('%s/%05d.jpg' % (d, i), quality=90)
"""
    subprocess.run([python, "-c", script], check=True)


def timed(cmd, repeats):
    """Median wall time of REPEATS runs and the largest peak memory (MB) of one run."""
    times, peaks = [], []
    for _ in range(repeats):
        with tempfile.TemporaryFile() as err:
            start = time.perf_counter()
            proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=err)
            _, status, usage = os.wait4(proc.pid, 0)
            elapsed = time.perf_counter() - start
            proc.returncode = os.waitstatus_to_exitcode(status)
            if proc.returncode != 0:
                err.seek(0)
                sys.exit(f"{' '.join(cmd)} failed: {err.read().decode()}")
        times.append(elapsed)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def table(title, rows, references):
    medians = dict(rows)
    heads = "".join(f" x {r} |" for r in references)
    print(f"\n{title}\n\n| program | s (median) | peak MB |{heads}\n|---|---:|---:|" + "---:|" * len(references))
    for name, (seconds, peak) in rows:
        ratios = "".join(f" {seconds / medians[r][0]:.2f} |" for r in references)
        print(f"| {name} | {seconds:.3f} | {peak:.0f} |{ratios}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--images", type=int, default=5000)
    ap.add_argument("--side", type=int, default=224)
    ap.add_argument("--noise", type=float, default=6.0)
    ap.add_argument("--python", default="/usr/bin/python3")
    a = ap.parse_args()
    cli = os.path.join(a.build, "app", "normlab-cli")
    helper = os.path.join(a.build, "bench", "normlab-datasetbench")
    with tempfile.TemporaryDirectory() as tmp:
        folder = os.path.join(tmp, "folder")
        make_folder(folder, a.images, a.side, a.noise, a.python)
        print(f"{a.images} JPEGs of {a.side}x{a.side} (FashionMNIST, tinted, grain {a.noise}), {os.cpu_count()} "
              f"cores, median of {a.repeats}")
        rows = [
            ("normlab-cli stats", timed([cli, "stats", "--dataset", folder], a.repeats)),
            ("normlab-cli normalize", timed([cli, "normalize", "--dataset", folder], a.repeats)),
            ("PyTorch ImageFolder + DataLoader(num_workers=2)",
             timed([a.python, "-c", PYTORCH, os.path.join(folder, "train")], a.repeats)),
            ("NormLab decode only", timed([helper, "decode", folder], a.repeats)),
            ("Pillow decode only (1 process)", timed([a.python, "-c", PILLOW, folder], a.repeats)),
        ]
        table("Image folder: per-channel mean and std", rows, ["NormLab decode only", "normlab-cli stats",
                                                                "normlab-cli normalize"])

        cifar = os.path.join(tmp, "cifar")
        subprocess.run([helper, "write-cifar", cifar], check=True)
        rows = [
            ("normlab-cli stats (train, 50,000)", timed([cli, "stats", "--dataset", "cifar10", "--data-dir", cifar],
                                                        a.repeats)),
            ("normlab-cli stats --split test (loads 60,000)",
             timed([cli, "stats", "--dataset", "cifar10", "--data-dir", cifar, "--split", "test"], a.repeats)),
            ("normlab-cli normalize (train)", timed([cli, "normalize", "--dataset", "cifar10", "--data-dir", cifar],
                                                    a.repeats)),
            ("NumPy as torchvision reads CIFAR10 (mean/std only)", timed([a.python, "-c", CIFAR_NUMPY, cifar], a.repeats)),
        ]
        table("CIFAR-10 from its pickles", rows, ["normlab-cli stats (train, 50,000)"])


if __name__ == "__main__":
    main()
