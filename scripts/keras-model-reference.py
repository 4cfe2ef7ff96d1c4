"""Keras 3 (JAX backend, CPU) layers built with seeded initializers, for nninit/tfjs's keras: "jax"
test (test/tfjs/keras-jax.node.test.ts): reads a JSON list of layers on stdin, each
{"layer": "Dense" | "Conv2D", "args": [...], "kwargs": {...}, "input": [...], "init": {"kernel_initializer":
{"name", "kwargs", "seed"}, ...}}, builds the layer on (None, *input) and prints, per layer, each
weight's float32 bits by its name ("kernel", "bias").
"""

import json
import sys

import keras
import numpy as np


def initializer(spec):
    seed = {"seed": spec["seed"]} if "seed" in spec else {}
    return getattr(keras.initializers, spec["name"])(**seed, **spec.get("kwargs", {}))


def main():
    out = []
    for spec in json.load(sys.stdin):
        inits = {k: initializer(v) for k, v in spec.get("init", {}).items()}
        layer = getattr(keras.layers, spec["layer"])(*spec.get("args", []), **spec.get("kwargs", {}), **inits)
        layer.build((None, *spec["input"]))
        out.append({w.name: np.asarray(w.numpy(), dtype=np.float32).reshape(-1).view(np.uint32).tolist() for w in layer.weights})
    json.dump(out, sys.stdout)


main()
