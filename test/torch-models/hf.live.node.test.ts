// Hugging Face replays against the venv's transformers and torch: the committed cases again,
// then held-out random GPT-2 and Llama configs and seeds (new each run, printed on failure), and
// the default GPT-2 (124M) and a 2-layer Llama with Llama's 32000-token vocabulary. The same
// against transformers 4.57.6 (its own venv, `transformers: "4.57"`) where that venv exists.

import { describe, expect, it } from "vitest";
import { fileURLToPath } from "node:url";
import { hasModules, runPython, runReference, transformers4Python } from "../python/venv.js";
import { CASES, compareHf, type HfCase, type HfRef } from "./hf-cases.js";
import committed from "./hf.5.18.json" with { type: "json" };
import committed457 from "./hf.4.57.json" with { type: "json" };

const SCRIPT = fileURLToPath(new URL("../../scripts/hf-reference.py", import.meta.url));
const reference = (cases: HfCase[]): HfRef => JSON.parse(runReference(SCRIPT, [], JSON.stringify(cases)));

const PYTHON4 = transformers4Python();
const reference4 = (cases: HfCase[]): HfRef => JSON.parse(runPython(PYTHON4!, SCRIPT, [], JSON.stringify(cases)));

/** initializer_range for a held-out config: usually absent, sometimes 0 (where 4.57 and 5.18 differ) or another value. */
function initializerRange(): { initializer_range?: number } {
  const u = Math.random();
  return u < 0.5 ? {} : { initializer_range: [0, 0, 0.01, 0.1][Math.floor(Math.random() * 4)] };
}

function heldOut(): HfCase[] {
  const r = (n: number) => 1 + Math.floor(Math.random() * n);
  const seed = () => Math.floor(Math.random() * 2 ** 32);
  const out: HfCase[] = [];
  for (let i = 0; i < 4; i++) {
    const heads = r(4), E = heads * r(12);
    out.push({ model: "gpt2", seed: seed(), config: { n_layer: r(3), n_embd: E, n_head: heads, vocab_size: r(200), n_positions: r(40), tie_word_embeddings: Math.random() < 0.5, ...(Math.random() < 0.3 ? { n_inner: r(50) } : {}), ...initializerRange() } });
    const kv = r(3), groups = r(3), hd = 2 * r(8);
    out.push({ model: "llama", seed: seed(), config: {
      hidden_size: kv * groups * hd, intermediate_size: r(80), num_hidden_layers: r(3), num_attention_heads: kv * groups,
      num_key_value_heads: kv, vocab_size: r(200), tie_word_embeddings: Math.random() < 0.5,
      attention_bias: Math.random() < 0.5, mlp_bias: Math.random() < 0.5, ...initializerRange(),
    } });
  }
  return out;
}

describe.skipIf(!hasModules("torch", "transformers"))("Hugging Face replays against the venv's transformers", () => {
  it("the committed digests are what this transformers writes", () => {
    expect(reference(CASES).cases).toEqual((committed as HfRef).cases);
  }, 300_000);
  it("held-out configs and seeds, GPT-2 and Llama: bit for bit", () => {
    const cases = heldOut();
    expect(compareHf(reference(cases)), JSON.stringify(cases)).toEqual([]);
  }, 300_000);
  it("the default GPT-2 (124M) and a Llama with a 32000-token vocabulary", () => {
    const cases: HfCase[] = [
      { model: "gpt2", config: {}, seed: 20_261_206 },
      { model: "llama", config: { hidden_size: 256, intermediate_size: 688, num_hidden_layers: 2, num_attention_heads: 8, num_key_value_heads: 2 }, seed: 31 },
    ];
    expect(compareHf(reference(cases))).toEqual([]);
  }, 600_000);
});

describe.skipIf(PYTHON4 === null)("Hugging Face replays against transformers 4.57.6 (transformers: \"4.57\")", () => {
  it("the committed 4.57 digests are what it writes", () => {
    const ref = reference4(CASES);
    expect(ref.transformers).toBe("4.57.6");
    expect(ref.cases).toEqual((committed457 as HfRef).cases);
  }, 300_000);
  it("held-out configs and seeds (initializer_range 0 among them), GPT-2 and Llama: bit for bit", () => {
    const cases = heldOut();
    expect(compareHf(reference4(cases)), JSON.stringify(cases)).toEqual([]);
  }, 300_000);
});
