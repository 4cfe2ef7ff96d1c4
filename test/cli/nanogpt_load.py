"""A nanoGPT checkpoint written by `nninit init nanogpt --torch` loads into the torch model built
the way nanoGPT builds it, and equals the torch-initialized one.

usage: /usr/bin/python3 nanogpt_load.py FILE SEED CONFIG_JSON
Prints one JSON line: {"missing": [...], "unexpected": [...], "parameters": n, "equal": n, "differ": [...]}.
The file is parsed with struct + json + torch.frombuffer (no nninit code). The model comes from
scripts/torch_nanogpt.py (nanoGPT's module order, tying and _init_weights)."""
import json
import os
import struct
import sys

import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "scripts"))
from torch_nanogpt import GPT, GPTConfig  # noqa: E402

DTYPES = {"F32": torch.float32, "F16": torch.float16, "BF16": torch.bfloat16, "I64": torch.int64}


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
        t = torch.frombuffer(body[b:end], dtype=DTYPES[e["dtype"]]) if end > b else torch.empty(0, dtype=DTYPES[e["dtype"]])
        out[name] = t.reshape(e["shape"]).clone()
    return out


path, seed, config = sys.argv[1], int(sys.argv[2]), json.loads(sys.argv[3])
state = load(path)
torch.manual_seed(seed)
reference = GPT(GPTConfig(**config))
torch.manual_seed(seed + 1)  # a different start, so that only the file can make it equal
model = GPT(GPTConfig(**config))
state = {k: v.to(torch.float32) if v.is_floating_point() else v for k, v in state.items()}
result = model.load_state_dict(state, strict=False)
differ = []
count = 0
for (name, p), (_, q) in zip(model.named_parameters(), reference.named_parameters()):
    count += 1
    if not torch.equal(p, q):
        differ.append(name)
print(json.dumps({"missing": list(result.missing_keys), "unexpected": list(result.unexpected_keys), "parameters": count, "equal": count - len(differ), "differ": differ}))
