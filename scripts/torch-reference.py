#!/usr/bin/python3
"""Reference tensors from real PyTorch for nninit/torch's tests.

Runs one sequence of torch.nn.init calls per seed (the generator state carries over from op to
op, as in a model constructor) and records, for every op, a SHA-256 of the float32 result, a few
sampled values (bit patterns), and torch's generator state afterwards (mt19937 index, a hash of
the 624 state words, the cached double normal sample).

  /usr/bin/python3 scripts/torch-reference.py                 # writes both committed files
  /usr/bin/python3 scripts/torch-reference.py --full --out F  # one build (ATEN_CPU_CAPABILITY), every value

Without arguments it runs itself twice: under ATEN_CPU_CAPABILITY=default ("default") and under
torch's default dispatch ("avx2": AVX2 or AVX-512, whose kernels give the same bits), writing
test/torch/reference.<build>.json. The op list below is mirrored by test/torch/ops.ts.
"""
import base64, hashlib, json, math, os, platform, struct, subprocess, sys

SEEDS = [0, 1, 1337, -1, 2**32 + 5]
SIZES = [1, 7, 15, 16, 17, 1000, 12293, 131077]
UNIFORM_BOUNDS = [(0.0, 1.0), (-0.1, 0.1), (-3.0, 5.5), (2.0, 2.0001)]
NORMAL_PARAMS = [(0.0, 1.0), (0.5, 0.02), (-2.0, 3.0)]


def ops():
    """(name, shape, params) in call order: the names are nninit's, the params its options."""
    out = []
    for i, n in enumerate(SIZES):
        a, b = UNIFORM_BOUNDS[i % len(UNIFORM_BOUNDS)]
        out.append(("uniform", [n], {"a": a, "b": b}))
    for i, n in enumerate(SIZES):
        mean, std = NORMAL_PARAMS[i % len(NORMAL_PARAMS)]
        out.append(("normal", [n], {"mean": mean, "std": std}))
    # The small path's cached sample survives other ops and other tensors.
    out += [("normal", [1], {}), ("uniform", [3], {}), ("normal", [7], {"mean": 1.0, "std": 2.0}),
            ("normal", [2, 3], {}), ("normal", [16], {})]
    out += [
        ("kaimingUniform", [256, 784], {"a": math.sqrt(5)}),
        ("uniform", [256], {"a": -1 / math.sqrt(784), "b": 1 / math.sqrt(784)}),
        ("kaimingUniform", [64, 3, 3, 3], {"a": math.sqrt(5)}),
        ("kaimingUniform", [10, 20], {"mode": "fan_out", "nonlinearity": "relu"}),
        ("kaimingNormal", [32, 16, 3, 3], {"mode": "fan_out", "nonlinearity": "relu"}),
        ("kaimingNormal", [5, 3], {}),
        ("xavierUniform", [100, 50], {"gain": 5.0 / 3}),
        ("xavierNormal", [30, 70], {}),
        ("zeros", [5, 5], {}), ("ones", [5], {}), ("constant", [3, 3], {"value": 0.25}),
        ("eye", [4, 6], {}), ("dirac", [4, 2, 3, 3], {}),
        ("truncNormal", [1000], {}),
        ("truncNormal", [777], {"mean": 0.5, "std": 0.02, "a": 0.46, "b": 0.54}),
        ("truncNormal", [4096], {"std": 0.02}),
        ("orthogonal", [64, 32], {}),
        ("orthogonal", [20, 50], {"gain": 2.0}),
        ("orthogonal", [16, 4, 3, 3], {}),
        ("sparse", [100, 40], {"sparsity": 0.3, "std": 0.01}),
        ("sparse", [10, 7], {"sparsity": 0.5}),
        ("normal", [1000], {"std": 0.02}),
    ]
    return out


def run(name, shape, p):
    import torch
    init = torch.nn.init
    t = torch.empty(shape, dtype=torch.float32)
    with torch.no_grad():
        if name == "uniform": init.uniform_(t, p.get("a", 0.0), p.get("b", 1.0))
        elif name == "normal": init.normal_(t, p.get("mean", 0.0), p.get("std", 1.0))
        elif name == "kaimingUniform": init.kaiming_uniform_(t, a=p.get("a", 0), mode=p.get("mode", "fan_in"), nonlinearity=p.get("nonlinearity", "leaky_relu"))
        elif name == "kaimingNormal": init.kaiming_normal_(t, a=p.get("a", 0), mode=p.get("mode", "fan_in"), nonlinearity=p.get("nonlinearity", "leaky_relu"))
        elif name == "xavierUniform": init.xavier_uniform_(t, gain=p.get("gain", 1.0))
        elif name == "xavierNormal": init.xavier_normal_(t, gain=p.get("gain", 1.0))
        elif name == "zeros": init.zeros_(t)
        elif name == "ones": init.ones_(t)
        elif name == "constant": init.constant_(t, p["value"])
        elif name == "eye": init.eye_(t)
        elif name == "dirac": init.dirac_(t)
        elif name == "truncNormal": init.trunc_normal_(t, mean=p.get("mean", 0.0), std=p.get("std", 1.0), a=p.get("a", -2.0), b=p.get("b", 2.0))
        elif name == "orthogonal": init.orthogonal_(t, gain=p.get("gain", 1.0))
        elif name == "sparse": init.sparse_(t, p["sparsity"], std=p.get("std", 0.01))
        else: raise ValueError(name)
    return t


def generator_state():
    import torch
    b = bytes(torch.get_rng_state().numpy())
    # CPUGeneratorImplStateLegacy: u64 seed, i32 left, i32 seeded, u64 next, u64 state[624],
    # f64 normal_x, normal_y, normal_rho, i32 normal_is_valid, ...
    seed, left, _seeded, _next = struct.unpack_from("<QiiQ", b, 0)
    words = struct.unpack_from("<624Q", b, 24)
    _nx, normal_y, _rho, valid = struct.unpack_from("<dddi", b, 5016)
    mt = struct.pack("<624I", *[w & 0xFFFFFFFF for w in words])
    return {"index": 625 - left, "mt": hashlib.sha256(mt).hexdigest()[:16], "normal": normal_y if valid else None}


def sample_indices(n):
    picks = set(range(min(n, 4))) | set(range(max(0, n - 18), n)) | {n * k // 10 for k in range(10)}
    return sorted(i for i in picks if i < n)


def record(full):
    import torch
    torch.set_num_threads(1)
    result = {}
    for seed in SEEDS:
        torch.manual_seed(seed)
        entries = []
        for name, shape, p in ops():
            data = run(name, shape, p).contiguous().numpy().tobytes()
            bits = struct.unpack(f"<{len(data) // 4}I", data)
            e = {"op": name, "shape": shape, "params": p, "sha256": hashlib.sha256(data).hexdigest(),
                 "samples": [[i, f"{bits[i]:08x}"] for i in sample_indices(len(bits))], "state": generator_state()}
            if full:
                e["data"] = base64.b64encode(data).decode()
            entries.append(e)
        result[str(seed)] = {"initialSeed": str(torch.initial_seed()), "ops": entries}
    return result


def main():
    args = sys.argv[1:]
    if "--out" in args:
        import torch
        out = args[args.index("--out") + 1]
        cap = os.environ.get("ATEN_CPU_CAPABILITY", "")
        doc = {"torch": torch.__version__, "capability": cap or "default dispatch",
               "build": "default" if cap == "default" else "avx2",
               "machine": f"{platform.machine()} {platform.system()}", "seeds": record("--full" in args)}
        with open(out, "w") as f:
            json.dump(doc, f, separators=(",", ":"))
            f.write("\n")
        return
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    os.makedirs(os.path.join(root, "test", "torch"), exist_ok=True)
    for build, cap in [("avx2", None), ("default", "default")]:
        env = dict(os.environ)
        env.pop("ATEN_CPU_CAPABILITY", None)
        if cap:
            env["ATEN_CPU_CAPABILITY"] = cap
        path = os.path.join(root, "test", "torch", f"reference.{build}.json")
        subprocess.run([sys.executable, os.path.abspath(__file__), "--out", path], env=env, check=True)
        print(path, os.path.getsize(path), "bytes")


if __name__ == "__main__":
    main()
