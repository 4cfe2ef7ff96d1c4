"""What jax 0.10 / flax / keras (JAX backend, CPU) give for a list of cases, for nninit/jax's tests.

Reads a JSON list of cases on stdin, writes the same list with a "result" on each to stdout.
Floats come back as their uint32 bit patterns, so the comparison is bit for bit.
Run with JAX_PLATFORMS=cpu KERAS_BACKEND=jax (test/python/venv.ts's runReference sets both).

  op "key"      {seed}                       -> key data [k0, k1]
  op "split"    {key, num}                   -> [[k0, k1], ...]
  op "fold_in"  {key, data}                  -> [k0, k1]
  op "bits"     {key, shape}                 -> uint32 words
  op "uniform"  {key, shape, minval, maxval} -> float32 bits
  op "normal"   {key, shape}
  op "truncated_normal" {key, lower, upper, shape}
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
    if op == "truncated_normal":
        return out(jax.random.truncated_normal(k(c["key"]), c["lower"], c["upper"], shape))
    if op == "init":
        init = getattr(jax.nn.initializers, c["name"])(**c.get("kwargs", {}))
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
        init = getattr(keras.initializers, c["name"])(seed=c["seed"], **c.get("kwargs", {}))
        return out(init(shape))
    raise ValueError(f"unknown op {op}")


def main():
    cases = json.load(sys.stdin)
    for c in cases:
        c["result"] = run(c)
    json.dump(cases, sys.stdout)


if __name__ == "__main__":
    main()
