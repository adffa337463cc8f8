#!/usr/bin/env python3
"""Whole-process benchmark of statistics, as users run them (issue #15).

On Debian's real FashionMNIST (package dataset-fashion-mnist), in the same run, each program is
started REPEATS times and timed from spawn to exit, with its peak memory (ru_maxrss):

  normlab-cli stats      on the files as torchvision leaves them (ROOT/FashionMNIST/raw, plain)
  normlab-cli stats      on Debian's .gz files as installed
  the lesson's easy way  torchvision FashionMNIST + ToTensor + one DataLoader batch of 60,000
  the lesson's hard way  the same in batches of 1000, two passes (sum, then squared error)
  NumPy bincount         np.fromfile + np.bincount over the plain images file
  normlab-cli --version
  normlab --benchmark-startup   process start -> first paint of the image grid with data, on Qt's
                                offscreen platform and, where xvfb-run is installed, under Xvfb

and prints a Markdown table with each median's ratio to NormLab's `stats` on the same files.
The Python programs need Debian's python3-torch, python3-torchvision and python3-numpy
(/usr/bin/python3; a pyenv/venv python3 earlier on PATH usually lacks them: --python).

  bench/stats_processes.py [--build build] [--repeats 3] [--python /usr/bin/python3]
"""
import argparse
import gzip
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

DEBIAN = "/usr/share/datasets/fashion-mnist"
FILES = ["train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte"]

EASY = """
import sys, torch, torchvision, torchvision.transforms as T
from torch.utils.data import DataLoader
torch.set_num_threads(2)
train_set = torchvision.datasets.FashionMNIST(root=sys.argv[1], train=True, download=False, transform=T.ToTensor())
loader = DataLoader(train_set, batch_size=len(train_set), num_workers=1)
data = next(iter(loader))
print(data[0].mean().item(), data[0].std().item())
"""

HARD = """
import sys, torch, torchvision, torchvision.transforms as T
from torch.utils.data import DataLoader
torch.set_num_threads(2)
train_set = torchvision.datasets.FashionMNIST(root=sys.argv[1], train=True, download=False, transform=T.ToTensor())
loader = DataLoader(train_set, batch_size=1000, num_workers=1)
num_of_pixels = len(train_set) * 28 * 28
total_sum = 0
for batch in loader:
    total_sum += batch[0].sum()
mean = total_sum / num_of_pixels
sum_of_squared_error = 0
for batch in loader:
    sum_of_squared_error += ((batch[0] - mean).pow(2)).sum()
print(mean.item(), torch.sqrt(sum_of_squared_error / num_of_pixels).item())
"""

BINCOUNT = """
import sys, numpy as np
x = np.fromfile(sys.argv[1], dtype=np.uint8, offset=16)
counts = np.bincount(x, minlength=256)
v = np.arange(256) / 255.0
n = counts.sum()
mean = (counts * v).sum() / n
print(mean, np.sqrt((counts * (v - mean) ** 2).sum() / n))
"""


def run(argv, env=None):
    """Runs argv once: (wall seconds, peak RSS in MB, stdout)."""
    start = time.perf_counter()
    p = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
    out = p.stdout.read()
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0:
        sys.exit(f"{' '.join(argv)}: exit status {p.returncode}")
    return wall, usage.ru_maxrss / 1024.0, out.decode()


def measure(name, argv, repeats, env=None, seconds_from=None):
    walls, rss = [], []
    for _ in range(repeats):
        wall, mb, out = run(argv, env)
        walls.append(seconds_from(out) if seconds_from else wall)
        rss.append(mb)
    return {"name": name, "median": statistics.median(walls), "min": min(walls), "max": max(walls),
            "rss": max(rss)}


def startup_seconds(out):
    m = re.search(r"first paint with data: ([0-9.]+) s", out)
    if not m:
        sys.exit("normlab --benchmark-startup printed no time: " + out)
    return float(m.group(1))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--python", default="/usr/bin/python3")
    ap.add_argument("--no-python", action="store_true", help="NormLab's programs only")
    args = ap.parse_args()
    if not os.path.isdir(DEBIAN):
        sys.exit(f"{DEBIAN} is missing: sudo apt-get install dataset-fashion-mnist")
    cli = os.path.join(args.build, "app", "normlab-cli")
    gui = os.path.join(args.build, "app", "gui", "normlab")

    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "FashionMNIST", "raw")
        os.makedirs(raw)
        for f in FILES:  # the layout torchvision's FashionMNIST(download=False) reads
            with gzip.open(os.path.join(DEBIAN, f + ".gz")) as src, open(os.path.join(raw, f), "wb") as dst:
                shutil.copyfileobj(src, dst)
        env = dict(os.environ, XDG_DATA_DIRS="/usr/local/share:/usr/share", NORMLAB_DATA_DIR=os.path.join(tmp, "none"))
        rows = [measure("normlab-cli stats (torchvision's raw files)",
                        [cli, "stats", "--dataset", tmp, "--out", os.path.join(tmp, "a.json")], args.repeats, env),
                measure("normlab-cli stats (Debian's .gz files)",
                        [cli, "stats", "--dataset", "fashion-mnist", "--out", os.path.join(tmp, "b.json")],
                        args.repeats, env)]
        if not args.no_python:
            rows += [measure("lesson's easy way (torchvision, one batch)", [args.python, "-c", EASY, tmp], args.repeats),
                     measure("lesson's hard way (torchvision, batches of 1000)", [args.python, "-c", HARD, tmp],
                             args.repeats),
                     measure("NumPy bincount (plain images file)",
                             [args.python, "-c", BINCOUNT, os.path.join(raw, FILES[0])], args.repeats)]
        rows.append(measure("normlab-cli --version", [cli, "--version"], args.repeats))
        if os.path.exists(gui):
            argv = [gui, "--dataset", "fashion-mnist", "--benchmark-startup"]
            rows.append(measure("normlab: process start to first paint with data (offscreen)", argv, args.repeats,
                                dict(env, QT_QPA_PLATFORM="offscreen"), startup_seconds))
            if shutil.which("xvfb-run"):  # a real X server, as on a desktop (xcb platform)
                rows.append(measure("normlab: process start to first paint with data (Xvfb, 1280x720)",
                                    ["xvfb-run", "-a", "-s", "-screen 0 1280x720x24"] + argv, args.repeats, env,
                                    startup_seconds))

    ref = rows[0]["median"]
    print(f"Whole processes, median of {args.repeats} (min-max), {os.cpu_count()} cores; ratio = median / "
          f"normlab-cli stats on the same files\n")
    print("| program | seconds | min-max | peak MB | x normlab stats |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['name']} | {r['median']:.3f} | {r['min']:.3f}-{r['max']:.3f} | {r['rss']:.0f} | "
              f"{r['median'] / ref:.1f} |")


if __name__ == "__main__":
    main()
