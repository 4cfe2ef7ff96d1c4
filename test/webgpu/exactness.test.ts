// Why the GPU fill can be trusted beyond the adapters tried:
// - a static check: the exact shaders hold no float type or float operation at all, and the fast
//   ones only inside their barrier-wrapped helpers;
// - mutation runs: a shader with one division done as a * (1 / b) (what WGSL allows a driver to
//   do), in each precision, must fail the bit-for-bit comparison. The software adapters never
//   fuse or approximate, so without these a test could pass whatever the shaders said. Likewise
//   one multiply-then-add fused into a single rounding (soft-fma.ts, itself checked against a
//   JS reference first): in the exact uniform, in the exact normal's interpreted program, and in
//   the fast truncated normal's Horner step;
// - the exact Box-Muller radius and angle against the plain-JS reference (test/reference/mathf.ts)
//   on a sample of the distinct radii and angles (all of them, which covers all 2^24 words, with
//   NNINIT_GPU_EXHAUSTIVE=1).

import { describe, test, expect } from "vitest";
import { testGpu, readBack, storageBuffer, dispatch, type TestGpu } from "./device.js";
import { createGpuInit } from "../../src/webgpu/index.js";
import { shaderSource, boxMullerProbeSource, PARAMS_BYTES, type KernelKind } from "../../src/webgpu/shader.js";
import { Generator, catalogEntry } from "../../src/index.js";
import { logf, sinTurns, cosTurns } from "../reference/mathf.js";
import { sqrt, mul, sub, bitsOf, floatOf } from "../reference/f32.js";
import { SOFT_WGSL } from "../../src/webgpu/wgsl-soft.js";
import { programs, REG } from "../../src/webgpu/program.js";
import { SOFT_FMA_WGSL, fmaF32 } from "./soft-fma.js";

const KINDS: KernelKind[] = ["uniform", "normal", "truncNormal", "constant", "copy"];
/** The WGSL without its comments and hexadecimal (integer) literals. */
const code = (wgsl: string) => wgsl.replace(/\/\/[^\n]*/g, "").replace(/\b0x[0-9a-fA-F]+[ui]?\b/g, "H");

describe("static check of the shaders", () => {
  test("exact shaders: no float type, literal, conversion or built-in anywhere", () => {
    for (const kind of KINDS) {
      const src = code(shaderSource(kind, "exact"));
      expect(src, kind).not.toMatch(/\bf32\b|\bf16\b|\bfma\s*\(|\bsqrt\s*\(|inverseSqrt|\bexp2?\s*\(|\blog2?\s*\(|\bsin\s*\(|\bcos\s*\(|\d\.\d|\d[eE][+-]?\d|\b\d+\.?\d*[fh]\b/);
    }
  });
  test("fast shaders: float arithmetic only inside f_add / f_sub / f_mul, each operand through the barrier", () => {
    for (const kind of KINDS) {
      const src = code(shaderSource(kind, "fast"));
      const outside = src.replace(/fn (opaque|f_add|f_sub|f_mul)\([^\n]*\n/g, "");
      expect(outside, kind).not.toMatch(/\bf32\b|\bf16\b|\bfma\s*\(|\bsqrt\s*\(|inverseSqrt|\d\.\d/);
      for (const op of ["+", "-", "*"]) expect(src).toContain(`bitcast<u32>(opaque(a) ${op} opaque(b))`);
      expect(src).toContain("bitcast<f32>(a ^ params.zero)");
    }
  });
});

const gpu: TestGpu | undefined = await testGpu();

/** How many of n values of `name` differ from the CPU's with a mutated shader. */
async function differing(mutate: (wgsl: string) => string, name: string, options: Record<string, unknown>, precision: "exact" | "fast", n: number): Promise<number> {
  const d = gpu!.device;
  const init = createGpuInit(d, { mutate });
  const buffer = storageBuffer(d, n * 4);
  await init.fill(name, buffer, [n], { ...options, precision, generator: new Generator(9) });
  const got = new Uint32Array(await readBack(d, buffer, n * 4));
  const want = new Uint32Array((catalogEntry(name).fn([n], { ...options, generator: new Generator(9) } as never) as unknown as Float32Array).buffer);
  let diff = 0;
  for (let i = 0; i < n; i++) if (got[i] !== want[i]) diff++;
  return diff;
}


describe.skipIf(!gpu)(`mutation runs on ${gpu?.adapterName ?? "no adapter"}`, () => {
  test("the original shaders pass the same comparison (the control)", async () => {
    expect(await differing((s) => s, "uniform", { a: -0.3, b: 0.7 }, "exact", 2048)).toBe(0);
    expect(await differing((s) => s, "normal", {}, "exact", 256)).toBe(0);
  });
  test("exact: one division as a * (1 / b) in the normal's logarithm is caught", async () => {
    const mutate = (s: string) => {
      expect(s).toContain("case 3u: { r = sf_div(x, y); }");
      return s.replace("case 3u: { r = sf_div(x, y); }", "case 3u: { r = sf_mul(x, sf_div(0x3f800000u, y)); }");
    };
    expect(await differing(mutate, "normal", {}, "exact", 256)).toBeGreaterThan(0);
  });
  test("fast: one division as a * (1 / b) in the truncated normal's central rational is caught", async () => {
    const site = "return f_mul(c, sf_div(num, den));";
    const mutate = (s: string) => {
      expect(s).toContain(site);
      return s.replace(site, "return f_mul(c, f_mul(num, sf_div(ONE, den)));");
    };
    expect(await differing(mutate, "truncNormal", {}, "fast", 2048)).toBeGreaterThan(0);
  });
});

/** A mutation that replaces each site (which must occur once) by its fused form and adds the soft fma. */
const fuse = (...edits: [site: string, by: string][]) => (s: string) => {
  for (const [site, by] of edits) {
    expect(s.split(site).length, site).toBe(2);
    s = s.replace(site, by);
  }
  return `${s}\n${SOFT_FMA_WGSL}`;
};

/** Triples (float32 bit patterns) that reach every path of a fused multiply-add. */
function fmaCases(): number[][] {
  let x = 0x9e3779b9;
  const next = () => { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; return x >>> 0; };
  const of = (sign: number, exp: number, frac: number) => (((sign & 1) << 31) | (exp << 23) | (frac & 0x7fffff)) >>> 0;
  const rnd = (lo: number, hi: number) => of(next(), lo + (next() % (hi - lo + 1)), next());
  const cases: number[][] = [];
  for (let i = 0; i < 1500; i++) cases.push([rnd(110, 140), rnd(110, 140), rnd(100, 150)]); // mixed magnitudes
  for (let i = 0; i < 1500; i++) {
    // c near -(a b): exact and massive cancellation, the sticky bits of the product decide
    const a = rnd(120, 134), b = rnd(120, 134);
    const p = bitsOf(mul(floatOf(a), floatOf(b))) >>> 0;
    cases.push([a, b, (((p ^ 0x80000000) >>> 0) + (next() % 5) - 2) >>> 0]);
  }
  for (let i = 0; i < 500; i++) cases.push([rnd(1, 40), rnd(60, 100), rnd(0, 3)]); // subnormal sums
  for (let i = 0; i < 500; i++) cases.push([rnd(125, 130), rnd(125, 130), rnd(150, 200)]); // product far below c
  for (let i = 0; i < 500; i++) cases.push([rnd(150, 180), rnd(120, 130), rnd(100, 127)]); // c far below the product
  const specials = [0, 0x80000000, 0x7f800000, 0xff800000, 0x3f800000, 0x00000001, 0x7f7fffff];
  for (const a of specials) for (const b of specials) for (const c of [0, 0x80000000, 0x3f800000, 0xff800000]) cases.push([a, b, c]);
  return cases;
}

describe.skipIf(!gpu)("mutation runs: one fused multiply-add", () => {
  test("the soft fma is a correctly rounded fused multiply-add (checked against the JS reference)", async () => {
    const d = gpu!.device;
    const cases = fmaCases();
    const n = cases.length;
    const module = d.createShaderModule({ code: `${SOFT_WGSL}\n${SOFT_FMA_WGSL}
@group(0) @binding(0) var<storage, read> inp: array<u32>;
@group(0) @binding(1) var<storage, read_write> res: array<u32>;
@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  if (i >= ${n}u) { return; }
  res[i] = sf_fma(inp[3u * i], inp[3u * i + 1u], inp[3u * i + 2u]);
}` });
    const pipeline = d.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    const inp = storageBuffer(d, n * 12);
    d.queue.writeBuffer(inp, 0, Uint32Array.from(cases.flat()));
    const res = storageBuffer(d, n * 4);
    dispatch(d, pipeline, [inp, res], n);
    const got = new Uint32Array(await readBack(d, res, n * 4));
    let bad = 0, fusedDiffers = 0;
    const bits = (v: number) => (Number.isNaN(v) ? 0x7fc00000 : bitsOf(v) >>> 0);
    for (let i = 0; i < n; i++) {
      const [a, b, c] = cases[i].map(floatOf);
      const want = bits(fmaF32(a, b, c));
      if (got[i] !== want) bad++;
      if (want !== bits(Math.fround(mul(a, b) + c))) fusedDiffers++;
    }
    expect(bad).toBe(0);
    // The cases do tell fused from unfused: many results differ from round(round(a b) + c).
    expect(fusedDiffers).toBeGreaterThan(n / 10);
  });

  test("exact: the uniform's a + w u fused into one rounding is caught", async () => {
    const mutate = fuse(["f_add(param(0u), f_mul(param(1u), unit(w[j])))", "sf_fma(param(1u), unit(w[j]), param(0u))"]);
    expect(await differing((s) => s, "uniform", { a: -0.37, b: 0.91 }, "exact", 2048)).toBe(0);
    expect(await differing(mutate, "uniform", { a: -0.37, b: 0.91 }, "exact", 2048)).toBeGreaterThan(0);
  });

  test("exact: the normal's mean + std z fused in the interpreted program is caught", async () => {
    // normalB: t0 = radius * cos; t1 = std * t0; out0 = mean + t1. Instructions are op << 24 | dst << 16 | a << 8 | b.
    const { code, segments } = programs();
    const k = segments.normalB[0] + 1;
    const [mul, add] = [code[k], code[k + 1]];
    expect([mul >>> 24, add >>> 24, (add >>> 16) & 0xff, add & 0xff]).toEqual([2, 0, REG.OUT0, (mul >>> 16) & 0xff]);
    // The multiply at pc k takes the addend of pc k + 1 and rounds once; the add at k + 1 passes it on.
    const mutate = fuse(
      ["case 2u: { r = sf_mul(x, y); }", `case 2u: { if (pc == ${k}u) { r = sf_fma(x, y, reg[(PROGRAM[pc + 1u] >> 8u) & 0xffu]); } else { r = sf_mul(x, y); } }`],
      ["case 0u: { r = sf_add(x, y); }", `case 0u: { if (pc == ${k + 1}u) { r = y; } else { r = sf_add(x, y); } }`],
    );
    expect(await differing((s) => s, "normal", { mean: 0.25, std: 0.02 }, "exact", 1024)).toBe(0);
    expect(await differing(mutate, "normal", { mean: 0.25, std: 0.02 }, "exact", 1024)).toBeGreaterThan(0);
  });

  test("fast: one Horner step of the truncated normal's central rational fused is caught", async () => {
    const mutate = fuse(["num = f_add(f_mul(num, s), CP4);", "num = sf_fma(num, s, CP4);"]);
    expect(await differing(mutate, "truncNormal", {}, "fast", 2048)).toBeGreaterThan(0);
  });
});

describe.skipIf(!gpu)("exact Box-Muller radius and angle against the reference", () => {
  // A word w's radius depends only on m = (w >>> 8) | 1, its angle only on m's remainder after the
  // quadrant: 2^23 radii (every odd m) and 2^21 angles (the odd m in [2^21, 3 2^21), quadrant 1,
  // whose remainders are all the odd values in [-2^21, 2^21)) cover all 2^24 words.
  const exhaustive = typeof process !== "undefined" && process.env?.NNINIT_GPU_EXHAUSTIVE === "1";
  const want = {
    radius: (m: number) => [bitsOf(sqrt(mul(logf(m * 2 ** -24), -2)))],
    angle: (m: number) => {
      const r = sub(m * 2 ** -24, mul((m + 2 ** 21) >>> 22, 0.25));
      return [bitsOf(sinTurns(r)), bitsOf(cosTurns(r))];
    },
  };
  const sweeps = {
    radius: { first: 1, count: 2 ** 23, step: exhaustive ? 1 : 511 },
    angle: { first: 2 ** 21 + 1, count: 2 ** 21, step: exhaustive ? 1 : 127 },
  };
  for (const part of ["radius", "angle"] as const) {
    const { first, count: all, step } = sweeps[part];
    const total = Math.ceil(all / step);
    test(exhaustive ? `all ${all} distinct ${part === "radius" ? "radii" : "angles"}` : `every ${step}th of the ${all} distinct ${part === "radius" ? "radii" : "angles"} (${total})`, async () => {
      const d = gpu!.device;
      const module = d.createShaderModule({ code: boxMullerProbeSource(part) });
      const pipeline = d.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
      const words = part === "radius" ? 1 : 2;
      const per = 1 << 20;
      let bad = 0, checked = 0;
      for (let done = 0; done < total; done += per) {
        const count = Math.min(per, total - done);
        const params = new Uint32Array(PARAMS_BYTES / 4);
        params[12] = first + done * 2 * step; params[13] = count; params[14] = 2 * step; // odd m only
        const ub = d.createBuffer({ size: PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
        new Uint32Array(ub.getMappedRange()).set(params);
        ub.unmap();
        const out = storageBuffer(d, count * 4 * words);
        dispatch(d, pipeline, [ub as GPUBuffer, out], count);
        const got = new Int32Array(await readBack(d, out, count * 4 * words));
        for (let t = 0; t < count; t++) {
          const expected = want[part](params[12] + t * params[14]);
          for (let j = 0; j < words; j++) if (got[t * words + j] !== expected[j]) bad++;
          checked++;
        }
        out.destroy();
      }
      expect(checked).toBe(total);
      expect(bad).toBe(0);
    }, exhaustive ? 3_600_000 : undefined);
  }
});
