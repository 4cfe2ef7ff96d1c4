// The jax kernels' SIMD build, scalar build and the plain-JS reference (test/reference/jax.ts)
// agree bit for bit: threefry words across the 2^32 counter carry, and uniform, normal and
// truncated normal over every one of the 2^23 inputs each transform has (word i << 9), hashed;
// the hashes are also jax 0.10.2's own (scripts/jax-reference.py "normal_all", "truncated_all",
// which feed jax's normal these exact words).

import { describe, it, expect } from "vitest";
import { createHash } from "node:crypto";
import { jax, JAX_WINDOW_ELEMENTS } from "../../src/wasm/jax.js";
import type { BuildName } from "../../src/wasm/module.js";
import * as ref from "../reference/jax.js";
import { erfScalar, nextToward, RSQRT2 } from "../../src/jax/scalar.js";
import { threefry2x32 } from "../../src/jax/threefry.js";

const fr = Math.fround;
const builds: BuildName[] = jax.simdSupported() ? ["simd", "scalar"] : ["scalar"];

/** jax 0.10.2's normal / truncated_normal(-2, 2) over all 2^23 inputs, sha256 of the float32 bytes. */
const JAX_NORMAL_ALL = "9ffa4612027d27822ae3dddd2a30a923607e79184747632c3aa9e72ff0c27bc4";
const JAX_TRUNCATED_ALL = "42243b5b1cac193a50777adf18dbb71f86c1e01baf103b3cdfbc801224ae30b0";

/** sha256 of a transform applied to words i << 9 for all i < 2^23, one window at a time. */
function hashAll(build: BuildName, transform: (e: ReturnType<typeof jax.instantiate>["exports"], dst: number, n: number) => void): string {
  const k = jax.instantiate(build);
  const h = createHash("sha256");
  for (let i = 0; i < 1 << 23; i += JAX_WINDOW_ELEMENTS) {
    const u = k.windowU32();
    for (let j = 0; j < JAX_WINDOW_ELEMENTS; j++) u[j] = (i + j) << 9;
    transform(k.exports, k.window, JAX_WINDOW_ELEMENTS);
    h.update(new Uint8Array(k.windowF32().buffer, k.window, JAX_WINDOW_ELEMENTS * 4));
  }
  return h.digest("hex");
}

const bitsOf = (x: number) => new Uint32Array(new Float32Array([x]).buffer)[0];

describe("jax kernels", () => {
  it.each(builds)("%s: threefry words equal the JS reference, across the 2^32 carry", (build) => {
    const k = jax.instantiate(build);
    const key: [number, number] = [0x9e3779b9, 0x7f4a7c15];
    for (const start of [0, 5, 2 ** 32 - 6, 2 ** 33 + 1]) {
      const n = 13;
      k.exports.jax_bits(key[0], key[1], Math.floor(start / 2 ** 32), start >>> 0, k.window, n);
      const got = Array.from(k.windowU32().subarray(0, n));
      expect(got, `start ${start}`).toEqual(Array.from({ length: n }, (_, j) => ref.word(key, start + j)));
    }
    // src's JS threefry (keys) is the same function as the reference's.
    expect(threefry2x32(1, 2, 3, 4)).toEqual(ref.threefry(1, 2, 3, 4));
  });

  it.each(builds)("%s: normal over all 2^23 inputs is jax's", (build) => {
    expect(hashAll(build, (e, dst, n) => e.jax_normal_words(dst, n))).toBe(JAX_NORMAL_ALL);
  }, 60_000);

  it.each(builds)("%s: truncated normal (-2, 2) over all 2^23 inputs is jax's", (build) => {
    const a = erfScalar(fr(-2 * RSQRT2)), b = erfScalar(fr(2 * RSQRT2));
    const lo = nextToward(-2, 1), hi = nextToward(2, -1);
    expect(hashAll(build, (e, dst, n) => e.jax_truncated_words(dst, n, a, fr(b - a), lo, hi))).toBe(JAX_TRUNCATED_ALL);
  }, 60_000);

  // normal-fast.ts's kernel drops the float32 midpoint checks of normal-simd.ts's: equal on every
  // float32 u it handles (2^-12 <= |u| < 1, both signs: 201M values) makes that exact for any bounds
  // of truncated normal. Every 64th window also runs the scalar kernel.
  it.skipIf(!jax.simdSupported())("simd: unchecked sqrt(2) erf_inv = checked = scalar on every float32 2^-12 <= |u| < 1", () => {
    const k = jax.instantiate("simd");
    const W = JAX_WINDOW_ELEMENTS, LO = 0x39800000, HI = 0x3f800000;
    const fast = new Uint32Array(W), want = new Uint32Array(W);
    let bad = 0, windows = 0, firstBad = -1;
    for (const sign of [0, 0x80000000]) {
      for (let b = LO; b < HI; b += W, windows++) {
        const n = Math.min(W, HI - b);
        const u = k.windowU32();
        for (let j = 0; j < n; j++) u[j] = (b + j) | sign;
        k.exports.jax_sqrt2_erfinv_words(k.window, n, 2);
        fast.set(k.windowU32().subarray(0, n));
        for (const mode of windows % 64 === 0 ? [1, 0] : [1]) {
          const v = k.windowU32();
          for (let j = 0; j < n; j++) v[j] = (b + j) | sign;
          k.exports.jax_sqrt2_erfinv_words(k.window, n, mode);
          want.set(k.windowU32().subarray(0, n));
          for (let j = 0; j < n; j++) {
            if (fast[j] !== want[j]) {
              bad++;
              if (firstBad < 0) firstBad = (b + j) | sign;
            }
          }
        }
      }
    }
    expect(bad, `first input ${(firstBad >>> 0).toString(16)}`).toBe(0);
  }, 600_000);

  // assembly/jax/uniform-simd.ts: the vector path and its scalar fallbacks (midpoints, tiny and
  // subnormal results, NaN, u <= minval) against the scalar build, every input.
  it.skipIf(!jax.simdSupported())("simd: uniform over all 2^23 inputs is the scalar build's, for awkward ranges", () => {
    const simd = jax.instantiate("simd"), scalar = jax.instantiate("scalar");
    const W = JAX_WINDOW_ELEMENTS;
    const cases: [number, number][] = [[-1, 2], [0, 1], [-3, 5.5], [fr(1e-39), 1], [1e-30, 1e-32], [5, -2], [-0, 0], [fr(-1e-38), fr(2e-38)], [NaN, 1], [1, Infinity], [fr(3e38), fr(3e38)]];
    for (const [minval, range] of cases) {
      let bad = 0;
      for (let i = 0; i < 1 << 23; i += W) {
        const got = simd.windowU32(), want = scalar.windowU32();
        for (let j = 0; j < W; j++) got[j] = want[j] = (i + j) << 9;
        simd.exports.jax_uniform_words(simd.window, W - 3, minval, range);
        scalar.exports.jax_uniform_words(scalar.window, W - 3, minval, range);
        const a = simd.windowU32(), b = scalar.windowU32();
        for (let j = 0; j < W; j++) if (a[j] !== b[j]) bad++;
      }
      expect(bad, `uniform(${minval}, range ${range})`).toBe(0);
    }
  }, 300_000);

  it("the JS reference gives the same normal, uniform and truncated values (every 128th input)", () => {
    const k = jax.instantiate(builds[0]);
    const n = JAX_WINDOW_ELEMENTS; // 2^16 inputs spread over all 2^23
    const words = Array.from({ length: n }, (_, j) => ((j * 128 + 37) << 9) >>> 0);
    const cases: [string, (e: typeof k.exports, dst: number) => void, (w: number) => number][] = [
      ["normal", (e, dst) => e.jax_normal_words(dst, n), ref.normalOf],
      ["uniform(-3, 2.5)", (e, dst) => e.jax_uniform_words(dst, n, -3, 5.5), (w) => ref.uniformOf(w, -3, 2.5)],
      ["truncated(-1.234567, 0.5)", (e, dst) => {
        const a = erfScalar(fr(fr(-1.234567) * RSQRT2)), b = erfScalar(fr(0.5 * RSQRT2));
        e.jax_truncated_words(dst, n, a, fr(b - a), nextToward(fr(-1.234567), 1), nextToward(0.5, -1));
      }, (w) => ref.truncatedOf(w, fr(-1.234567), 0.5)],
    ];
    for (const [name, kernel, one] of cases) {
      k.windowU32().set(words);
      kernel(k.exports, k.window);
      const got = k.windowU32().subarray(0, n);
      let bad = 0;
      for (let j = 0; j < n; j++) if (got[j] !== bitsOf(one(words[j]))) bad++;
      expect(bad, name).toBe(0);
    }
  }, 60_000);
});
