"""numpy's side of the bench: the same workloads and sizes, timed by its own loop in this
process (so Python's call overhead is paid once per call, as a numpy user pays it).

Reads a JSON plan on stdin, writes JSON results on stdout. Each result carries its timing
samples (seconds per call) and the moments of its last output, computed outside the timed
region; the JS side checks them with the same tolerances as every other peer.
"""

import ctypes
import json
import os
import platform
import sys

from calibrated import measure  # this script's folder is on sys.path

import numpy as np


def openblas():
    """The OpenBLAS this process loaded, with its exported get/set functions (prefix, suffix)
    found by name, or None. threadpoolctl does the same; it is not installed everywhere."""
    with open("/proc/self/maps") as maps:
        libs = sorted({line.split()[-1] for line in maps if "openblas" in line.lower() and ".so" in line})
    for path in libs:
        lib = ctypes.CDLL(path)
        for prefix, suffix in (("scipy_openblas_", "64_"), ("scipy_openblas_", ""), ("openblas_", "64_"), ("openblas_", "")):
            fns = {name: getattr(lib, f"{prefix}{name}{suffix}", None) for name in ("get_corename", "get_num_threads", "set_num_threads")}
            if all(fns.values()):
                fns["get_corename"].restype = ctypes.c_char_p
                return fns
    return None


def blas_info(lib):
    """Which BLAS kernel and how many threads numpy's linalg really runs with."""
    cfg = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    info = {"name": cfg.get("name"), "version": cfg.get("version"), "config": cfg.get("openblas configuration"), "threads": None, "corename": None, "source": "np.show_config"}
    try:
        from threadpoolctl import threadpool_info

        for pool in threadpool_info():
            if pool.get("user_api") == "blas":
                info.update(threads=pool.get("num_threads"), corename=pool.get("architecture"), source="threadpoolctl")
                return info
    except ImportError:
        pass
    if lib:
        info.update(corename=lib["get_corename"]().decode(), threads=lib["get_num_threads"](), source="np.show_config + OpenBLAS get_corename/get_num_threads")
    return info


def moments(x):
    x64 = x.astype(np.float64)
    return {"n": int(x.size), "mean": float(x64.mean()), "std": float(x64.std()), "min": float(x64.min()), "max": float(x64.max())}


def main():
    plan = json.load(sys.stdin)
    lib = openblas()
    rng = np.random.default_rng(plan["seed"])
    sink = 0.0
    results = []
    for n in plan["sizes"]:
        out = np.empty(n, dtype=np.float32)
        for op, fn in (
            ("uniform", lambda: rng.random(dtype=np.float32, out=out)),
            ("normal", lambda: rng.standard_normal(dtype=np.float32, out=out)),
        ):
            samples = measure(fn, plan)
            sink += float(out[n // 3])
            results.append({"op": op, "n": n, "samples": samples, "moments": moments(out)})
    for side in plan["sides"]:
        a = rng.standard_normal((side, side), dtype=np.float32)
        last = {}

        def orthogonal():
            # torch.nn.init.orthogonal_ in numpy: Gaussian matrix, QR, signs fixed by diag(R).
            g = rng.standard_normal((side, side), dtype=np.float32)
            q, r = np.linalg.qr(g)
            q *= np.sign(np.diag(r))
            last["q"] = q

        def qr_only():
            last["q"], _ = np.linalg.qr(a)

        # nninit runs on one thread; so do the orthogonal and qr1 rows. The qr row keeps numpy's
        # default BLAS threads (what a user gets). On a loaded machine, multi-threaded OpenBLAS can
        # be many times slower than one thread, which is why both are shown.
        default_threads = lib["get_num_threads"]() if lib else None
        ops = (("orthogonal", orthogonal, 1), ("qr", qr_only, default_threads), ("qr1", qr_only, 1)) if lib else (("orthogonal", orthogonal, None), ("qr", qr_only, None))
        for op, fn, threads in ops:
            if lib:
                lib["set_num_threads"](threads)
            try:
                samples = measure(fn, plan)
            finally:
                if lib:
                    lib["set_num_threads"](default_threads)
            q = last["q"]
            err = float(np.abs(q.T.astype(np.float64) @ q - np.eye(side)).max())
            sink += float(q[side // 2, side // 3])
            results.append({"op": op, "n": side * side, "side": side, "threads": threads, "samples": samples, "moments": moments(q), "orthoError": err})
    json.dump({
        "numpy": np.__version__,
        "python": platform.python_version(),
        "blas": blas_info(lib),
        "env": {k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE", "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")},
        "sink": sink,
        "results": results,
    }, sys.stdout)


main()
