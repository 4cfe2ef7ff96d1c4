// The gemm module: SIMD build = scalar build = the plain-JS float32 loop, bit for bit, on shapes
// that exercise every path (4 x 8 and 4 x 4 tiles, the scalar column tail, the leftover rows,
// several blocks over k and over columns), and k = 0.

import { describe, expect, it } from "vitest";
import { gemmModule } from "../../src/wasm/gemm.js";
import { matmul, matmulReference, transpose } from "../../src/probe/matmul.js";
import { normal } from "../../src/index.js";
import { Generator } from "../../src/random/generator.js";

const builds = gemmModule.simdSupported() ? (["simd", "scalar"] as const) : (["scalar"] as const);
const shapes: [number, number, number][] = [
  [1, 1, 1], [3, 5, 7], [4, 8, 1], [5, 13, 300], [9, 260, 513], [17, 300, 33], [64, 64, 64],
];

describe("gemm", () => {
  it.each(builds)("%s build equals the plain-JS float32 loop bit for bit", (build) => {
    const kernels = gemmModule.instantiate(build);
    const generator = new Generator(7);
    for (const [m, n, k] of shapes) {
      const a = normal([m, k], { generator }), b = normal([k, n], { generator });
      const want = matmulReference(a, b, m, n, k);
      const got = matmul(a, b, m, n, k, undefined, kernels);
      expect(new Uint32Array(got.buffer), `${m}x${n}x${k}`).toEqual(new Uint32Array(want.buffer));
    }
  });

  it("gives C = 0 when k = 0 and overwrites what C held", () => {
    const kernels = gemmModule.instantiate(builds[0]);
    matmul(new Float32Array(12).fill(1), new Float32Array(12).fill(1), 3, 4, 4, undefined, kernels); // leaves 4s in memory
    expect(Array.from(matmul(new Float32Array(0), new Float32Array(0), 3, 4, 0, undefined, kernels))).toEqual(new Array(12).fill(0));
  });

  it("multiplies small known matrices", () => {
    // [[1, 2], [3, 4]] [[5, 6], [7, 8]] = [[19, 22], [43, 50]]
    expect(Array.from(matmul(Float32Array.of(1, 2, 3, 4), Float32Array.of(5, 6, 7, 8), 2, 2, 2))).toEqual([19, 22, 43, 50]);
    expect(Array.from(transpose(Float32Array.of(1, 2, 3, 4, 5, 6), 2, 3))).toEqual([1, 4, 2, 5, 3, 6]);
  });
});
