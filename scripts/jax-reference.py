"""What jax 0.10 / flax / keras (JAX backend, CPU) give for a list of cases, for nninit/jax's tests.

Reads a JSON list of cases on stdin, writes the same list with a "result" on each to stdout.
With --committed it runs its own list (COMMITTED below) instead: that output is
test/jax/reference.json, the vectors for machines without Python:
  python scripts/jax-reference.py --committed > test/jax/reference.json
The live test (test/jax/live.node.test.ts) sends other seeds and shapes on stdin.
Floats come back as their uint32 bit patterns, so the comparison is bit for bit.
Run with JAX_PLATFORMS=cpu KERAS_BACKEND=jax (test/python/venv.ts's runReference sets both).

  op "key"      {seed}                       -> key data [k0, k1]
  op "split"    {key, num}                   -> [[k0, k1], ...]
  op "fold_in"  {key, data}                  -> [k0, k1]
  op "bits"     {key, shape}                 -> uint32 words
  op "uniform"  {key, shape, minval, maxval} -> float32 bits
  op "normal"   {key, shape}
  op "bernoulli" {key, p, shape}             -> 0/1
  op "truncated_normal" {key, lower, upper, shape}
  op "normal_all" {}                         -> sha256 of normal over all 2^23 inputs (word i << 9)
  op "truncated_all" {lower, upper}          -> the same for truncated_normal
  op "init"     {name, kwargs, key, shape}   -> jax.nn.initializers.<name>(**kwargs)(key, shape)
  op "flax"     {layer, args, kwargs, seed}  -> {param path: bits} of nnx.<layer>(*args, rngs=nnx.Rngs(seed))
  op "keras"    {name, kwargs, seed, shape}  -> keras.initializers.<name>(seed=seed, **kwargs)(shape)
"""
import json
import sys

import numpy as np
import jax
import jax.numpy as jnp


def k(data):
    return jax.random.wrap_key_data(np.array(data, dtype=np.uint32))


def out(x):
    a = np.asarray(x)
    if a.dtype == np.float32:
        a = a.view(np.uint32)
    return [int(v) for v in a.reshape(-1)]


def every_input(c):
    """Hash of the sampler's output for every 23-bit input: jax's own bits replaced by i << 9."""
    import hashlib
    from jax import lax
    from jax._src.random import core
    saved = core._random_bits
    core._random_bits = lambda key, bit_width, shape: lax.shift_left(
        lax.iota(np.uint32, 1 << 23), np.uint32(9)).reshape(shape)
    try:
        kk = jax.random.key(0)
        if c["op"] == "normal_all":
            x = jax.random.normal(kk, (1 << 23,))
        else:
            x = jax.random.truncated_normal(kk, c["lower"], c["upper"], (1 << 23,))
        return hashlib.sha256(np.asarray(x, dtype=np.float32).tobytes()).hexdigest()
    finally:
        core._random_bits = saved


def run(c):
    op = c["op"]
    if op == "key":
        return out(jax.random.key_data(jax.random.key(int(c["seed"]))))
    if op == "split":
        return [out(jax.random.key_data(s)) for s in jax.random.split(k(c["key"]), c["num"])]
    if op == "fold_in":
        return out(jax.random.key_data(jax.random.fold_in(k(c["key"]), c["data"])))
    shape = tuple(c.get("shape", ()))
    if op == "bits":
        return out(jax.random.bits(k(c["key"]), shape))
    if op == "uniform":
        return out(jax.random.uniform(k(c["key"]), shape, jnp.float32, c["minval"], c["maxval"]))
    if op == "normal":
        return out(jax.random.normal(k(c["key"]), shape))
    if op == "bernoulli":
        return out(jax.random.bernoulli(k(c["key"]), c["p"], shape).astype(np.uint8))
    if op == "truncated_normal":
        return out(jax.random.truncated_normal(k(c["key"]), c["lower"], c["upper"], shape))
    if op in ("normal_all", "truncated_all"):
        return every_input(c)
    if op == "init":
        init = getattr(jax.nn.initializers, c["name"])
        if c["name"] not in ("zeros", "ones"):  # these two are initializers, the rest factories
            init = init(**c.get("kwargs", {}))
        return out(init(k(c["key"]), shape))
    if op == "flax":
        from flax import nnx
        layer = getattr(nnx, c["layer"])(*c.get("args", []), **c.get("kwargs", {}), rngs=nnx.Rngs(c["seed"]))
        state = nnx.state(layer, nnx.Param)
        flat = {".".join(str(p) for p in path): out(v.get_value())
                for path, v in nnx.to_flat_state(state)}
        return flat
    if op == "keras":
        import keras
        seed = {"seed": c["seed"]} if "seed" in c else {}  # Identity, Constant, Zeros, Ones take none
        init = getattr(keras.initializers, c["name"])(**seed, **c.get("kwargs", {}))
        return out(init(shape))
    raise ValueError(f"unknown op {op}")


def committed():
    keys = [[0, 0], [0, 42], [0xDEADBEEF, 0x12345678]]
    cases = [{"op": "key", "seed": s} for s in ["0", "42", "-5", str(2**40 + 3), str(2**63 - 1), str(-2**63)]]
    cases += [{"op": "split", "key": k, "num": n} for k in keys for n in (1, 2, 3, 7)]
    cases += [{"op": "fold_in", "key": k, "data": d} for k in keys for d in (0, 1, 2**31, 2**32 - 1)]
    cases += [{"op": "bits", "key": k, "shape": [3, 5]} for k in keys]
    cases += [{"op": "uniform", "key": k, "shape": [17], "minval": lo, "maxval": hi}
              for k in keys for lo, hi in ((0.0, 1.0), (-3.0, 2.5), (-1e-3, 1e-3), (1e30, 3e30))]
    cases += [{"op": "normal", "key": k, "shape": [64]} for k in keys]
    cases += [{"op": "bernoulli", "key": k, "shape": [40], "p": p} for k in keys for p in (0.5, 0.1)]
    cases += [{"op": "truncated_normal", "key": k, "shape": [64], "lower": lo, "upper": hi}
              for k in keys for lo, hi in ((-2.0, 2.0), (-1.234567, 0.5), (0.25, 3.5), (-5.0, -3.0))]
    inits = [("zeros", {}), ("ones", {}), ("constant", {"value": 0.3}), ("uniform", {}), ("uniform", {"scale": 2.5}),
             ("normal", {}), ("normal", {"stddev": 0.7}), ("truncated_normal", {"stddev": 0.3, "lower": -1.5, "upper": 2.0}),
             ("glorot_uniform", {}), ("glorot_normal", {}), ("he_uniform", {}), ("he_normal", {}),
             ("lecun_uniform", {}), ("lecun_normal", {}), ("xavier_normal", {}), ("kaiming_uniform", {}),
             ("variance_scaling", {"scale": 0.5, "mode": "fan_geo_avg", "distribution": "normal"}),
             ("variance_scaling", {"scale": 3.0, "mode": "fan_out", "distribution": "uniform", "in_axis": 0, "out_axis": [1, 2]}),
             ("variance_scaling", {"scale": 1.0, "mode": "fan_avg", "distribution": "truncated_normal", "batch_axis": 0})]
    for name, kw in inits:
        for shape in ([4, 6], [3, 3, 4, 5]) if "in_axis" not in kw else ([3, 3, 4, 5],):
            cases.append({"op": "init", "name": name, "kwargs": kw, "key": [0, 7], "shape": shape})
    cases += [{"op": "flax", "layer": "Linear", "args": [5, 3], "seed": 0},
              {"op": "flax", "layer": "Conv", "args": [3, 4], "kwargs": {"kernel_size": [3, 3]}, "seed": 1},
              {"op": "flax", "layer": "Embed", "args": [10, 4], "seed": 2},
              {"op": "flax", "layer": "LayerNorm", "args": [6], "seed": 3}]
    keras_cases = [("GlorotNormal", {}), ("GlorotUniform", {}), ("HeNormal", {}), ("HeUniform", {}), ("LecunNormal", {}),
                   ("LecunUniform", {}), ("RandomNormal", {"mean": 0.5, "stddev": 2.0}), ("RandomUniform", {}),
                   ("TruncatedNormal", {"stddev": 0.2}),
                   ("VarianceScaling", {"scale": 0.3, "mode": "fan_out", "distribution": "untruncated_normal"})]
    cases += [{"op": "keras", "name": n, "kwargs": kw, "seed": 5, "shape": [4, 6]} for n, kw in keras_cases]
    cases += [{"op": "keras", "name": n, "kwargs": kw, "shape": [3, 5]}
              for n, kw in (("Identity", {"gain": 2.5}), ("Constant", {"value": -0.75}), ("Zeros", {}), ("Ones", {}))]
    return cases


def main():
    cases = committed() if "--committed" in sys.argv else json.load(sys.stdin)
    for c in cases:
        c["result"] = run(c)
    json.dump({"jax": jax.__version__, "cases": cases} if "--committed" in sys.argv else cases, sys.stdout)


if __name__ == "__main__":
    main()
