#!/usr/bin/env python3
"""How `normlab-cli stats` scales: time and peak memory at 60k, 600k and 6M images (issue #15).

The images are Debian's real FashionMNIST training images repeated (dataset-fashion-mnist), written
as plain IDX files in a temporary folder (6M images is a 4.7 GB file); each size is one whole
process, as a user runs it, timed from spawn to exit with its peak memory (ru_maxrss).

  bench/stats_scale.py [--build build] [--sizes 60000,600000,6000000] [--tmp DIR]
"""
import argparse
import gzip
import os
import struct
import subprocess
import sys
import tempfile
import time

DEBIAN = "/usr/share/datasets/fashion-mnist"


def read_idx_gz(path):
    with gzip.open(path) as f:
        data = f.read()
    ndim = data[3]
    return data[4 + 4 * ndim:], struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])


def write_repeated(path, header_dims, payload, unit, count):
    """IDX file with `count` items, cycling through `payload` (items of `unit` bytes)."""
    per = len(payload) // unit
    with open(path, "wb") as f:
        f.write(bytes([0, 0, 8, len(header_dims)]) + struct.pack(">" + "I" * len(header_dims), count, *header_dims[1:]))
        left = count
        while left:
            n = min(left, per)
            f.write(payload[:n * unit])
            left -= n


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="60000,600000,6000000")
    ap.add_argument("--tmp", default=None, help="where to write the generated files (default: $TMPDIR)")
    args = ap.parse_args()
    if not os.path.isdir(DEBIAN):
        sys.exit(f"{DEBIAN} is missing: sudo apt-get install dataset-fashion-mnist")
    cli = os.path.join(args.build, "app", "normlab-cli")
    images, dims = read_idx_gz(os.path.join(DEBIAN, "train-images-idx3-ubyte.gz"))
    labels, _ = read_idx_gz(os.path.join(DEBIAN, "train-labels-idx1-ubyte.gz"))
    timg, tdims = read_idx_gz(os.path.join(DEBIAN, "t10k-images-idx3-ubyte.gz"))
    tlab, _ = read_idx_gz(os.path.join(DEBIAN, "t10k-labels-idx1-ubyte.gz"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
            write_repeated(os.path.join(tmp, "train-images-idx3-ubyte"), dims, images, 784, size)
            write_repeated(os.path.join(tmp, "train-labels-idx1-ubyte"), (size,), labels, 1, size)
            write_repeated(os.path.join(tmp, "t10k-images-idx3-ubyte"), tdims, timg, 784, 10000)
            write_repeated(os.path.join(tmp, "t10k-labels-idx1-ubyte"), (10000,), tlab, 1, 10000)
            start = time.perf_counter()
            p = subprocess.Popen([cli, "stats", "--dataset", tmp, "--out", os.path.join(tmp, "s.json")])
            _, status, usage = os.wait4(p.pid, 0)
            wall = time.perf_counter() - start
            p.returncode = os.waitstatus_to_exitcode(status)
            if p.returncode:
                sys.exit(f"normlab-cli stats on {size} images: exit status {p.returncode}")
            rows.append((size, wall, usage.ru_maxrss / 1024.0, size * 784 / 1e6))
    print(f"normlab-cli stats, whole process, plain IDX files, {os.cpu_count()} cores\n")
    print("| images | data MB | seconds | peak MB | seconds per million images | peak MB / data MB |")
    print("|---:|---:|---:|---:|---:|---:|")
    for size, wall, rss, mb in rows:
        print(f"| {size:,} | {mb:,.0f} | {wall:.2f} | {rss:,.0f} | {wall / size * 1e6:.2f} | {rss / mb:.2f} |")


if __name__ == "__main__":
    main()
