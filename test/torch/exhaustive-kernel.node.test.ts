// The SIMD normal_ kernel against the scalar one on every input Box-Muller can give it: u1 and u2
// are k 2^-24 for k < 2^24, so filling both halves of each block with consecutive k runs every
// radius and every angle through both builds' torch_normal_units (the transform after the words).
// The SIMD kernel's rewritings (magic-constant rounding in fixed binades, float64 sums left for
// join() to round) must leave every bit as the scalar reference computes it. Node only: the
// scalar build takes a few seconds for the 3 x 2^25 values.

import { describe, expect, it } from "vitest";
import { torch, TORCH_STATE_BYTES, TORCH_WINDOW_ELEMENTS, type TorchKernels } from "../../src/wasm/torch.js";
import { normal16Avx2 } from "../reference/torch.js";

const BLOCKS = TORCH_WINDOW_ELEMENTS / 16;
/** Values of k per window: 8 lanes per block. */
const PER_WINDOW = BLOCKS * 8;

/** Fills the window with the uniforms of k0 .. k0 + PER_WINDOW - 1 in both halves of each block. */
function fillInputs(k: TorchKernels, k0: number): Float32Array {
  const d = new Float32Array(k.exports.memory.buffer, k.window + TORCH_STATE_BYTES, TORCH_WINDOW_ELEMENTS);
  for (let b = 0; b < BLOCKS; b++) {
    for (let j = 0; j < 8; j++) {
      const x = (k0 + b * 8 + j) * 2 ** -24;
      d[b * 16 + j] = x; // u1 = 1 - x
      d[b * 16 + 8 + j] = x; // u2 = x
    }
  }
  return d;
}

describe.skipIf(!torch.simdSupported())("exhaustive: SIMD normal_ transform = scalar on every Box-Muller input", () => {
  const simd = torch.instantiate("simd"), scalar = torch.instantiate("scalar");

  it.each([["mean 0, std 1", 0, 1], ["mean -0, std 1", -0, 1], ["mean 0.25, std 1.5", 0.25, 1.5], ["mean 0, std 0.02", 0, 0.02]])("%s: all 2^24 radii and angles, bit for bit", { timeout: 600_000 }, (_, mean, std) => {
    const m = Math.fround(mean), s = Math.fround(std);
    let differ = 0, checkedAgainstReference = 0, distinct = 0;
    for (let k0 = 0; k0 < 2 ** 24; k0 += PER_WINDOW) {
      const a = fillInputs(simd, k0), b = fillInputs(scalar, k0);
      // the JS reference on a few blocks of this window (the scalar build's own oracle)
      const sample = Float32Array.from(b.subarray(0, 32));
      simd.exports.torch_normal_units(simd.window + TORCH_STATE_BYTES, BLOCKS, m, s, 1);
      scalar.exports.torch_normal_units(scalar.window + TORCH_STATE_BYTES, BLOCKS, m, s, 1);
      const ab = new Uint32Array(a.buffer, a.byteOffset, a.length), bb = new Uint32Array(b.buffer, b.byteOffset, b.length);
      for (let i = 0; i < ab.length; i++) if (ab[i] !== bb[i]) differ++;
      normal16Avx2(sample, 0, m, s);
      normal16Avx2(sample, 16, m, s);
      expect(Array.from(b.subarray(0, 32), (v, i) => Object.is(v, sample[i]))).not.toContain(false);
      checkedAgainstReference += 32;
      if (a[0] !== a[16]) distinct++;
    }
    expect(differ).toBe(0);
    expect(checkedAgainstReference).toBe(2 ** 24 / PER_WINDOW * 32);
    expect(distinct).toBeGreaterThan(0); // the windows hold real values, not a constant
  });
});
