// orthogonal on long vectors and thin matrices (Node only: tens of MiB per case). The kernels'
// reductions over rows are blocked and compensated, so orthogonality stays near float32
// rounding whatever the length, and a thin matrix's work memory is O(output), not rows x 32.

import { describe, expect, it } from "vitest";
import { Generator, orthogonal } from "../../src/index.js";
import { orthogonalFits, orthogonalWorkBytes } from "../../src/linalg/qr.js";
import { orthogonalityError } from "./support.js";

describe("orthogonal: accuracy at every length", () => {
  it.each([
    ["a row of 2^20", [1, 2 ** 20]],
    ["a column of 2^20", [2 ** 20, 1]],
    ["a row of 2^24", [1, 2 ** 24]],
    ["[2^20, 4]", [2 ** 20, 4]],
    ["[4, 2^20]", [4, 2 ** 20]],
  ])("%s: max |Q^T Q - I| (or |Q Q^T - I|) <= 1e-5", (_, [rows, cols]) => {
    const q = orthogonal([rows, cols], { generator: new Generator(rows + 3 * cols) });
    expect(orthogonalityError(q, rows, cols, rows < cols)).toBeLessThanOrEqual(1e-5);
  });
});

describe("orthogonal: work memory of thin shapes", () => {
  it.each([[1, 2 ** 24], [2 ** 24, 1], [3, 2 ** 22], [2 ** 20, 4]])(
    "[%i, %i]: A, Q and the work area together stay within 7 times the output (was rows x 32 floats of panel)", (rows, cols) => {
      const output = rows * cols * 4;
      expect(orthogonalWorkBytes(rows, cols)).toBeLessThanOrEqual(7 * output + (1 << 20));
    });

  it("[1, 2^25] (128 MiB out) fits in wasm32 memory and is accepted", () => {
    expect(orthogonalFits(1, 2 ** 25)).toBe(true);
    expect(orthogonalFits(2 ** 25, 1)).toBe(true);
  });
});
