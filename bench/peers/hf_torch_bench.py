"""torch 2.13 / transformers 5.18's side of the issue-18 rows (bench/peers/torch2.mjs), one thread,
in the reference venv (.ci/python-requirements.txt). Reads a JSON plan on stdin:
  {"seed", "sizes", "minSamples", "maxTime", "minTime", "gpt2Samples"}
and writes, for each size, nn.init.trunc_normal_ (mean 0, std 1, [-2, 2], torch >= 2.12's rule)
timed by the calibrated loop numpy_bench.py and torch_bench.py use, with the moments of the last
output; then `torch.manual_seed(0); AutoModelForCausalLM.from_config(GPT2Config()).state_dict()`
(GPT-2 small) timed once per sample after a warm-up, with the moments of h.0.attn.c_attn.weight
and the sha256 of every tensor in state_dict() order (a tied tensor once), for the bit check.
"""

import hashlib
import json
import platform
import sys
import time

from calibrated import measure, torch_moments as moments  # this script's folder is on sys.path

import torch


def main():
    plan = json.load(sys.stdin)
    torch.set_num_threads(1)
    torch.manual_seed(plan["seed"])
    trunc = []
    for n in plan["sizes"]:
        out = torch.empty(n, dtype=torch.float32)
        samples = measure(lambda: torch.nn.init.trunc_normal_(out), plan)
        trunc.append({"n": n, "samples": samples, "moments": moments(out)})

    import transformers
    from transformers import AutoModelForCausalLM, GPT2Config

    def gpt2():
        torch.manual_seed(0)
        return AutoModelForCausalLM.from_config(GPT2Config()).state_dict()

    AutoModelForCausalLM.from_config(GPT2Config(n_layer=1)).state_dict()  # warm-up: imports, first allocations
    samples = []
    for _ in range(plan["gpt2Samples"]):
        sd = None  # free the previous model first, as the JS side does
        t0 = time.perf_counter()
        sd = gpt2()
        samples.append(time.perf_counter() - t0)
    h, seen = hashlib.sha256(), set()
    for t in sd.values():
        if t.data_ptr() in seen:
            continue
        seen.add(t.data_ptr())
        h.update(t.detach().contiguous().to(torch.float32).numpy().tobytes())
    json.dump({"torch": torch.__version__, "transformers": transformers.__version__, "python": platform.python_version(),
               "threads": torch.get_num_threads(), "trunc": trunc,
               "gpt2": {"samples": samples, "sha256": h.hexdigest(), "moments": moments(sd["transformer.h.0.attn.c_attn.weight"])}}, sys.stdout)


main()
