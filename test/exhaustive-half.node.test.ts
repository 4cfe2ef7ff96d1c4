// The SIMD float16 / bfloat16 conversion kernels against the scalar build's on every float32 bit
// pattern (2^32: every sign, exponent, mantissa, subnormal, tie, overflow and NaN). The SIMD packs
// are rewritings of the scalar reference (a per-value magic rounding by the FPU for float16, the
// sign taken from narrow_i32x4_s's saturation, constants held in locals); test/dtype.test.ts
// checks both builds against the integer JS reference on a sample of patterns, this proves the
// rewriting on all of them. Node only: ~1 minute of one core.

import { describe, expect, it } from "vitest";
import { BUILDS, kernelsOf } from "./helpers.js";

describe.skipIf(!BUILDS.includes("simd"))("exhaustive: SIMD half conversion = scalar on all 2^32 float32 patterns", () => {
  const simd = kernelsOf("simd"), scalar = kernelsOf("scalar");
  const per = Math.min(simd.windowBytes, scalar.windowBytes) >>> 2;

  it.each(["to_float16", "to_bfloat16"] as const)("%s, bit for bit", { timeout: 900_000 }, (fn) => {
    const words = new Uint32Array(per);
    let differ = 0, first = "";
    for (let base = 0; base < 2 ** 32; base += per) {
      for (let i = 0; i < per; i++) words[i] = base + i;
      const got: Uint32Array[] = [];
      for (const k of [simd, scalar]) {
        k.windowU32().set(words);
        k.exports[fn](k.window, k.window, per);
        // two halves per u32: compare the packed output as words
        got.push(k.windowU32().subarray(0, per >>> 1));
      }
      const [a, b] = got;
      for (let i = 0; i < a.length; i++) {
        if (a[i] !== b[i]) {
          if (differ++ === 0) first = `inputs 0x${(base + 2 * i).toString(16)}..+1: simd 0x${a[i].toString(16)}, scalar 0x${b[i].toString(16)}`;
        }
      }
    }
    expect(differ, first).toBe(0);
  });
});
