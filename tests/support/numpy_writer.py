#!/usr/bin/env python3
# Writes the NumPy files tests/core/tst_numpydata.cpp reads into argv[1] and prints, per data set,
# what NormLab must find there: case NAME N C H W SUM_C0,SUM_C1.. SHA256(CHW bytes) LABELS, and per
# file: file NAME SHA256 MD5. NumPy itself writes every file, so the test compares with NumPy's own
# format rather than with the reader's idea of it.
import hashlib, os, sys
import numpy as np
out = sys.argv[1]
rng = np.random.default_rng(7)

def img(*shape):
    return rng.integers(0, 256, size=shape, dtype=np.uint8)

def report(name, x, y):
    chw = np.ascontiguousarray(x[:, None] if x.ndim == 3 else x.transpose(0, 3, 1, 2))
    sums = ",".join(str(int(chw[:, c].sum(dtype=np.uint64))) for c in range(chw.shape[1]))
    labels = ",".join(str(int(v)) for v in np.asarray(y).reshape(-1))
    print("case", name, *chw.shape, sums, hashlib.sha256(chw.tobytes()).hexdigest(), labels)

def save(name, a, version=None):
    path = os.path.join(out, name)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    if version is None:
        np.save(path, a)
    else:
        with open(path, "wb") as f:
            np.lib.format.write_array(f, a, version=version)
    digests(name)

def digests(name):
    b = open(os.path.join(out, name), "rb").read()
    print("file", name, hashlib.sha256(b).hexdigest(), hashlib.md5(b).hexdigest())

def pair(name, images, labels, x, y, version=None):
    save(images, x, version)
    save(labels, y, version)
    report(name, x, y)

pair("grey", "greyset/x_train.npy", "greyset/y_train.npy", img(5, 4, 3), rng.integers(0, 10, 5, dtype=np.int64))
pair("rgb", "rgbset/train_images.npy", "rgbset/train_labels.npy", img(4, 5, 6, 3),
     rng.integers(0, 9, (4, 1), dtype=np.uint8))
pair("rgba", "rgbaset/images.npy", "rgbaset/labels.npy", img(3, 2, 3, 4), np.array([255, 0, 7], dtype=np.uint16))
pair("v2", "v2set/X_test.npy", "v2set/y_test.npy", img(6, 3, 3, 3), rng.integers(0, 4, 6, dtype=np.int32),
     version=(2, 0))
pair("v3bigendian", "v3set/images_val.npy", "v3set/labels_val.npy", img(2, 4, 4),
     np.array([3, 200], dtype=">i8"), version=(3, 0))
pair("fortran", "fortranset/train_images.npy", "fortranset/train_labels.npy",
     np.asfortranarray(img(3, 4, 5, 3)), np.asfortranarray(np.array([[1], [0], [2]], dtype=np.int8)))
pair("onechannel", "c1set/x.npy", "c1set/y.npy", img(4, 3, 2, 1), np.array([0, 1, 1, 0], dtype=np.int16))

def medmnist(file, compressed, channels):
    arrays = {}
    for split, n in (("train", 7), ("val", 3), ("test", 4)):
        x = img(n, 28, 28, 3) if channels == 3 else img(n, 28, 28)
        y = rng.integers(0, 9, (n, 1), dtype=np.uint8)
        arrays[split + "_images"], arrays[split + "_labels"] = x, y
        report(file + ":" + split, x, y)
    (np.savez_compressed if compressed else np.savez)(os.path.join(out, file), **arrays)
    digests(file)

medmnist("pathmnist.npz", True, 3)
medmnist("organmnist.npz", False, 1)
np.savez(os.path.join(out, "partial.npz"), train_images=img(2, 28, 28), train_labels=np.zeros(2, np.uint8))
