"""Independent safetensors reader for the tests: parses the format with struct + json + numpy
(nothing from nninit), checks the layout, and prints one JSON object per file:
  {"metadata": {...}, "tensors": [{"name", "dtype", "shape", "sha256", "from_f32": {...}}]}
where sha256 is the digest of the tensor's raw bytes and, with --from-f32 FILE, "from_f32" holds
the digests of FILE's float32 tensor of the same name rounded by numpy: astype(float16) (IEEE
round to nearest even) and bfloat16 by integer round-to-nearest-even on the bits.

usage: python3 read_safetensors.py FILE [--from-f32 F32FILE]
"""
import hashlib
import json
import struct
import sys

import numpy as np

SIZES = {"F64": 8, "F32": 4, "F16": 2, "BF16": 2, "I64": 8, "I32": 4, "I16": 2, "I8": 1, "U8": 1, "BOOL": 1}


def read(path):
    with open(path, "rb") as f:
        data = f.read()
    (n,) = struct.unpack("<Q", data[:8])
    assert 8 + n <= len(data), "header past the end"
    assert n % 8 == 0, "header not padded to 8"
    header = json.loads(data[8 : 8 + n].decode("utf-8"))
    meta = header.pop("__metadata__", {})
    body = data[8 + n :]
    entries = sorted(header.items(), key=lambda kv: kv[1]["data_offsets"][0])
    at = 0
    tensors = []
    for name, e in entries:
        b, end = e["data_offsets"]
        assert b == at, f"{name}: gap or overlap at {b} (expected {at})"
        count = int(np.prod(e["shape"], dtype=np.int64)) if e["shape"] else 1
        assert end - b == count * SIZES[e["dtype"]], f"{name}: size mismatch"
        tensors.append((name, e["dtype"], e["shape"], body[b:end]))
        at = end
    assert at == len(body), "trailing bytes"
    # header order must be data order (the writer's promise)
    assert [t[0] for t in tensors] == list(header.keys()), "header order is not data order"
    return meta, tensors


def bf16_bits(x):
    w = x.view(np.uint32).astype(np.uint64)
    r = (w + 0x7FFF + ((w >> 16) & 1)) >> 16
    return r.astype(np.uint16)


def main():
    path = sys.argv[1]
    meta, tensors = read(path)
    ref = {}
    if "--from-f32" in sys.argv:
        _, f32 = read(sys.argv[sys.argv.index("--from-f32") + 1])
        for name, dtype, shape, raw in f32:
            assert dtype == "F32"
            x = np.frombuffer(raw, dtype=np.float32)
            ref[name] = {
                "F16": hashlib.sha256(x.astype(np.float16).tobytes()).hexdigest(),
                "BF16": hashlib.sha256(bf16_bits(x).tobytes()).hexdigest(),
            }
    out = []
    for name, dtype, shape, raw in tensors:
        t = {"name": name, "dtype": dtype, "shape": shape, "sha256": hashlib.sha256(raw).hexdigest()}
        if name in ref:
            t["from_f32"] = ref[name]
        out.append(t)
    print(json.dumps({"metadata": meta, "tensors": out}))


main()
