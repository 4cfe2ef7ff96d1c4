"""Loads each directory with transformers' AutoModelForCausalLM.from_pretrained and prints, per
directory, its class and the loading info: {dir: {"class", "missing", "unexpected", "mismatched"}}.

usage: python from_pretrained.py DIR...
"""
import json
import sys

import transformers
from transformers import AutoModelForCausalLM

transformers.logging.set_verbosity_error()
out = {}
for d in sys.argv[1:]:
    model, info = AutoModelForCausalLM.from_pretrained(d, output_loading_info=True)
    out[d] = {
        "class": type(model).__name__,
        "missing": sorted(info["missing_keys"]),
        "unexpected": sorted(info["unexpected_keys"]),
        "mismatched": [str(m) for m in info.get("mismatched_keys", [])],
    }
print(json.dumps(out))
