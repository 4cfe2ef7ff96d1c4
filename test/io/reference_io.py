"""The official safetensors package (0.8) on nninit's files and nninit on its files.

  read FILE...          each file through safetensors.safe_open(framework="pt"): one JSON object
                        {file: {"metadata": {...}, "tensors": {name: {"dtype", "shape", "hex"}}}}
                        (hex: the tensor's raw bytes), or {"error": message} when refused
  decide FILE...        {file: true | false}: whether safe_open accepts the file (header + layout)
  write DIR             writes DIR/torch.safetensors with safetensors.torch.save_file (every dtype
                        torch has), DIR/numpy.safetensors with safetensors.numpy.save_file, and a
                        sharded checkpoint DIR/sharded/ with huggingface_hub.save_torch_state_dict;
                        prints what `read` would print for each file
"""
import json
import os
import sys

import numpy as np
import torch
from safetensors import safe_open

# every dtype torch 2.13 stores in safetensors, by its name there
TORCH_DTYPES = ["float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool",
                "float8_e4m3fn", "float8_e5m2", "float8_e8m0fnu", "uint16", "uint32", "uint64", "complex64"]
NUMPY_DTYPES = ["float64", "float32", "float16", "int64", "int32", "int16", "int8", "uint8", "bool", "uint16", "uint32", "uint64"]


def raw(t):
    return t.contiguous().reshape(-1).view(torch.uint8).numpy().tobytes().hex()


def read(path):
    try:
        with safe_open(path, framework="pt") as f:
            out = {"metadata": f.metadata() or {}, "tensors": {}}
            for k in f.keys():
                t = f.get_tensor(k)
                out["tensors"][k] = {"dtype": str(t.dtype).replace("torch.", ""), "shape": list(t.shape), "hex": raw(t)}
            return out
    except Exception as e:  # noqa: BLE001 - the reference's refusal is the answer
        return {"error": f"{type(e).__name__}: {e}"}


def decide(path):
    try:
        with safe_open(path, framework="np") as f:
            f.keys()
        return True
    except Exception:  # noqa: BLE001
        return False


def tensors(dtypes, make):
    g = torch.Generator().manual_seed(7)
    out = {}
    for i, name in enumerate(dtypes):
        bits = torch.randint(0, 256, (2 * 3 * 8,), generator=g, dtype=torch.uint8)
        dt = getattr(torch, name)
        size = torch.empty((), dtype=dt).element_size()
        t = bits[: 6 * size].view(dt).reshape(2, 3) if name != "bool" else (bits[:6] % 2).bool().reshape(2, 3)
        out[f"t{i}_{name}"] = make(t)
    out["scalar"] = make(torch.tensor(1.5, dtype=torch.float32))
    out["empty"] = make(torch.zeros((0, 4), dtype=torch.float32))
    return out


def write(d):
    from safetensors.numpy import save_file as save_np
    from safetensors.torch import save_file as save_pt
    from huggingface_hub import save_torch_state_dict
    os.makedirs(d, exist_ok=True)
    save_pt(tensors(TORCH_DTYPES, lambda t: t), os.path.join(d, "torch.safetensors"), metadata={"format": "pt", "k": "v"})
    save_np(tensors(NUMPY_DTYPES, lambda t: t.numpy()), os.path.join(d, "numpy.safetensors"))
    sd = {f"layer{i}.weight": torch.arange(i * 40, i * 40 + 40, dtype=torch.float32).reshape(8, 5) for i in range(5)}
    sd["bias"] = torch.ones(3, dtype=torch.bfloat16)
    os.makedirs(os.path.join(d, "sharded"), exist_ok=True)
    save_torch_state_dict(sd, os.path.join(d, "sharded"), max_shard_size=400)
    files = [os.path.join(d, "torch.safetensors"), os.path.join(d, "numpy.safetensors")]
    files += sorted(os.path.join(d, "sharded", f) for f in os.listdir(os.path.join(d, "sharded")) if f.endswith(".safetensors"))
    return {f: read(f) for f in files}


if __name__ == "__main__":
    cmd, args = sys.argv[1], sys.argv[2:]
    if cmd == "read":
        print(json.dumps({f: read(f) for f in args}))
    elif cmd == "decide":
        print(json.dumps({f: decide(f) for f in (args or sys.stdin.read().split())}))
    elif cmd == "write":
        print(json.dumps(write(args[0])))
