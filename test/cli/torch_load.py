"""A checkpoint written by `nninit init <nanogpt|resnet*> --torch` loads into the torch model built
the way its project builds it, and equals the torch-initialized one tensor by tensor.

usage: /usr/bin/python3 torch_load.py FILE MODEL SEED CONFIG_JSON DTYPE
  MODEL   nanogpt (scripts/torch_nanogpt.py: nanoGPT's module order, tying and _init_weights)
          or a torchvision name (resnet18, resnet50, ...)
  DTYPE   float32, float16 or bfloat16: the reference is `model.to(DTYPE)` (floating parameters
          and buffers rounded, int64 counters kept)

The file is parsed with struct + json + torch.frombuffer (no nninit code). The model to load into
is built from seed + 1, so only the file can make it equal to the reference built from SEED.
Prints one JSON line: {"missing", "unexpected" (load_state_dict(strict=False)'s lists), "tensors"
(entries of the reference's state_dict), "differ" (names whose dtype or values differ),
"fileDtypes" (the safetensors dtypes in the file)}.
"""
import json
import os
import struct
import sys

import torch

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}
TORCH_DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}


def load(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + n])
    header.pop("__metadata__", None)
    body = bytearray(data[8 + n :])
    out = {}
    for name, e in header.items():
        b, end = e["data_offsets"]
        dtype = DTYPES[e["dtype"]]
        t = torch.frombuffer(body[b:end], dtype=dtype) if end > b else torch.empty(0, dtype=dtype)
        out[name] = t.reshape(e["shape"]).clone()
    return out, sorted({e["dtype"] for e in header.values()})


def build(model, config):
    if model == "nanogpt":
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
        from torch_nanogpt import GPT, GPTConfig

        return GPT(GPTConfig(**config))
    import torchvision

    return getattr(torchvision.models, model)(**config)


def main():
    path, model, seed, config, dtype = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4]), TORCH_DTYPES[sys.argv[5]]
    state, file_dtypes = load(path)
    torch.manual_seed(seed)
    reference = build(model, config).to(dtype)
    torch.manual_seed(seed + 1)
    target = build(model, config).to(dtype)
    result = target.load_state_dict(state, strict=False)
    want, got = reference.state_dict(), target.state_dict()
    differ = [k for k in want if want[k].dtype != got[k].dtype or not torch.equal(want[k], got[k])]
    print(json.dumps({"missing": list(result.missing_keys), "unexpected": list(result.unexpected_keys), "tensors": len(want), "differ": differ, "fileDtypes": file_dtypes}))


main()
