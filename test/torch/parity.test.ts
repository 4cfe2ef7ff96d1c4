// The torch kernels, SIMD and scalar, against the plain-JS reference (test/reference/torch.ts)
// bit for bit: mt19937 words from any position, uniform_ and normal_ (both builds' arithmetic)
// over lengths 0..64 and window-crossing sizes, and the float32 fma emulation on the cases that
// defeat a naive double rounding.

import { describe, expect, it } from "vitest";
import { torch, type TorchKernels } from "../../src/wasm/torch.js";
import { fillUniform, fillNormal, drawWords, skipWords, type MtState } from "../../src/torch/kernel-session.js";
import { MT, fmaf, uniform as refUniform, normal as refNormal } from "../reference/torch.js";
import { bits } from "../helpers.js";
import type { BuildName } from "../../src/wasm/module.js";

const BUILDS: BuildName[] = torch.simdSupported() ? ["simd", "scalar"] : ["scalar"];
const kernels = new Map<BuildName, TorchKernels>();
const k = (b: BuildName) => kernels.get(b) ?? kernels.set(b, torch.instantiate(b)).get(b)!;

/** A kernel-side state and a reference generator at the same position. */
function pair(seed: number, skip: number): [MtState, MT] {
  const ref = new MT(seed);
  for (let i = 0; i < skip; i++) ref.random();
  const st: MtState = { mt: new MT(seed).state.slice(), next: 624 };
  skipWords(st, skip, k(BUILDS[0]));
  return [st, ref];
}

const SKIPS = [0, 1, 5, 623, 624, 625, 1250];
const LENGTHS = [...Array.from({ length: 65 }, (_, i) => i), 1000, 70001];

describe.each(BUILDS)("%s build", (build) => {
  it("mt19937 words from any position", () => {
    for (const skip of SKIPS) {
      const [st, ref] = pair(11, skip);
      const got = new Uint32Array(2000);
      drawWords(st, got, k(build));
      expect(got).toEqual(Uint32Array.from({ length: 2000 }, () => ref.random()));
    }
  });

  it.each(["avx2", "default"] as const)("uniform_ (%s arithmetic), lengths 0..64 and across windows", (arith) => {
    for (const skip of [0, 3, 624]) {
      for (const n of LENGTHS) {
        const [st, ref] = pair(12, skip);
        const out = new Float32Array(n);
        fillUniform(st, n, 0, n, out, Math.fround(-0.3), Math.fround(Math.fround(1.7) - Math.fround(-0.3)), arith === "avx2", k(build));
        expect(bits(out), `n=${n} skip=${skip}`).toEqual(bits(refUniform(ref, n, -0.3, 1.7, arith)));
      }
    }
  });

  it("normal_ (the AVX2 kernel's arithmetic), lengths 16..64 and across windows, with the refill", () => {
    for (const skip of [0, 7]) {
      for (const n of LENGTHS.filter((n) => n >= 16)) {
        const [st, ref] = pair(13, skip);
        const out = new Float32Array(n);
        fillNormal(st, n, 0, n, out, 0.25, 1.5, true, k(build));
        expect(bits(out), `n=${n} skip=${skip}`).toEqual(bits(refNormal(ref, n, 0.25, 1.5, "avx2")));
        expect(st.next).toBe(ref.next);
        expect(st.mt).toEqual(ref.state);
      }
    }
  });

  // The SIMD kernel's other paths: mean +0 (the final fma as a plain multiply), a product that
  // underflows to zero there (redone by the scalar code: the fma keeps the product's sign), mean -0
  // (stays on the fused path), and odd block counts (pass 1 takes blocks two at a time).
  it.each([[0, 1], [0, 0.02], [0, 1e-45], [-0, 1], [3, 1e-45]])("normal_ (AVX2 arithmetic) with mean %d, std %d, odd and even block counts", (mean, std) => {
    for (const n of [16, 32, 48, 63, 1000, 70001]) {
      const [st, ref] = pair(15, 5);
      const out = new Float32Array(n);
      fillNormal(st, n, 0, n, out, Math.fround(mean), Math.fround(std), true, k(build));
      expect(bits(out), `n=${n}`).toEqual(bits(refNormal(ref, n, mean, std, "avx2")));
      // the underflow case occurs: products below 2^-150 round to -0 when negative
      if (Object.is(mean, 0) && std === 1e-45 && n >= 1000) expect(out.some((v) => Object.is(v, -0))).toBe(true);
    }
  });

  it("fma emulation: correctly rounded on double-rounding traps and random operands", () => {
    const a: number[] = [], b: number[] = [], c: number[] = [];
    // (1 - 2^-24)(1 + 2^-24) = 1 - 2^-48: added to 2^24 + 2 the float64 sum is the float32
    // midpoint 2^24 + 3 exactly, while the true value lies below it (answer 2^24 + 2).
    for (const [x, y, z] of [[1 - 2 ** -24, 1 + 2 ** -24, 2 ** 24 + 2], [1 + 2 ** -23, 1 + 2 ** -23, -(2 ** 24)], [-(1 - 2 ** -24), 1 + 2 ** -24, -(2 ** 24 + 2)],
      [3, 2 ** -140, 2 ** -126], [1e-30, 1e-10, -1e-40], [0.1, 0.2, -0.02]]) {
      a.push(Math.fround(x)); b.push(Math.fround(y)); c.push(Math.fround(z));
    }
    let s = 1;
    const rnd = () => ((s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20000; i++) {
      const e = Math.floor(rnd() * 40) - 20;
      a.push(Math.fround((rnd() - 0.5) * 2 ** e));
      b.push(Math.fround((rnd() - 0.5) * 2 ** -e));
      c.push(Math.fround((rnd() - 0.5) * 2 ** (Math.floor(rnd() * 60) - 30)));
    }
    const n = a.length, kk = k(build), base = kk.window;
    const mem = () => new Float32Array(kk.exports.memory.buffer, base, 4 * n);
    kk.ensureBytes(base + 16 * n);
    mem().set(a, 0); mem().set(b, n); mem().set(c, 2 * n);
    kk.exports.torch_fma(base, base + 4 * n, base + 8 * n, base + 12 * n, n);
    const got = mem().slice(3 * n);
    const want = Float32Array.from(a, (x, i) => fmaf(x, b[i], c[i]));
    expect(bits(got)).toEqual(bits(want));
    expect(got[0]).toBe(2 ** 24 + 2);
  });
});

describe("SIMD = scalar where there is no JS reference", () => {
  it("normal_ of the DEFAULT build (AssemblyScript's Mathf log/sin/cos)", () => {
    if (BUILDS.length < 2) return;
    for (const n of [16, 17, 1000, 70001]) {
      const outs = BUILDS.map((b) => {
        const [st] = pair(14, 3);
        const out = new Float32Array(n);
        fillNormal(st, n, 0, n, out, 0, 1, false, k(b));
        return bits(out);
      });
      expect(outs[0]).toEqual(outs[1]);
    }
  });
});
