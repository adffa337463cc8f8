#!/usr/bin/python3
"""The lesson's training loop in Python, the reference for normlab-trainbench and bench/lesson_experiment.py.

torchvision's MNIST or FashionMNIST class over IDX files in ROOT/<Folder>/raw, ToTensor (+ Normalize
when --mean/--std are given; without them, the lesson's "not normal" run), a DataLoader with
num_workers=1 and shuffle=True, the lesson's network, Adam. Prints one JSON object per epoch on
stdout. Uses Debian's python3-torch / python3-torchvision (same PyTorch version as Debian's LibTorch).
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torchvision
import torchvision.transforms as transforms


class Network(nn.Module):
    """The lesson's network (deeplizard, 'PyTorch Dataset Normalization')."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=1, out_channels=6, kernel_size=5)
        self.conv2 = nn.Conv2d(in_channels=6, out_channels=12, kernel_size=5)
        self.fc1 = nn.Linear(in_features=12 * 4 * 4, out_features=120)
        self.fc2 = nn.Linear(in_features=120, out_features=60)
        self.out = nn.Linear(in_features=60, out_features=10)

    def forward(self, t):
        t = F.max_pool2d(F.relu(self.conv1(t)), kernel_size=2, stride=2)
        t = F.max_pool2d(F.relu(self.conv2(t)), kernel_size=2, stride=2)
        t = F.relu(self.fc1(t.flatten(start_dim=1)))
        t = F.relu(self.fc2(t))
        return self.out(t)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--root", required=True)
    parser.add_argument("--epochs", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--batch-size", type=int, default=1000)
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--dataset", choices=["mnist", "fashion-mnist"], default="mnist")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--mean", type=float, help="with --std: z-score the input (the lesson's 'normal' run)")
    parser.add_argument("--std", type=float)
    args = parser.parse_args()
    if (args.mean is None) != (args.std is None):
        parser.error("--mean and --std go together")
    torch.set_num_threads(args.threads)
    torch.manual_seed(args.seed)

    steps = [transforms.ToTensor()]
    if args.mean is not None:
        steps.append(transforms.Normalize((args.mean,), (args.std,)))
    transform = transforms.Compose(steps)
    dataset = torchvision.datasets.FashionMNIST if args.dataset == "fashion-mnist" else torchvision.datasets.MNIST
    train_set = dataset(root=args.root, train=True, download=False, transform=transform)
    test_set = dataset(root=args.root, train=False, download=False, transform=transform)
    loader = torch.utils.data.DataLoader(train_set, batch_size=args.batch_size, shuffle=True, num_workers=1)
    test_loader = torch.utils.data.DataLoader(test_set, batch_size=args.batch_size, num_workers=1)
    network = Network()
    optimizer = torch.optim.Adam(network.parameters(), lr=args.lr)

    run_start = time.time()
    for epoch in range(1, args.epochs + 1):
        epoch_start = time.time()
        total_loss, total_correct = 0.0, 0
        for images, labels in loader:
            preds = network(images)
            loss = F.cross_entropy(preds, labels)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total_loss += loss.item() * images.shape[0]
            total_correct += preds.argmax(dim=1).eq(labels).sum().item()
        train_seconds = time.time() - epoch_start
        correct = 0
        with torch.no_grad():
            for images, labels in test_loader:
                correct += network(images).argmax(dim=1).eq(labels).sum().item()
        print(json.dumps({
            "epoch": epoch,
            "loss": total_loss / len(train_set),
            "accuracy": total_correct / len(train_set),
            "test_accuracy": correct / len(test_set),
            "train_seconds": train_seconds,
            "epoch_seconds": time.time() - epoch_start,
            "run_seconds": time.time() - run_start,
        }), flush=True)


if __name__ == "__main__":
    main()
