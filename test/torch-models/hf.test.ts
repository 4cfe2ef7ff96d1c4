// Hugging Face replays against committed torch 2.13 digests from transformers 5.18 (the default)
// and 4.57.6 (`transformers: "4.57"`): GPT-2 and Llama, tied and untied, grouped-query attention,
// biases, pad rows, initializer_range 0 (the one place the two versions differ).

import { describe, expect, it } from "vitest";
import { stateDict, TorchGenerator } from "../../src/torch/index.js";
import { compareHf, type HfRef } from "./hf-cases.js";
import committed518 from "./hf.5.18.json" with { type: "json" };
import committed457 from "./hf.4.57.json" with { type: "json" };

describe("stateDict(gpt2 | llama) equals AutoModelForCausalLM.from_config(cfg).state_dict()", () => {
  it("transformers 5.18: every tensor, in order, bit for bit, and the generator's position afterwards", () => {
    const ref = committed518 as HfRef;
    expect(ref.transformers).toBe("5.18.0");
    expect(ref.cases.length).toBeGreaterThanOrEqual(11);
    expect(compareHf(ref)).toEqual([]);
  });
  it("transformers 4.57.6 with transformers: \"4.57\": the same", () => {
    const ref = committed457 as HfRef;
    expect(ref.transformers).toBe("4.57.6");
    expect(ref.cases.length).toBeGreaterThanOrEqual(11);
    expect(compareHf(ref)).toEqual([]);
  });
  it("the versions differ only at initializer_range 0, and there by the Embedding/Linear std", () => {
    const a = committed518 as HfRef, b = committed457 as HfRef;
    for (let i = 0; i < a.cases.length; i++) {
      const zero = a.cases[i].config.initializer_range === 0;
      const differ = a.cases[i].tensors.filter((t, j) => t.sha256 !== b.cases[i].tensors[j].sha256).map((t) => t.name);
      expect(differ.length > 0, JSON.stringify(a.cases[i].config)).toBe(zero);
      expect(a.cases[i].after).toBe(b.cases[i].after); // the same words drawn either way
    }
    // 4.57 at initializer_range 0: Embedding and Linear weights are zeros; GPT-2's Conv1D draws ir (0) in both.
    const config = { n_layer: 1, n_embd: 8, n_head: 2, vocab_size: 5, n_positions: 3, initializer_range: 0, tie_word_embeddings: false };
    const old = stateDict("gpt2", config, { seed: 1, transformers: "4.57" });
    const now = stateDict("gpt2", config, { seed: 1 });
    for (const name of ["transformer.wte.weight", "transformer.wpe.weight", "lm_head.weight"]) {
      expect(old.get(name)!.data.every((x) => x === 0), name).toBe(true);
      expect(now.get(name)!.data.some((x) => x !== 0), name).toBe(true);
    }
  });
  it("refuses a transformers version it does not replay, and the option for other models, moving no generator", () => {
    expect(() => stateDict("gpt2", {}, { transformers: "4.40" as never })).toThrow(RangeError);
    expect(() => stateDict("gpt2", {}, { transformers: "4.40" as never })).toThrow(/stateDict.*transformers.*"4.57", "5.18".*4\.40/s);
    expect(() => stateDict("llama", {}, { transformers: 4.57 as never })).toThrow(TypeError);
    expect(() => stateDict("resnet18", {}, { transformers: "4.57" })).toThrow(TypeError);
    expect(() => stateDict("nanogpt", {}, { transformers: "5.18" })).toThrow(/options.transformers is for "gpt2" and "llama".*not "nanogpt"/);
    const generator = new TorchGenerator(5);
    const before = generator.getState();
    expect(() => stateDict("resnet18", {}, { generator, transformers: "4.57" })).toThrow(TypeError);
    expect(generator.getState()).toEqual(before);
  });
});
