// trunc_normal_ under torch >= 2.12 rules: the cases, and the comparison of nninit's values and
// generator position with a reference file written by scripts/torch-trunc-normal-reference.py.

import { truncNormal, uniform } from "../../src/index.js";
import { TorchGenerator } from "../../src/torch/index.js";

export interface TruncCase { seed: number; shape: number[]; mean: number; std: number; a: number; b: number }
export interface TruncRef { torch: string; capability: string; cases: (TruncCase & { data: string; after: string; warned: boolean })[] }

/** Both branches (p > 0.3 and p <= 0.3), tensors under 16 elements, tails, a far mean (torch warns). */
export const CASES: TruncCase[] = [
  { seed: 0, shape: [7, 13], mean: 0, std: 1, a: -2, b: 2 },
  { seed: 5, shape: [3], mean: 0, std: 1, a: -2, b: 2 },
  { seed: 6, shape: [16, 16], mean: 0, std: 0.02, a: -0.04, b: 0.04 },
  { seed: 17, shape: [1000], mean: 0.1, std: 0.02, a: -0.04, b: 0.04 },
  { seed: 3, shape: [64, 33], mean: 0, std: 1, a: 3, b: 5 },
  { seed: 9, shape: [10], mean: 0, std: 1, a: 3, b: 5 },
  { seed: 11, shape: [500], mean: 1, std: 2, a: -0.1, b: 0.2 },
  { seed: 12, shape: [600], mean: 10, std: 1, a: -1, b: 1 },
  { seed: 13, shape: [2000], mean: 0, std: 1, a: -0.5, b: 0.5 },
  { seed: 14, shape: [3, 3, 8, 16], mean: 0, std: 0.1, a: -0.2, b: 0.2 },
];

function floats(b64: string): Float32Array {
  const b = Buffer.from(b64, "base64");
  return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
}

/** For each case, what differs from the reference (empty when bit for bit and the generator agrees). */
export function compareTrunc(ref: TruncRef): string[] {
  const out: string[] = [];
  for (const c of ref.cases) {
    const g = new TorchGenerator(c.seed, { version: "2.13" });
    const got = truncNormal(c.shape, { mean: c.mean, std: c.std, a: c.a, b: c.b, generator: g }) as Float32Array;
    const after = uniform([16], { generator: g }) as Float32Array;
    const want = floats(c.data), wantAfter = floats(c.after);
    let first = -1, differ = 0;
    for (let i = 0; i < want.length; i++) if (!Object.is(want[i], got[i])) { differ++; if (first < 0) first = i; }
    const what = `seed ${c.seed} ${JSON.stringify(c.shape)} N(${c.mean}, ${c.std}) [${c.a}, ${c.b}]`;
    if (got.length !== want.length) out.push(`${what}: ${got.length} values, torch ${want.length}`);
    else if (differ > 0) out.push(`${what}: ${differ} of ${want.length} differ, first [${first}] ${got[first]} vs torch ${want[first]}`);
    if (!wantAfter.every((v, i) => Object.is(v, after[i]))) out.push(`${what}: the generator is elsewhere afterwards`);
  }
  return out;
}
