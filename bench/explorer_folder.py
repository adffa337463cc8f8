#!/usr/bin/env python3
"""The explorer on a folder of 100,000 photographs: time from process start to the first thumbnail
painted, and peak memory then, against the built-in digits in the same run (issue #25).

The photographs are 1,000 distinct 500x375 JPEGs (smooth colour fields with noise, the size of
Imagenette's photos; Debian's python3-pil writes them), each hard-linked 100 times into ten class
folders: 100,000 directory entries, 56 GB if decoded whole, 1,000 files' worth of disk. Each run is
one whole `normlab --benchmark-startup` process on Qt's offscreen platform with a fresh home folder.

  bench/explorer_folder.py [--build build] [--images 100000] [--repeats 3] [--tmp DIR]
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile

CLASSES, DISTINCT, WIDTH, HEIGHT = 10, 1000, 500, 375


def write_folder(root, images):
    try:
        import numpy as np
        from PIL import Image
    except ImportError:
        sys.exit("needs Debian's python3-pil and python3-numpy (run with /usr/bin/python3)")
    rng = np.random.default_rng(25)
    per_class = images // CLASSES
    for k in range(CLASSES):
        folder = os.path.join(root, "train", f"class{k}")
        os.makedirs(folder)
        originals = []
        for j in range(DISTINCT // CLASSES):
            y, x = np.mgrid[0:HEIGHT, 0:WIDTH]
            base = rng.uniform(0, 255, 3)
            slope = rng.uniform(-0.4, 0.4, (3, 2))
            pixels = np.stack([base[c] + slope[c, 0] * x + slope[c, 1] * y for c in range(3)], axis=-1)
            pixels += rng.normal(0, 12, pixels.shape)
            path = os.path.join(folder, f"a{j:04d}.jpg")
            Image.fromarray(np.clip(pixels, 0, 255).astype(np.uint8)).save(path, quality=90)
            originals.append(path)
        for n in range(per_class - len(originals)):
            os.link(originals[n % len(originals)], os.path.join(folder, f"b{n:06d}.jpg"))


def first_thumbnail(normlab, dataset, home):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=home, XDG_CONFIG_HOME=os.path.join(home, ".config"),
               XDG_CACHE_HOME=os.path.join(home, ".cache"))
    out = subprocess.run([normlab, "--benchmark-startup", "--dataset", dataset], env=env, capture_output=True,
                         text=True, timeout=600).stdout
    m = re.search(r"first paint with data: ([0-9.]+) s .* peak ([0-9]+) MB", out)
    if not m:
        sys.exit(f"normlab --benchmark-startup --dataset {dataset} printed no time:\n{out}")
    return float(m.group(1)), float(m.group(2))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--images", type=int, default=100000)
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--tmp", default=None)
    args = ap.parse_args()
    normlab = os.path.join(args.build, "app", "gui", "normlab")
    with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
        root = os.path.join(tmp, "photos")
        write_folder(root, args.images)
        rows = []
        for name, dataset in (("built-in digits (held in memory; the reference)", "synthetic"),
                              (f"{args.images:,} photographs, {WIDTH}x{HEIGHT} JPEG (an image folder)", root)):
            runs = []
            for r in range(args.repeats):
                home = os.path.join(tmp, f"home-{len(rows)}-{r}")
                os.makedirs(home)
                runs.append(first_thumbnail(normlab, dataset, home))
            rows.append((name, statistics.median(t for t, _ in runs), min(t for t, _ in runs),
                         max(t for t, _ in runs), statistics.median(m for _, m in runs)))
    print(f"normlab, process start to the first thumbnail painted (offscreen), median of {args.repeats}, "
          f"{os.cpu_count()} cores\n")
    print("| data set | seconds | min–max | peak MB | × digits |")
    print("|---|---:|---:|---:|---:|")
    for name, med, lo, hi, mb in rows:
        print(f"| {name} | {med:.3f} | {lo:.3f}–{hi:.3f} | {mb:.0f} | {med / rows[0][1]:.2f} |")


if __name__ == "__main__":
    main()
