// Why the GPU fill can be trusted beyond the adapters tried:
// - a static check: the exact shaders hold no float type or float operation at all, and the fast
//   ones only inside their barrier-wrapped helpers;
// - mutation runs: a shader with one division done as a * (1 / b) (what WGSL allows a driver to
//   do), in each precision, must fail the bit-for-bit comparison. The software adapters never
//   fuse or approximate, so without these a test could pass whatever the shaders said. (A fused
//   multiply-add mutant needs a soft fma; written inline from soft operations, SwiftShader took
//   over 10 minutes to compile it, so it is not run.);
// - the exact Box-Muller radius and angle against the plain-JS reference (test/reference/mathf.ts)
//   on a stride of the 2^24 inputs (all of them with NNINIT_GPU_EXHAUSTIVE=1: slow on SwiftShader).

import { describe, test, expect } from "vitest";
import { testGpu, readBack, storageBuffer, type TestGpu } from "./device.js";
import { createGpuInit } from "../../src/webgpu/index.js";
import { shaderSource, boxMullerProbeSource, PARAMS_BYTES, type KernelKind } from "../../src/webgpu/shader.js";
import { Generator, catalogEntry } from "../../src/index.js";
import { logf, sinTurns, cosTurns } from "../reference/mathf.js";
import { sqrt, mul, sub, bitsOf } from "../reference/f32.js";

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

describe.skipIf(!gpu)("exact Box-Muller radius and angle against the reference", () => {
  const exhaustive = typeof process !== "undefined" && process.env?.NNINIT_GPU_EXHAUSTIVE === "1";
  test(exhaustive ? "all 2^24 inputs" : "every 1021st of the 2^24 inputs (16,433 radii and angles)", async () => {
    const d = gpu!.device;
    const module = d.createShaderModule({ code: boxMullerProbeSource() });
    const pipeline = d.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
    const stride = exhaustive ? 1 : 1021;
    const per = exhaustive ? 1 << 20 : 1 << 14;
    const total = Math.ceil(2 ** 24 / stride);
    let bad = 0, checked = 0;
    for (let done = 0; done < total; done += per) {
      const count = Math.min(per, total - done);
      const params = new Uint32Array(PARAMS_BYTES / 4);
      params[12] = done * stride; params[13] = count; params[14] = stride;
      const ub = d.createBuffer({ size: PARAMS_BYTES, usage: GPUBufferUsage.UNIFORM, mappedAtCreation: true });
      new Uint32Array(ub.getMappedRange()).set(params);
      ub.unmap();
      const out = storageBuffer(d, count * 12);
      const enc = d.createCommandEncoder();
      const pass = enc.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, d.createBindGroup({ layout: pipeline.getBindGroupLayout(0), entries: [{ binding: 0, resource: { buffer: ub } }, { binding: 1, resource: { buffer: out } }] }));
      pass.dispatchWorkgroups(Math.ceil(count / 64));
      pass.end();
      d.queue.submit([enc.finish()]);
      const got = new Uint32Array(await readBack(d, out, count * 12));
      for (let t = 0; t < count; t++) {
        const i = done * stride + t * stride;
        const m = i | 1;
        const u1 = m * 2 ** -24;
        const k = (m + 2 ** 21) >>> 22;
        const r = sub(m * 2 ** -24, mul(k, 0.25));
        const want = [bitsOf(sqrt(mul(logf(u1), -2))), bitsOf(sinTurns(r)), bitsOf(cosTurns(r))];
        for (let j = 0; j < 3; j++) if ((got[t * 3 + j] | 0) !== want[j]) bad++;
        checked++;
      }
      out.destroy();
    }
    expect(checked).toBe(total);
    expect(bad).toBe(0);
  });
});
