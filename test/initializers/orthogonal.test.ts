// orthogonal: orthonormality, the exact matrix (Q of the QR of the Gaussian draw with diag(R) > 0,
// against a float64 reference), reproducibility, range/out, SIMD = scalar bit for bit, and the
// memory of big matrices.

import { afterEach, describe, expect, it } from "vitest";
import { Generator, normal, orthogonal, useBuild } from "../../src/index.js";
import { orthogonalize } from "../../src/linalg/qr.js";
import { linalg } from "../../src/wasm/linalg.js";
import { BUILDS } from "../helpers.js";
import { bitsOf, orthogonalityError } from "./support.js";

const SHAPES: [string, number[]][] = [
  ["1x1", [1, 1]], ["2x2", [2, 2]], ["3x3", [3, 3]], ["7x7", [7, 7]], ["32x32 (one panel)", [32, 32]],
  ["33x33 (panel + 1)", [33, 33]], ["64x64", [64, 64]], ["100x100", [100, 100]], ["257x257", [257, 257]], ["512x512", [512, 512]],
  ["tall 512x37", [512, 37]], ["tall 300x7", [300, 7]], ["tall 1000x1", [1000, 1]], ["tall 512x200", [512, 200]], ["tall 130x97", [130, 97]],
  ["wide 37x512", [37, 512]], ["wide 7x300", [7, 300]], ["wide 1x50", [1, 50]], ["wide 200x512", [200, 512]],
  ["conv 64x32x3x3 (wide 64x288)", [64, 32, 3, 3]], ["conv 256x16x3 (tall 256x48)", [256, 16, 3]],
];

const matrixOf = (shape: number[]) => [shape[0], shape.slice(1).reduce((a, b) => a * b, 1)] as const;

describe("orthonormal rows or columns", () => {
  it.each(SHAPES)("%s: Q^T Q = I (tall, square) or Q Q^T = I (wide) within 1e-5 n", (_, shape) => {
    const [rows, cols] = matrixOf(shape);
    const q = orthogonal(shape, { generator: new Generator(rows * 7919 + cols) });
    expect(q.length).toBe(rows * cols);
    const n = Math.max(rows, cols);
    expect(orthogonalityError(q, rows, cols, rows < cols)).toBeLessThan(1e-5 * n);
    if (rows === cols) expect(orthogonalityError(q, rows, cols, true)).toBeLessThan(1e-5 * n);
  });

  it("gain scales: Q^T Q = gain^2 I", () => {
    const q = orthogonal([96, 40], { gain: -3, generator: new Generator(1) });
    expect(orthogonalityError(q, 96, 40, false, 3)).toBeLessThan(1e-5 * 96);
    const q1 = orthogonal([96, 40], { generator: new Generator(1) });
    for (let i = 0; i < q.length; i++) expect(q[i]).toBe(Math.fround(q1[i] * -3));
  });
});

/**
 * Float64 reference: Q with positive diag(R) of A (m x n, m >= n, given by column accessor), by
 * modified Gram-Schmidt twice (orthogonal to ~1e-15 here). That Q is unique, so it must equal
 * torch's Q diag(sign(diag R)) of the same matrix.
 */
function referenceQ(m: number, n: number, a: (i: number, j: number) => number): Float64Array[] {
  const q: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(m);
    for (let i = 0; i < m; i++) v[i] = a(i, j);
    for (let pass = 0; pass < 2; pass++) {
      for (const u of q) {
        let d = 0;
        for (let i = 0; i < m; i++) d += u[i] * v[i];
        for (let i = 0; i < m; i++) v[i] -= d * u[i];
      }
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += v[i] * v[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) v[i] /= norm;
    q.push(v);
  }
  return q;
}

describe("the matrix itself", () => {
  it.each([[20, 13], [13, 20], [9, 9], [40, 40], [70, 33], [1, 6], [6, 1]])(
    "%i x %i: Q of the QR of the Gaussian draw (normal() from the same head), diag(R) > 0, matches float64 within 1e-5",
    (rows, cols) => {
      const g = normal([rows, cols], { generator: new Generator(5).advance(11) });
      const q = orthogonal([rows, cols], { generator: new Generator(5).advance(11) });
      if (rows >= cols) {
        const ref = referenceQ(rows, cols, (i, j) => g[i * cols + j]);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(Math.abs(q[i * cols + j] - ref[j][i])).toBeLessThan(1e-5);
      } else {
        // torch transposes: Q of G^T (cols x rows), transposed back
        const ref = referenceQ(cols, rows, (i, j) => g[j * cols + i]);
        for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) expect(Math.abs(q[i * cols + j] - ref[i][j])).toBeLessThan(1e-5);
      }
    });
});

describe("reproducibility and shared options", () => {
  it("same seed, same bits; the generator advances by rows * cols; the next call differs", () => {
    const a = new Generator(99), b = new Generator(99);
    const q1 = orthogonal([48, 80], { generator: a });
    expect(a.position).toBe(48 * 80);
    expect(bitsOf(orthogonal([48, 80], { generator: b }))).toEqual(bitsOf(q1));
    expect(bitsOf(orthogonal([48, 80], { generator: a }))).not.toEqual(bitsOf(q1));
    expect(bitsOf(orthogonal([48, 80], { generator: new Generator(100) }))).not.toEqual(bitsOf(q1));
  });

  it("range returns the slice of the full result and still advances by the whole tensor; out is filled", () => {
    const full = orthogonal([30, 4, 5], { generator: new Generator(8) });
    const generator = new Generator(8);
    expect(bitsOf(orthogonal([30, 4, 5], { generator, range: [123, 456] }))).toEqual(bitsOf(full.subarray(123, 456)));
    expect(generator.position).toBe(600);
    const out = new Float32Array(600);
    expect(orthogonal([30, 4, 5], { generator: new Generator(8), out })).toBe(out);
    expect(bitsOf(out)).toEqual(bitsOf(full));
    const part = new Float32Array(10);
    orthogonal([30, 4, 5], { generator: new Generator(8), out: part, range: [590, 600] });
    expect(bitsOf(part)).toEqual(bitsOf(full.subarray(590, 600)));
  });

  it("zero-element shapes return an empty array and draw nothing", () => {
    const generator = new Generator(1);
    for (const shape of [[0, 4], [4, 0], [3, 0, 2]]) expect(orthogonal(shape, { generator }).length).toBe(0);
    expect(generator.position).toBe(0);
  });
});

describe("SIMD and scalar builds give identical bits", () => {
  afterEach(() => useBuild("auto"));

  it.runIf(BUILDS.length === 2).each([
    [1, 1], [2, 3], [5, 5], [31, 31], [32, 32], [33, 33], [64, 64], [65, 65], [100, 37], [37, 100], [129, 129],
    [300, 7], [7, 300], [512, 512], [513, 200],
  ])("%i x %i", (rows, cols) => {
    const g = normal([rows, cols], { generator: new Generator(rows + 1000 * cols) });
    const simd = new Float32Array(rows * cols), scalar = new Float32Array(rows * cols);
    orthogonalize(g, rows, cols, 1.5, simd, linalg.instantiate("simd"));
    orthogonalize(g, rows, cols, 1.5, scalar, linalg.instantiate("scalar"));
    expect(bitsOf(simd)).toEqual(bitsOf(scalar));
  });

  it.runIf(BUILDS.length === 2)("through the public function with useBuild", () => {
    useBuild("simd");
    const a = orthogonal([80, 3, 3], { generator: new Generator(3) });
    useBuild("scalar");
    const b = orthogonal([80, 3, 3], { generator: new Generator(3) });
    expect(bitsOf(a)).toEqual(bitsOf(b));
  });
});

describe("memory", () => {
  it("a matrix above 32 MiB of work runs in a throwaway instance: the shared memory does not grow", () => {
    orthogonal([4, 4]); // the shared instance exists and has its small work area
    const before = linalg.current().memoryBytes();
    const rows = 8, cols = 600_000; // 8 x 600000: 38 MB of A and Q
    const q = orthogonal([rows, cols], { generator: new Generator(12) });
    expect(linalg.current().memoryBytes()).toBe(before);
    expect(orthogonalityError(q, rows, cols, true)).toBeLessThan(1e-4);
  });
});
