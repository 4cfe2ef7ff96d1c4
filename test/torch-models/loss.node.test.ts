// The end-to-end promise: a nanoGPT state dict made by nninit, loaded with load_state_dict into the
// model as nanoGPT builds it, gives the same loss on a fixed batch as the model torch initialized
// itself from the same seed. Needs Debian's torch (CI installs it).

import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stateDict, type GPTConfig } from "../../src/torch/index.js";
import { hasTorch, runScript } from "./torch-python.js";

/** A small safetensors-like file: 8-byte header length, a JSON header, the float32 bytes. */
function writeState(path: string, config: GPTConfig, seed: number): void {
  // With buffers: the causal masks go through load_state_dict(strict=True) too.
  const sd = stateDict("nanogpt", config, { seed, buffers: true });
  const tensors: Record<string, { shape: number[]; offsets: [number, number] }> = {};
  let offset = 0;
  for (const [name, t] of sd) {
    tensors[name] = { shape: t.shape, offsets: [offset, offset + t.data.byteLength] };
    offset += t.data.byteLength;
  }
  const header = Buffer.from(JSON.stringify({ config, seed, tensors }));
  const length = Buffer.alloc(8);
  length.writeBigUInt64LE(BigInt(header.length));
  const body = Buffer.concat([...sd.values()].map((t) => Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength)));
  if ([...sd.values()].some((t) => !(t.data instanceof Float32Array))) throw new Error("nanoGPT has only float32 tensors");
  writeFileSync(path, Buffer.concat([length, header, body]));
}

describe.skipIf(!hasTorch)("nanoGPT loss with nninit's weights = loss with torch's", () => {
  const configs: [GPTConfig, number][] = [
    [{ n_layer: 2, n_head: 2, n_embd: 64, block_size: 32, vocab_size: 100 }, 1337],
    [{ n_layer: 3, n_head: 4, n_embd: 48, block_size: 16, vocab_size: 65, bias: false }, 0],
  ];
  for (const [config, seed] of configs) {
    it(`${JSON.stringify(config)} seed ${seed}`, () => {
      const dir = mkdtempSync(join(tmpdir(), "nninit-loss-"));
      try {
        const file = join(dir, "state.bin");
        writeState(file, config, seed);
        const r = JSON.parse(runScript(["loss", file])) as { torch: number; nninit: number; same_state: boolean; untrained_ln_vocab: number };
        expect(r.same_state).toBe(true);
        expect(r.nninit).toBe(r.torch);
        // An untrained model is close to uniform over the vocabulary: the loss is near ln(V).
        expect(Math.abs(r.torch - r.untrained_ln_vocab)).toBeLessThan(0.5);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

if (!hasTorch) describe("nanoGPT loss", () => {
  it.skip("skipped: /usr/bin/python3 cannot import torch", () => {});
});
