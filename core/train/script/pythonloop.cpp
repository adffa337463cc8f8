// The exported script's training loop: NormLab's (core/train/engine/trainer.cpp) step for step, in PyTorch.
#include "core/train/script/pythonscriptparts.h"

namespace normlab::python {

std::string trainingCode() {
    return R"py(def shortest(value):
    """The shortest text that reads back as exactly this float, spelled as NormLab's CSV spells it
    (C++ std::to_chars): "0.3157", "1e-05", "1"; the fixed form wherever it is not longer."""
    if not math.isfinite(value):
        return repr(value)
    sign, digits, exponent = decimal.Decimal(repr(value)).normalize().as_tuple()
    if not any(digits):
        return "-0" if sign else "0"
    text = "".join(map(str, digits))
    power = exponent + len(text) - 1
    scientific = text[0] + ("." + text[1:] if len(text) > 1 else "") + f"e{power:+03d}"
    if exponent >= 0:
        fixed = str(abs(int(value)))  # a whole number: every digit, as printf's %f writes it
    elif -exponent < len(text):
        fixed = text[:exponent] + "." + text[exponent:]
    else:
        fixed = "0." + "0" * (-exponent - len(text)) + text
    return ("-" if sign else "") + (fixed if len(fixed) <= len(scientific) else scientific)


def resolve_device(requested):
    """auto: the first CUDA device when PyTorch sees one, else the CPU; named as NormLab names them."""
    if requested == "auto":
        return "cuda:0" if torch.cuda.is_available() else "cpu"
    return "cuda:0" if requested == "cuda" else requested


def make_optimizer(run, model):
    if run["optimizer"] == "sgd":
        return torch.optim.SGD(model.parameters(), lr=run["lr"], momentum=run["momentum"])
    return torch.optim.Adam(model.parameters(), lr=run["lr"])


class Diverged(Exception):
    pass


def check_loss(loss, run, where):
    """NormLab stops a run whose mean loss is not finite or above DIVERGED_LOSS: the logits blew up."""
    if math.isfinite(loss) and loss < DIVERGED_LOSS:
        return
    what = "loss exploded to" if math.isfinite(loss) else "loss became"
    raise Diverged(f"{what} {loss:.4g} {where} ({run['normalization']}, lr {run['lr']:g}): "
                   "try a smaller learning rate or normalized inputs")


@torch.no_grad()
def evaluate(model, images, labels, normalize):
    """Mean loss and accuracy over a whole split, in eval mode (batch norm uses its running statistics)."""
    model.eval()
    loss_sum = torch.zeros((), dtype=torch.float64, device=images.device)
    correct = torch.zeros((), dtype=torch.int64, device=images.device)
    for start in range(0, len(images), EVAL_CHUNK):
        logits = model(normalize(images[start : start + EVAL_CHUNK]))
        y = labels[start : start + EVAL_CHUNK]
        loss_sum += F.cross_entropy(logits, y, reduction="sum").double()
        correct += (logits.argmax(1) == y).sum()
    model.train()
    return loss_sum.item() / len(images), correct.item() / len(images)


def train_run(index, run, data, device, table):
    """One run as NormLab trains it; one CSV row per finished epoch."""
    start = time.perf_counter()
    torch.manual_seed(run["seed"])  # the same seed: the same initial weights and batch order in every run
    model = MODELS[run["model"]]()
    weight_sum = sum(p.sum().item() for p in model.parameters())
    print(f"run {index + 1}/{len(RUNS)}: {run['name']} on {device} (initial weight sum {weight_sum:.17g})")
    model.to(device)
    optimizer = make_optimizer(run, model)
    normalize = NORMALIZATIONS[run["normalization"]]
    train_images, train_labels, test_images, test_labels = data
    count, batch_size = len(train_images), run["batch_size"]
    batches = math.ceil(count / batch_size)
    report_every = max(1, batches // REPORTS_PER_EPOCH)
    for epoch in range(1, run["epochs"] + 1):
        epoch_start = time.perf_counter()
        order = torch.randperm(count).to(device)  # a new shuffle every epoch, drawn from the run's seed
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), dtype=torch.int64, device=device)
        window_loss, window_batches = torch.zeros((), device=device), 0
        for b in range(batches):
            batch = order[b * batch_size : (b + 1) * batch_size]
            x, y = normalize(train_images[batch]), train_labels[batch]
            optimizer.zero_grad()
            logits = model(x)
            loss = F.cross_entropy(logits, y)
            loss.backward()
            optimizer.step()
            # The epoch's loss and accuracy are averaged over its images, as the lesson computes them.
            loss_sum += loss.detach() * len(batch)
            correct += (logits.detach().argmax(1) == y).sum()
            window_loss += loss.detach()
            window_batches += 1
            if (b + 1) % report_every == 0 or b + 1 == batches:
                check_loss(window_loss.item() / window_batches, run, f"at epoch {epoch}, batch {b + 1}")
                window_loss.zero_()
                window_batches = 0
        loss, accuracy = loss_sum.item() / count, correct.item() / count
        check_loss(loss, run, f"in epoch {epoch}")
        test_loss, test_accuracy = evaluate(model, test_images, test_labels, normalize)
        epoch_seconds, run_seconds = time.perf_counter() - epoch_start, time.perf_counter() - start
        row = [str(index), str(epoch), shortest(loss), shortest(accuracy), shortest(epoch_seconds),
               shortest(run_seconds), shortest(run["lr"]), str(batch_size), device, run["normalization"],
               shortest(test_loss), shortest(test_accuracy)]
        row += [shortest(run[c]) if isinstance(run[c], float) else str(run[c]) for c in EXTRA_COLUMNS]
        table.write(",".join(row) + "\n")
        table.flush()
        print(f"  [{run['name']}] epoch {epoch:2d}/{run['epochs']}  loss {loss:.4f}  acc {accuracy:.4f} | "
              f"test loss {test_loss:.4f}  acc {test_accuracy:.4f} | {epoch_seconds:.2f} s")
    return time.perf_counter() - start


def main():
    parser = argparse.ArgumentParser(description="Trains every run of NormLab's experiment and writes the "
                                     "lesson's results table.")
    parser.add_argument("--csv", required=True, help="the results table to write (CSV)")
    parser.add_argument("--device", default=DEVICE,
                        help="auto (CUDA when available), cpu, cuda or cuda:N (default: %(default)s)")
    args = parser.parse_args()
    device = resolve_device(args.device)
    train_images, train_labels = load("train")
    test_images, test_labels = load(HELD_OUT)
    print(f"data: {DATASET}, {len(train_images)} train / {len(test_images)} {HELD_OUT} images")
    data = [t.to(device) for t in (train_images, train_labels, test_images, test_labels)]
    with open(args.csv, "w") as table:
        table.write(",".join(COLUMNS + EXTRA_COLUMNS) + "\n")
        for index, run in enumerate(RUNS):
            try:
                seconds = train_run(index, run, data, device, table)
                print(f"run {index + 1}/{len(RUNS)}: {run['name']} finished after {seconds:.2f} s")
            except Diverged as diverged:
                print(f"run {index + 1}/{len(RUNS)}: {run['name']} diverged: {diverged}")


if __name__ == "__main__":
    main()
)py";
}

} // namespace normlab::python
