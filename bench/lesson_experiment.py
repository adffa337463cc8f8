#!/usr/bin/python3
"""Regenerates the numbers of docs/lesson.md: the lesson's 20-epoch experiment on the real
FashionMNIST (lesson-cnn, Adam 0.01, batch 1000, 'none' vs 'zscore'), run by NormLab and, on the
same files in the same session, by the lesson's own Python loop (bench/reference_lesson.py), with
several seeds per side so seed-to-seed noise can be told apart from the effect of normalizing.

    bench/lesson_experiment.py run    [--seeds 5] [--epochs 20] [--cli build/app/normlab-cli] [--out docs/lesson/results.json]
    bench/lesson_experiment.py report [--results docs/lesson/results.json]   # Markdown tables on stdout

`run` needs Debian's dataset-fashion-mnist, python3-torch and python3-torchvision (it runs
/usr/bin/python3: a pyenv or venv python3 earlier on PATH usually has no torch). Every process is
timed whole, start-up included. Runs go one after another, each on both cores (2 threads).
"""
import argparse
import gzip
import json
import os
import pathlib
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = pathlib.Path(__file__).resolve().parent
DEBIAN = pathlib.Path("/usr/share/datasets/fashion-mnist")
METHODS = ["none", "zscore"]
# The lesson's published table (deeplizard, "PyTorch Dataset Normalization"), epoch 20, CUDA.
LESSON = {"zscore": {"accuracy": 0.9148, "epoch_seconds": 9.6}, "none": {"accuracy": 0.9102, "epoch_seconds": 7.1}}


def timed(cmd, env=None):
    start = time.monotonic()
    done = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if done.returncode != 0:
        sys.exit(f"{' '.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr[-2000:]}")
    return done.stdout, time.monotonic() - start


def torchvision_root(tmp):
    """torchvision's FashionMNIST class wants the decompressed files in ROOT/FashionMNIST/raw."""
    raw = pathlib.Path(tmp) / "FashionMNIST" / "raw"
    raw.mkdir(parents=True)
    for gz in DEBIAN.glob("*-ubyte.gz"):
        with gzip.open(gz) as src, open(raw / gz.name[:-3], "wb") as dst:
            shutil.copyfileobj(src, dst)
    return pathlib.Path(tmp)


def epochs_of(rows):
    keep = ("loss", "accuracy", "test_loss", "test_accuracy", "epoch_seconds")
    return [{k: row[k] for k in keep if k in row} for row in rows]


def run_normlab(cli, seed, epochs, env):
    with tempfile.TemporaryDirectory() as tmp:
        out = pathlib.Path(tmp) / "runs.json"
        _, seconds = timed([cli, "train", "--preset", "lesson", "--epochs", str(epochs), "--seed", str(seed),
                            "--device", "cpu", "--threads", "2", "--out", str(out)], env)
        runs = json.loads(out.read_text())["runs"]
    # One process trains both runs, one after the other: its time is shared out by epoch time.
    total_epoch = sum(e["epoch_seconds"] for r in runs for e in r["epochs"])
    result = {}
    for r in runs:
        assert r["status"] == "finished", r
        own = sum(e["epoch_seconds"] for e in r["epochs"])
        result[r["name"]] = {"seed": seed, "process_seconds": seconds * own / total_epoch,
                             "epochs": epochs_of(r["epochs"])}
    return result, seconds


def run_python(root, seed, epochs, method, mean, std):
    cmd = ["/usr/bin/python3", str(HERE / "reference_lesson.py"), "--dataset", "fashion-mnist", "--root", str(root),
           "--epochs", str(epochs), "--seed", str(seed), "--threads", "2"]
    if method == "zscore":
        cmd += ["--mean", repr(mean), "--std", repr(std)]
    # One BLAS thread inside torch's own threads, as NormLab does (docs/benchmarks.md, CPU training).
    env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
    stdout, seconds = timed(cmd, env)
    rows = [json.loads(line) for line in stdout.splitlines() if line.startswith("{")]
    return {"seed": seed, "process_seconds": seconds, "epochs": epochs_of(rows)}


def command_run(args):
    if not DEBIAN.is_dir():
        sys.exit(f"{DEBIAN}: not found; sudo apt-get install dataset-fashion-mnist")
    pathlib.Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, XDG_DATA_DIRS="/usr/share", NORMLAB_DATA_DIR=tempfile.mkdtemp())
    stats, _ = timed([args.cli, "stats", "--dataset", "fashion-mnist"], env)
    stats = json.loads(stats)
    mean = stats["normalizations"]["none"]["mean"][0]
    std = stats["normalizations"]["none"]["std"][0]
    results = {"setup": {"dataset": "fashion-mnist", "found_in": stats["found_in"], "model": "lesson-cnn",
                         "optimizer": "adam", "lr": 0.01, "batch_size": 1000, "epochs": args.epochs,
                         "seeds": list(range(1, args.seeds + 1)), "mean": mean, "std": std,
                         "machine": f"{platform.machine()}, {os.cpu_count()} cores, {platform.platform()}",
                         "date": time.strftime("%Y-%m-%d")},
               "normlab": {m: [] for m in METHODS}, "python": {m: [] for m in METHODS}}
    with tempfile.TemporaryDirectory() as tmp:
        root = torchvision_root(tmp)
        for seed in results["setup"]["seeds"]:
            runs, seconds = run_normlab(args.cli, seed, args.epochs, env)
            for m in METHODS:
                results["normlab"][m].append(runs[m])
            print(f"normlab seed {seed}: {seconds:.1f} s", file=sys.stderr, flush=True)
            for m in METHODS:
                run = run_python(root, seed, args.epochs, m, mean, std)
                results["python"][m].append(run)
                print(f"python {m} seed {seed}: {run['process_seconds']:.1f} s", file=sys.stderr, flush=True)
            # Written after every seed, so an interrupted session keeps what it measured.
            pathlib.Path(args.out).write_text(json.dumps(results, indent=1) + "\n")


def spread(values):
    """mean ± sample std over seeds, and min–max."""
    mean = statistics.fmean(values)
    sd = statistics.stdev(values) if len(values) > 1 else 0.0
    return mean, sd, min(values), max(values)


def fmt(values, digits=4):
    mean, sd, lo, hi = spread(values)
    return f"{mean:.{digits}f} ± {sd:.{digits}f}"


def command_report(args):
    r = json.loads(pathlib.Path(args.results).read_text())
    s = r["setup"]
    seeds = min(len(r[side][m]) for side in ("normlab", "python") for m in METHODS) # as far as the run got
    epochs = s["epochs"]
    print(f"Setup: {s['dataset']} ({s['found_in']}), {s['model']}, {s['optimizer']} lr {s['lr']}, batch "
          f"{s['batch_size']}, {epochs} epochs, seeds {s['seeds'][0]}–{s['seeds'][seeds - 1]} on each side; z-score constants "
          f"mean {s['mean']:.16g}, std {s['std']:.16g}. Machine: {s['machine']}, {s['date']}.\n")

    print("### Train accuracy per epoch (mean ± std over seeds)\n")
    print("| epoch | NormLab none | NormLab zscore | Python none | Python zscore |")
    print("|---:|---:|---:|---:|---:|")
    for e in range(epochs):
        cells = [fmt([run["epochs"][e]["accuracy"] for run in r[side][m]]) for side in ("normlab", "python")
                 for m in METHODS]
        print(f"| {e + 1} | " + " | ".join(cells) + " |")

    print("\n### Epoch 20 against the lesson's published table\n")
    print("| | train acc | range over seeds | test acc | train loss | s/epoch (2–20) | whole process, s |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for side, label in (("normlab", "NormLab"), ("python", "Python loop")):
        for m in METHODS:
            runs = r[side][m]
            last = [run["epochs"][-1] for run in runs]
            acc = [x["accuracy"] for x in last]
            _, _, lo, hi = spread(acc)
            per_epoch = [statistics.fmean(e["epoch_seconds"] for e in (run["epochs"][1:] or run["epochs"])) for run in runs]
            print(f"| {label} {m} ({seeds} seeds) | {fmt(acc)} | {lo:.4f}–{hi:.4f} | "
                  f"{fmt([x['test_accuracy'] for x in last])} | {fmt([x['loss'] for x in last])} | "
                  f"{fmt(per_epoch, 2)} | {fmt([run['process_seconds'] for run in runs], 1)} |")
    for m in ("zscore", "none"):
        print(f"| lesson {m} (1 run, CUDA) | {LESSON[m]['accuracy']:.4f} | — | — | — | "
              f"{LESSON[m]['epoch_seconds']} | — |")

    print("\n### Is \"normalized converges faster\" larger than the noise?\n")
    print("Difference zscore − none in mean train accuracy, against the seed-to-seed std of each side.\n")
    print("| epoch | NormLab zscore − none | NormLab noise (std) | Python zscore − none | Python noise (std) |")
    print("|---:|---:|---:|---:|---:|")
    for e in sorted(e for e in {0, 1, 2, 4, 9, epochs - 1} if e < epochs):
        cells = []
        for side in ("normlab", "python"):
            z = [run["epochs"][e]["accuracy"] for run in r[side]["zscore"]]
            n = [run["epochs"][e]["accuracy"] for run in r[side]["none"]]
            noise = max(spread(z)[1], spread(n)[1])
            cells += [f"{statistics.fmean(z) - statistics.fmean(n):+.4f}", f"{noise:.4f}"]
        print(f"| {e + 1} | " + " | ".join(cells) + " |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run")
    run.add_argument("--seeds", type=int, default=5)
    run.add_argument("--epochs", type=int, default=20)
    run.add_argument("--cli", default="build/app/normlab-cli")
    run.add_argument("--out", default="docs/lesson/results.json")
    report = sub.add_parser("report")
    report.add_argument("--results", default="docs/lesson/results.json")
    args = parser.parse_args()
    command_run(args) if args.command == "run" else command_report(args)


if __name__ == "__main__":
    main()
