"""torch's side of the model-replay bench: `torch.manual_seed(0); torchvision.models.<name>()` on
one thread, timed by its own loop. Reads {"model", "samples"} as JSON on stdin; writes the timing
samples (seconds per call), the SHA-256 of every parameter's float32 bytes in named_parameters()
order (so the JS side can check it replayed the same model bit for bit), the parameter count and
the moments of fc.weight (checked against its law like every other row).
Run with /usr/bin/python3 (Debian's python3-torch and python3-torchvision)."""

import hashlib
import json
import sys
import time

import torch
import torchvision


def main():
    plan = json.load(sys.stdin)
    torch.set_num_threads(1)
    make = getattr(torchvision.models, plan["model"])
    torch.manual_seed(0)
    make()  # warm-up: imports, first allocations
    samples = []
    for _ in range(plan["samples"]):
        t0 = time.perf_counter()
        torch.manual_seed(0)
        model = make()
        samples.append(time.perf_counter() - t0)
    h = hashlib.sha256()
    count = 0
    for _, p in model.named_parameters():
        h.update(p.detach().contiguous().numpy().astype("<f4").tobytes())
        count += p.numel()
    fc = model.fc.weight.detach().double()
    moments = {"n": fc.numel(), "mean": fc.mean().item(), "std": fc.std(unbiased=False).item(), "min": fc.min().item(), "max": fc.max().item()}
    json.dump({"torch": torch.__version__, "torchvision": torchvision.__version__, "threads": torch.get_num_threads(),
               "samples": samples, "sha256": h.hexdigest(), "parameters": count, "fcMoments": moments}, sys.stdout)


if __name__ == "__main__":
    main()
