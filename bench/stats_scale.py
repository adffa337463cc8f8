#!/usr/bin/env python3
"""How `normlab-cli stats` scales: time and peak memory at 60k, 600k and 6M images (issues #15, #25).

The images are Debian's real FashionMNIST training images repeated (dataset-fashion-mnist), written
in a temporary folder in each format asked for: plain IDX (6M images is a 4.7 GB file), IDX .gz,
a .npy pair, a MedMNIST-style .npz (np.savez_compressed; needs NumPy). Each size is one whole
process, as a user runs it, timed from spawn to exit with its peak memory (/usr/bin/time's %M).

  bench/stats_scale.py [--build build] [--sizes 60000,600000,6000000] [--formats idx,idx.gz,npy,npz] [--tmp DIR]
  bench/stats_scale.py --sparse-gb 60     # one plain IDX data set of 60 GB, larger than memory

--sparse-gb writes the images and labels as sparse files (all-zero images: the file system stores
no blocks, so the run measures NormLab, not the disk) of that many GB, several times this machine's
memory, and runs stats and normalize on it.
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


def npy_bytes(shape, data_len_check=None):
    """A version 1.0 .npy header for uint8 data of this shape (C order)."""
    dict_text = "{'descr': '|u1', 'fortran_order': False, 'shape': (%s), }" % "".join(f"{d}, " for d in shape)
    dict_text += " " * (63 - (10 + len(dict_text)) % 64) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(dict_text)) + dict_text.encode()


def write_dataset(fmt, tmp, dims, images, labels, tdims, timg, tlab, size):
    """The data set in format fmt under tmp; returns what --dataset names."""
    if fmt in ("idx", "idx.gz"):
        suffix = ".gz" if fmt == "idx.gz" else ""
        for name, hdims, payload, unit, count in (("train-images-idx3-ubyte", dims, images, 784, size),
                                                  ("train-labels-idx1-ubyte", (size,), labels, 1, size),
                                                  ("t10k-images-idx3-ubyte", tdims, timg, 784, 10000),
                                                  ("t10k-labels-idx1-ubyte", (10000,), tlab, 1, 10000)):
            path = os.path.join(tmp, name)
            write_repeated(path, hdims, payload, unit, count)
            if suffix:
                subprocess.run(["gzip", "-1", path], check=True)
        return tmp
    if fmt == "npy":
        for name, shape, payload, unit in (("x_train.npy", (size, 28, 28), images, 784),
                                           ("y_train.npy", (size,), labels, 1)):
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(npy_bytes(shape))
                left = size
                while left:
                    n = min(left, len(payload) // unit)
                    f.write(payload[:n * unit])
                    left -= n
        return os.path.join(tmp, "x_train.npy")
    if fmt == "npz":
        import numpy as np
        reps = -(-size // 60000)
        x = np.tile(np.frombuffer(images, np.uint8).reshape(60000, 28, 28), (reps, 1, 1))[:size]
        y = np.tile(np.frombuffer(labels, np.uint8), reps)[:size].reshape(size, 1)
        path = os.path.join(tmp, "fashionmnist.npz")
        small = x[:1000]
        np.savez_compressed(path, train_images=x, train_labels=y, val_images=small, val_labels=y[:1000],
                            test_images=small, test_labels=y[:1000])
        return path
    sys.exit(f"unknown format {fmt}")


def timed(cmd):
    """Seconds and peak MB of one whole process.

    The peak comes from /usr/bin/time, whose child is forked from that small program: a child
    forked from this Python process would report Python's own memory (the arrays it just wrote
    included) as its peak, because the kernel counts the memory a process had before its exec.
    """
    with tempfile.NamedTemporaryFile("r") as peak:
        start = time.perf_counter()
        p = subprocess.run(["/usr/bin/time", "-f", "%M", "-o", peak.name] + cmd, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        wall = time.perf_counter() - start
        if p.returncode:
            sys.exit(f"{' '.join(cmd)}: exit status {p.returncode}")
        return wall, int(peak.read().split()[-1]) / 1024.0


def sparse_run(cli, gb, tmp_dir):
    count = int(gb * 1e9) // 784
    with tempfile.TemporaryDirectory(dir=tmp_dir) as tmp:
        for name, dims, unit in (("train-images-idx3-ubyte", (count, 28, 28), 784),
                                 ("train-labels-idx1-ubyte", (count,), 1),
                                 ("t10k-images-idx3-ubyte", (10, 28, 28), 784),
                                 ("t10k-labels-idx1-ubyte", (10,), 1)):
            header = bytes([0, 0, 8, len(dims)]) + struct.pack(">" + "I" * len(dims), *dims)
            with open(os.path.join(tmp, name), "wb") as f:
                f.write(header)
                f.truncate(len(header) + dims[0] * unit)  # a hole: no blocks written
        with open("/proc/meminfo") as f:
            mem_gb = int(f.readline().split()[1]) / 1e6
        print(f"sparse plain IDX, {count:,} images, {count * 784 / 1e9:.1f} GB of pixels; "
              f"this machine has {mem_gb:.1f} GB of memory and {os.cpu_count()} cores\n")
        print("| command | seconds | peak MB | GB per second |")
        print("|---|---:|---:|---:|")
        for command in ("stats", "normalize"):
            wall, rss = timed([cli, command, "--dataset", tmp] +
                              (["--out", os.path.join(tmp, "s.json")] if command == "stats" else []))
            print(f"| `{command}` | {wall:.1f} | {rss:,.0f} | {count * 784 / 1e9 / wall:.2f} |", flush=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("--sizes", default="60000,600000,6000000")
    ap.add_argument("--formats", default="idx")
    ap.add_argument("--tmp", default=None, help="where to write the generated files (default: $TMPDIR)")
    ap.add_argument("--sparse-gb", type=float, default=0, help="one sparse plain IDX data set of this size instead")
    args = ap.parse_args()
    cli = os.path.join(args.build, "app", "normlab-cli")
    if args.sparse_gb:
        return sparse_run(cli, args.sparse_gb, args.tmp)
    if not os.path.isdir(DEBIAN):
        sys.exit(f"{DEBIAN} is missing: sudo apt-get install dataset-fashion-mnist")
    images, dims = read_idx_gz(os.path.join(DEBIAN, "train-images-idx3-ubyte.gz"))
    labels, _ = read_idx_gz(os.path.join(DEBIAN, "train-labels-idx1-ubyte.gz"))
    timg, tdims = read_idx_gz(os.path.join(DEBIAN, "t10k-images-idx3-ubyte.gz"))
    tlab, _ = read_idx_gz(os.path.join(DEBIAN, "t10k-labels-idx1-ubyte.gz"))
    rows = []
    for fmt in args.formats.split(","):
        for size in (int(s) for s in args.sizes.split(",")):
            with tempfile.TemporaryDirectory(dir=args.tmp) as tmp:
                dataset = write_dataset(fmt, tmp, dims, images, labels, tdims, timg, tlab, size)
                stored = sum(os.path.getsize(os.path.join(tmp, f)) for f in os.listdir(tmp))
                wall, rss = timed([cli, "stats", "--dataset", dataset, "--out", os.path.join(tmp, "s.json")])
                rows.append((fmt, size, wall, rss, size * 784 / 1e6, stored / 1e6))
    print(f"normlab-cli stats, whole process, {os.cpu_count()} cores\n")
    print("| format | images | data MB | stored MB | seconds | peak MB | seconds per million images |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for fmt, size, wall, rss, mb, stored in rows:
        print(f"| {fmt} | {size:,} | {mb:,.0f} | {stored:,.0f} | {wall:.2f} | {rss:,.0f} | {wall / size * 1e6:.2f} |")


if __name__ == "__main__":
    main()
