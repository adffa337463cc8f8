#!/usr/bin/env python3
"""Imports scripts that normlab-cli train --export-python wrote and prints what each one reads and does,
for tests/train/tst_pythonscriptdata.cpp to compare with what NormLab read:
  data NAME SPLIT N C H W SHA256(images, uint8 N x C x H x W) SHA256(labels as bytes)
  norm NAME METHOD SUM ABS_SUM    (over the first 4 train images after the normalization, as float64)
  model NAME MODEL SHAPE          (the output of a forward pass of 2 train images, e.g. 2x10)
Usage: script_readers.py SCRIPT.py...   (NAME is each script's file name without .py)
"""
import hashlib
import importlib.util
import sys
from pathlib import Path

import torch


def sha256(tensor):
    return hashlib.sha256(tensor.contiguous().numpy().tobytes()).hexdigest()


for path in sys.argv[1:]:
    name = Path(path).stem
    spec = importlib.util.spec_from_file_location(name, path)
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)  # defines everything; main() runs only as a program
    for split in dict.fromkeys(("train", script.HELD_OUT)):
        images, labels = script.load(split)
        print("data", name, split, *images.shape, sha256(images), sha256(labels.to(torch.uint8)))
    images, _ = script.load("train")
    for method, normalize in script.NORMALIZATIONS.items():
        x = normalize(images[:4]).double()
        print("norm", name, method, repr(x.sum().item()), repr(x.abs().sum().item()))
    first = next(iter(script.NORMALIZATIONS.values()))
    for model, build in script.MODELS.items():
        with torch.no_grad():
            out = build().eval()(first(images[:2]))
        print("model", name, model, "x".join(map(str, out.shape)))
