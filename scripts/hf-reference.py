"""Hugging Face transformers references: state dicts of AutoModelForCausalLM.from_config.

Reads a JSON list of cases {model: "gpt2" | "llama", config: {...}, seed} on stdin. For each, runs
torch.manual_seed(seed); AutoModelForCausalLM.from_config(GPT2Config(**config) or
LlamaConfig(**config)).state_dict() and writes every entry in order (a tensor sharing storage with
an earlier one, the tied lm_head.weight, is listed once, under its first name): name, shape and
the sha256 of its float32 bytes; then the next 16 uniform_() values (the generator's position).
--time: instead, the seconds of from_config + state_dict() for the first case (median of 3).
Single-threaded, float32, CPU.
"""
import base64, hashlib, importlib.metadata, json, sys, time
import torch

# transformers 4.57.6 refuses to import next to huggingface-hub >= 1.0 (its pin is < 1.0, which the
# offline wheel store lacks; .ci/python-requirements-transformers4.txt). from_config never calls
# the Hub, so for that one import the check is told hub 0.36; 5.x does not need this.
_version = importlib.metadata.version
if _version("transformers").startswith("4."):
    importlib.metadata.version = lambda name: "0.36.0" if name.replace("_", "-") == "huggingface-hub" else _version(name)
import transformers
importlib.metadata.version = _version
from transformers import AutoModelForCausalLM, GPT2Config, LlamaConfig

torch.set_num_threads(1)
CONFIGS = {"gpt2": GPT2Config, "llama": LlamaConfig}


FLOAT_KEYS = ("initializer_range",)  # JSON writes 0.0 as 0; the config classes want a float


def build(case):
    config = {k: float(v) if k in FLOAT_KEYS else v for k, v in case["config"].items()}
    torch.manual_seed(case["seed"])
    model = AutoModelForCausalLM.from_config(CONFIGS[case["model"]](**config))
    return model.state_dict()


cases = json.load(sys.stdin)
if "--time" in sys.argv:
    times = []
    for _ in range(3):
        t = time.perf_counter()
        build(cases[0])
        times.append(time.perf_counter() - t)
    json.dump({"seconds": sorted(times)[1], "times": times}, sys.stdout)
    sys.exit(0)

out = []
for case in cases:
    sd = build(case)
    after = torch.empty(16).uniform_()
    seen, tensors = set(), []
    for name, t in sd.items():
        key = (t.data_ptr(), tuple(t.shape))
        if key in seen:
            continue
        seen.add(key)
        data = t.detach().contiguous().to(torch.float32).numpy().tobytes()
        tensors.append({"name": name, "shape": list(t.shape), "sha256": hashlib.sha256(data).hexdigest()})
    out.append({**case, "tensors": tensors, "after": base64.b64encode(after.numpy().tobytes()).decode()})
json.dump({"torch": torch.__version__, "transformers": transformers.__version__,
           "capability": torch.backends.cpu.get_cpu_capability(), "cases": out}, sys.stdout)
