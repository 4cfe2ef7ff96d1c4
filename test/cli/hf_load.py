"""A checkpoint written by `nninit init gpt2|llama --torch` loads into transformers' model and
equals `torch.manual_seed(SEED); AutoModelForCausalLM.from_config(cfg)`, tensor by tensor.

usage: python hf_load.py FILE MODEL SEED CONFIG_JSON   (the reference venv: torch 2.x, transformers)
The file is read with safetensors; the model loaded into is built from SEED + 1, so only the file
can make it equal the reference. Prints {"missing", "unexpected", "tensors", "differ"}.
"""
import json, sys
import torch
from safetensors.torch import load_file
from transformers import AutoModelForCausalLM, GPT2Config, LlamaConfig

torch.set_num_threads(1)
path, model, seed, config = sys.argv[1], sys.argv[2], int(sys.argv[3]), json.loads(sys.argv[4])
make = lambda: AutoModelForCausalLM.from_config({"gpt2": GPT2Config, "llama": LlamaConfig}[model](**config))
torch.manual_seed(seed)
want = make().state_dict()
torch.manual_seed(seed + 1)
got = make()
r = got.load_state_dict(load_file(path), strict=False)
got = got.state_dict()
differ = [k for k in want if not torch.equal(want[k], got[k])]
print(json.dumps({"missing": list(r.missing_keys), "unexpected": list(r.unexpected_keys), "tensors": len(want), "differ": differ}))
