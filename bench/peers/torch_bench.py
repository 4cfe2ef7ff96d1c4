"""PyTorch's side of the nninit/torch rows: torch.Tensor.uniform_ and normal_ on float32
tensors of the plan's sizes, on one thread (torch.set_num_threads(1): nninit runs on one), timed
by the calibrated loop numpy_bench.py also uses (calibrated.py). Run with /usr/bin/python3 (Debian's python3-torch).

Reads a JSON plan on stdin, writes JSON results on stdout (samples in seconds per call and the
moments of the last output, computed outside the timed region).
"""

import json
import platform
import sys

from calibrated import measure, torch_moments as moments  # this script's folder is on sys.path

import torch


def main():
    plan = json.load(sys.stdin)
    torch.set_num_threads(1)
    torch.manual_seed(plan["seed"])
    results = []
    for n in plan["sizes"]:
        out = torch.empty(n, dtype=torch.float32)
        for op, fn in (("uniform", lambda: out.uniform_(0, 1)), ("normal", lambda: out.normal_(0, 1))):
            samples = measure(fn, plan)
            results.append({"op": op, "n": n, "samples": samples, "moments": moments(out)})
    json.dump({"torch": torch.__version__, "python": platform.python_version(), "threads": torch.get_num_threads(), "results": results}, sys.stdout)


main()
