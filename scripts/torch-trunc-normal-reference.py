"""trunc_normal_ references from the torch installed with this interpreter (torch >= 2.12 rules).

Reads a JSON list of cases {seed, shape, mean, std, a, b} on stdin; writes, per case, the values
(float32, base64) and the next 16 values of uniform_() after it (which show the words consumed),
with torch's version and CPU capability. Single-threaded, float32, CPU.
"""
import base64, json, sys, warnings
import torch

torch.set_num_threads(1)
cases = json.load(sys.stdin)
out = []
for c in cases:
    torch.manual_seed(c["seed"])
    t = torch.empty(c["shape"], dtype=torch.float32)
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always")
        torch.nn.init.trunc_normal_(t, mean=c["mean"], std=c["std"], a=c["a"], b=c["b"])
    after = torch.empty(16).uniform_()
    out.append({**c, "data": base64.b64encode(t.contiguous().numpy().tobytes()).decode(),
                "after": base64.b64encode(after.numpy().tobytes()).decode(), "warned": len(w) > 0})
json.dump({"torch": torch.__version__, "capability": torch.backends.cpu.get_cpu_capability(), "cases": out}, sys.stdout)
