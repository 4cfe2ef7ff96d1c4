// Hugging Face replays against committed transformers 5.18 / torch 2.13 digests: GPT-2 and Llama,
// tied and untied, grouped-query attention, biases, pad rows, initializer_range 0.

import { describe, expect, it } from "vitest";
import { compareHf, type HfRef } from "./hf-cases.js";
import committed from "./hf.5.18.json" with { type: "json" };

describe("stateDict(gpt2 | llama) equals AutoModelForCausalLM.from_config(cfg).state_dict()", () => {
  it("every tensor, in order, bit for bit, and the generator's position afterwards", () => {
    const ref = committed as HfRef;
    expect(ref.transformers).toBe("5.18.0");
    expect(ref.cases.length).toBeGreaterThanOrEqual(9);
    expect(compareHf(ref)).toEqual([]);
  });
});
