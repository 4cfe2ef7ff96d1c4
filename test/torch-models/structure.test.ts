// What stateDict and the module constructors return, beyond the reference data: the names and
// shapes of full-size models (from the plan, without drawing), parameter counts against the
// models' formulas, buffers' contents, and purity (same call, same bits, fresh arrays).

import { describe, expect, it } from "vitest";
import * as torch from "../../src/torch/index.js";
import { modelPlan } from "../../src/torch/models/state-dict.js";

/** Names and shapes a model would return, in order, without drawing anything. */
function layout(model: string, config: object = {}, buffers = false): [string, number[]][] {
  const plan = modelPlan("test", model, config);
  return plan.output(buffers).map((e) => [e.name, plan.slots[e.slot].shape]);
}

const count = (entries: [string, number[]][]) => entries.reduce((n, [, s]) => n + s.reduce((a, b) => a * b, 1), 0);

describe("model layouts", () => {
  it("nanoGPT's default GPTConfig is GPT-2 small with a 50304-token vocabulary: 124,475,904 parameters", () => {
    const entries = layout("nanogpt");
    const [V, T, E, L] = [50304, 1024, 768, 12];
    const perBlock = 2 * E + (3 * E * E + 3 * E) + (E * E + E) + 2 * E + (4 * E * E + 4 * E) + (4 * E * E + E);
    expect(count(entries)).toBe(V * E + T * E + L * perBlock + 2 * E);
    expect(count(entries)).toBe(124_475_904);
    expect(entries.length).toBe(2 + 12 * L + 2);
    expect(entries[0]).toEqual(["transformer.wte.weight", [V, E]]);
    expect(entries.map(([n]) => n)).not.toContain("lm_head.weight"); // tied: listed once
  });

  it("nanoGPT with bias=False has no biases at all, and n_layer=0 only embeddings and ln_f", () => {
    expect(layout("nanogpt", { n_layer: 2, bias: false }).filter(([n]) => n.endsWith(".bias"))).toEqual([]);
    expect(layout("nanogpt", { n_layer: 0, n_head: 7 }).map(([n]) => n)).toEqual(["transformer.wte.weight", "transformer.wpe.weight", "transformer.ln_f.weight", "transformer.ln_f.bias"]);
  });

  it("nanoGPT's buffers are the causal masks, one per block, before the block's attention Linears", () => {
    const names = layout("nanogpt", { n_layer: 2, block_size: 8 }, true).map(([n]) => n);
    const i = names.indexOf("transformer.h.1.attn.bias");
    expect(names.slice(i - 2, i + 2)).toEqual(["transformer.h.1.ln_1.weight", "transformer.h.1.ln_1.bias", "transformer.h.1.attn.bias", "transformer.h.1.attn.c_attn.weight"]);
  });

  it("torchvision's ResNet parameter counts (as torchvision documents them)", () => {
    expect(count(layout("resnet18"))).toBe(11_689_512);
    expect(count(layout("resnet34"))).toBe(21_797_672);
    expect(count(layout("resnet50"))).toBe(25_557_032);
    expect(count(layout("resnet101"))).toBe(44_549_160);
    expect(count(layout("resnet152"))).toBe(60_192_808);
    expect(count(layout("resnet50", { num_classes: 10 }))).toBe(25_557_032 - 2048 * 990 - 990);
  });

  it("a ResNet block lists its downsample after its own layers, and each BatchNorm's buffers after its parameters", () => {
    const names = layout("resnet50", {}, true).map(([n]) => n);
    const block = names.filter((n) => n.startsWith("layer2.0."));
    expect(block.slice(-7)).toEqual([
      "layer2.0.bn3.num_batches_tracked", "layer2.0.downsample.0.weight", "layer2.0.downsample.1.weight", "layer2.0.downsample.1.bias",
      "layer2.0.downsample.1.running_mean", "layer2.0.downsample.1.running_var", "layer2.0.downsample.1.num_batches_tracked",
    ]);
    expect(names.at(-2)).toBe("fc.weight");
  });
});

describe("values without torch", () => {
  const small = { n_layer: 1, n_head: 2, n_embd: 16, block_size: 4, vocab_size: 11 };

  it("is pure: the same call gives the same bits in new arrays", () => {
    const a = torch.stateDict("nanogpt", small, { seed: 3 });
    const b = torch.stateDict("nanogpt", small, { seed: 3 });
    for (const [name, t] of a) {
      expect(b.get(name)!.data).not.toBe(t.data);
      expect(b.get(name)!.data).toEqual(t.data);
    }
    expect(torch.stateDict("nanogpt", small, { seed: 4 }).get("transformer.wpe.weight")!.data).not.toEqual(a.get("transformer.wpe.weight")!.data);
  });

  it("null means absent, for a config, its keys and the options (the package's options rule)", () => {
    const a = torch.stateDict("nanogpt", { ...small, dropout: null as never }, { seed: null as never, buffers: null as never });
    const b = torch.stateDict("nanogpt", small);
    expect([...a.keys()]).toEqual([...b.keys()]);
    expect(a.get("transformer.wte.weight")!.data).toEqual(b.get("transformer.wte.weight")!.data);
    expect([...layout("nanogpt", null as never)]).toEqual(layout("nanogpt"));
  });

  it("a bigint seed is the same as the number, and torch's default seed is the default", () => {
    const a = torch.stateDict("nanogpt", small, { seed: 12345 });
    const b = torch.stateDict("nanogpt", small, { seed: 12345n });
    expect(b.get("transformer.wte.weight")!.data).toEqual(a.get("transformer.wte.weight")!.data);
    const d = torch.stateDict("nanogpt", small);
    const e = torch.stateDict("nanogpt", small, { seed: 67280421310721 });
    expect(d.get("transformer.wte.weight")!.data).toEqual(e.get("transformer.wte.weight")!.data);
  });

  it("buffers: the causal mask is lower-triangular ones; BatchNorm's stats are 0, 1 and an int64 0", () => {
    const sd = torch.stateDict("nanogpt", small, { seed: 0, buffers: true });
    const mask = sd.get("transformer.h.0.attn.bias")!;
    expect(mask.shape).toEqual([1, 1, 4, 4]);
    expect([...mask.data]).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1]);
    const bn = torch.batchNorm2d(3, { buffers: true });
    expect([...bn.keys()]).toEqual(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"]);
    expect([...bn.get("running_var")!.data]).toEqual([1, 1, 1]);
    expect(bn.get("num_batches_tracked")).toEqual({ shape: [], data: new BigInt64Array([0n]) });
  });

  it("nanoGPT's _init_weights leaves Linear biases at zero and LayerNorms at one and zero", () => {
    const sd = torch.stateDict("nanogpt", small, { seed: 0 });
    expect(sd.get("transformer.h.0.attn.c_attn.bias")!.data.every((v) => v === 0)).toBe(true);
    expect(sd.get("transformer.h.0.ln_1.weight")!.data.every((v) => v === 1)).toBe(true);
    expect(sd.get("transformer.ln_f.bias")!.data.every((v) => v === 0)).toBe(true);
  });
});
