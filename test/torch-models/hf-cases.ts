// Hugging Face replays: the cases (GPT-2 and Llama configs written for these tests) and the
// comparison of nninit/torch's stateDict with a reference file written by scripts/hf-reference.py.

import { createHash } from "node:crypto";
import { stateDict, TorchGenerator, TRANSFORMERS_VERSIONS, type ModelName, type TransformersVersion } from "../../src/torch/index.js";
import { uniform } from "../../src/index.js";

export interface HfCase { model: "gpt2" | "llama"; config: Record<string, unknown>; seed: number }
export interface HfRef {
  torch: string; transformers: string; capability: string;
  cases: (HfCase & { tensors: { name: string; shape: number[]; sha256: string }[]; after: string })[];
}

/**
 * Tied and untied, grouped-query attention, biases, pad rows, several depths and widths, tiny
 * tensors (< 16: the double path), initializer_range 0 (where transformers 4.57 and 5.18 differ).
 */
export const CASES: HfCase[] = [
  { model: "gpt2", config: { n_layer: 2, n_embd: 64, n_head: 4, vocab_size: 100, n_positions: 32 }, seed: 0 },
  { model: "gpt2", config: { n_layer: 3, n_embd: 48, n_head: 3, vocab_size: 77, n_positions: 17, tie_word_embeddings: false }, seed: 1337 },
  { model: "gpt2", config: { n_layer: 1, n_embd: 8, n_head: 2, vocab_size: 1, n_positions: 1, n_inner: 5 }, seed: 7 },
  { model: "gpt2", config: { n_layer: 4, n_embd: 32, n_head: 8, vocab_size: 50, n_positions: 64, initializer_range: 0.05 }, seed: 99 },
  { model: "gpt2", config: { n_layer: 2, n_embd: 16, n_head: 2, vocab_size: 30, n_positions: 8, initializer_range: 0 }, seed: 3 },
  { model: "llama", config: { hidden_size: 64, intermediate_size: 96, num_hidden_layers: 2, num_attention_heads: 4, num_key_value_heads: 2, vocab_size: 120 }, seed: 0 },
  { model: "llama", config: { hidden_size: 32, intermediate_size: 50, num_hidden_layers: 3, num_attention_heads: 4, vocab_size: 33, tie_word_embeddings: true, attention_bias: true, mlp_bias: true }, seed: 42 },
  { model: "llama", config: { hidden_size: 48, intermediate_size: 64, num_hidden_layers: 1, num_attention_heads: 6, num_key_value_heads: 1, head_dim: 16, vocab_size: 40, pad_token_id: 3, attention_bias: true }, seed: 5 },
  { model: "llama", config: { hidden_size: 4, intermediate_size: 3, num_hidden_layers: 2, num_attention_heads: 2, vocab_size: 3, mlp_bias: true, initializer_range: 0.1 }, seed: 11 },
  { model: "llama", config: { hidden_size: 16, intermediate_size: 24, num_hidden_layers: 2, num_attention_heads: 2, vocab_size: 20, initializer_range: 0 }, seed: 4 },
  { model: "gpt2", config: { n_layer: 2, n_embd: 16, n_head: 2, vocab_size: 30, n_positions: 8, initializer_range: 0, tie_word_embeddings: false }, seed: 3 },
];

/** The stateDict option for a reference written by transformers `version` ("4.57.6" -> "4.57"). */
export function transformersOf(version: string): TransformersVersion {
  const v = version.split(".").slice(0, 2).join(".");
  if (!(TRANSFORMERS_VERSIONS as readonly string[]).includes(v)) throw new Error(`no replay for transformers ${version}`);
  return v as TransformersVersion;
}

const sha = (a: Float32Array) => createHash("sha256").update(new Uint8Array(a.buffer, a.byteOffset, a.byteLength)).digest("hex");

/** What differs between nninit/torch and the reference (empty: every tensor bit for bit, same order, same generator position). */
export function compareHf(ref: HfRef): string[] {
  const out: string[] = [];
  const transformers = transformersOf(ref.transformers);
  for (const c of ref.cases) {
    const what = `${c.model} ${JSON.stringify(c.config)} seed ${c.seed}`;
    const g = new TorchGenerator(c.seed);
    const sd = stateDict(c.model as ModelName, c.config as never, { generator: g, buffers: true, transformers });
    const names = [...sd.keys()];
    const want = c.tensors.map((t) => t.name);
    if (JSON.stringify(names) !== JSON.stringify(want)) {
      out.push(`${what}: names ${JSON.stringify(names)} vs torch ${JSON.stringify(want)}`);
      continue;
    }
    for (const t of c.tensors) {
      const got = sd.get(t.name)!;
      if (JSON.stringify(got.shape) !== JSON.stringify(t.shape)) out.push(`${what}: ${t.name} shape ${got.shape} vs ${t.shape}`);
      else if (sha(got.data as Float32Array) !== t.sha256) out.push(`${what}: ${t.name} differs`);
    }
    const after = uniform([16], { generator: g }) as Float32Array;
    const b = Buffer.from(c.after, "base64");
    if (sha(after) !== sha(new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength)))) out.push(`${what}: the generator is elsewhere afterwards`);
  }
  return out;
}
