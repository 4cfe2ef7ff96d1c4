"""JAX's side of the nninit/jax rows: jax.random.bits, uniform, normal and truncated_normal(-2, 2)
on float32 arrays of the plan's sizes, eager on CPU (JAX_PLATFORMS=cpu), with every thread XLA's
CPU client takes (one per core it may run on: os.sched_getaffinity), or on one core when the
caller pins the process (taskset). Timed by the calibrated loop the other peers use
(calibrated.py), each call ended by block_until_ready, after one call that compiles the shape.

Reads a JSON plan on stdin, writes JSON results on stdout (samples in seconds per call, the
moments of the last output computed outside the timed region).
"""

import json
import os
import platform
import sys

from calibrated import measure  # this script's folder is on sys.path

import jax
import numpy as np


def moments(x):
    x64 = np.asarray(x).astype(np.float64)
    return {"n": int(x64.size), "mean": float(x64.mean()), "std": float(x64.std()), "min": float(x64.min()), "max": float(x64.max())}


def main():
    plan = json.load(sys.stdin)
    key = jax.random.key(plan["seed"])
    laws = {
        "bits": lambda n: jax.random.bits(key, (n,)),
        "uniform": lambda n: jax.random.uniform(key, (n,)),
        "normal": lambda n: jax.random.normal(key, (n,)),
        "truncatedNormal": lambda n: jax.random.truncated_normal(key, -2.0, 2.0, (n,)),
    }
    results = []
    for n in plan["sizes"]:
        for law in plan["laws"]:
            last = {}

            def call():
                last["x"] = laws[law](n).block_until_ready()

            call()  # compiles this shape
            samples = measure(call, plan)
            results.append({"law": law, "n": n, "samples": samples, "moments": moments(last["x"])})
    threads = len(os.sched_getaffinity(0))
    json.dump({"jax": jax.__version__, "python": platform.python_version(), "threads": threads, "backend": jax.default_backend(), "results": results}, sys.stdout)


main()
