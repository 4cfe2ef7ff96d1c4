"""torch 2.13 / transformers 5.18 side of bench/models/hf-torch.mjs, one thread, its own clock.
Reads {"op": "trunc" | "gpt2", "n"?} on stdin; writes {"seconds": one timing, versions}.
trunc: torch.manual_seed(0); nn.init.trunc_normal_(torch.empty(n)) (default mean 0, std 1, [-2, 2]).
gpt2: torch.manual_seed(0); AutoModelForCausalLM.from_config(GPT2Config()).state_dict()."""
import json, sys, time
import torch

torch.set_num_threads(1)
plan = json.load(sys.stdin)
if plan["op"] == "trunc":
    t = torch.empty(plan["n"])
    torch.manual_seed(0)
    torch.nn.init.trunc_normal_(t)  # warm-up
    torch.manual_seed(0)
    t0 = time.perf_counter()
    torch.nn.init.trunc_normal_(t)
    seconds = time.perf_counter() - t0
else:
    import transformers
    from transformers import AutoModelForCausalLM, GPT2Config
    torch.manual_seed(0)
    AutoModelForCausalLM.from_config(GPT2Config(n_layer=1)).state_dict()  # warm-up: imports, first allocations
    torch.manual_seed(0)
    t0 = time.perf_counter()
    AutoModelForCausalLM.from_config(GPT2Config()).state_dict()
    seconds = time.perf_counter() - t0
json.dump({"seconds": seconds, "torch": torch.__version__}, sys.stdout)
