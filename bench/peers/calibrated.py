"""The timing loop numpy_bench.py, torch_bench.py and hf_torch_bench.py share (benchmark.js's scheme in
Python), and the moments of a torch tensor the torch scripts report."""

import math
import time


def measure(fn, plan):
    """Calibrate calls per sample to last >= minTime, then sample until minSamples are taken and
    maxTime has passed. Returns seconds per call, one value per sample."""
    t0 = time.perf_counter()
    fn()  # warm-up (first touch of the output, lazy imports)
    est = max(time.perf_counter() - t0, 1e-9)
    min_samples = 3 if est > 0.2 else plan["minSamples"]
    count = max(1, math.ceil(plan["minTime"] / est))
    samples, spent = [], 0.0
    while len(samples) < min_samples or spent < plan["maxTime"]:
        t = time.perf_counter()
        for _ in range(count):
            fn()
        dt = time.perf_counter() - t
        spent += dt
        samples.append(dt / count)
    return samples


def torch_moments(x):
    """n, mean, std, min, max of a torch tensor, in float64 (outside every timed region)."""
    x64 = x.detach().double()
    return {"n": int(x.numel()), "mean": float(x64.mean()), "std": float(x64.std(unbiased=False)), "min": float(x64.min()), "max": float(x64.max())}
