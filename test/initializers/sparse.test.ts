// sparse: torch's structure (ceil(sparsity * rows) zeros in every column, N(0, std^2) elsewhere),
// the documented tape layout, reproducibility and an unbiased choice of zero rows.

import { describe, expect, it } from "vitest";
import { Generator, normal, sparse } from "../../src/index.js";
import { sampleBits } from "../../src/random/sample.js";
import { chiSquareUniform, chiSquareCritical } from "../stats.js";
import { bitsOf, collect, expectLaw } from "./support.js";

function zerosPerColumn(x: Float32Array, rows: number, cols: number): number[] {
  const counts = new Array<number>(cols).fill(0);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (x[i * cols + j] === 0) counts[j]++;
  return counts;
}

describe("sparse", () => {
  it.each([[10, 7, 0.1], [10, 7, 0.25], [100, 30, 0.9], [5, 3, 0], [5, 3, 1], [1, 4, 0.5], [64, 1, 0.33]])(
    "%i x %i, sparsity %f: exactly ceil(sparsity * rows) zeros per column, the normal draw elsewhere",
    (rows, cols, sparsity) => {
      const g = () => new Generator(21).advance(5);
      const x = sparse([rows, cols], { sparsity, std: 0.5, generator: g() });
      const values = normal([rows, cols], { std: 0.5, generator: g() });
      const z = Math.ceil(sparsity * rows);
      expect(zerosPerColumn(x, rows, cols)).toEqual(new Array(cols).fill(z));
      for (let i = 0; i < x.length; i++) if (x[i] !== 0) expect(x[i]).toBe(values[i]);
    });

  it("advances by rows * cols + cols * z, as documented, whatever the range", () => {
    const generator = new Generator(3);
    sparse([40, 9], { sparsity: 0.3, generator });
    expect(generator.position).toBe(40 * 9 + 9 * 12);
    sparse([40, 9], { sparsity: 0.3, generator, range: [10, 20] });
    expect(generator.position).toBe(2 * (40 * 9 + 9 * 12));
  });

  it("the zero rows of column c come from tape words rows*cols + c*z onward, by partial Fisher-Yates", () => {
    const rows = 12, cols = 5, z = 4, head = 1234;
    const x = sparse([rows, cols], { sparsity: z / rows, generator: new Generator(77).advance(head) });
    const words = new Uint32Array(cols * z);
    sampleBits(new Generator(77), words, 0, cols * z, head + rows * cols);
    for (let c = 0; c < cols; c++) {
      const order = Array.from({ length: rows }, (_, i) => i);
      for (let t = 0; t < z; t++) {
        const j = t + Math.floor((words[c * z + t] / 2 ** 32) * (rows - t));
        [order[t], order[j]] = [order[j], order[t]];
      }
      const zeroRows = new Set(order.slice(0, z));
      for (let i = 0; i < rows; i++) expect(x[i * cols + c] === 0).toBe(zeroRows.has(i));
    }
  });

  it("range gives the slice of the full result; out is filled", () => {
    const full = sparse([50, 40], { sparsity: 0.5, generator: new Generator(4) });
    expect(bitsOf(sparse([50, 40], { sparsity: 0.5, generator: new Generator(4), range: [333, 1777] }))).toEqual(bitsOf(full.subarray(333, 1777)));
    const out = new Float32Array(2000);
    expect(sparse([50, 40], { sparsity: 0.5, generator: new Generator(4), out })).toBe(out);
    expect(bitsOf(out)).toEqual(bitsOf(full));
  });

  it("every row is equally likely to be zeroed (chi-square at 0.001 over 20 rows)", () => {
    const rows = 20, cols = 5000;
    const x = sparse([rows, cols], { sparsity: 0.25, generator: new Generator(8) });
    const perRow = new Float64Array(rows);
    for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) if (x[i * cols + j] === 0) perRow[i]++;
    // Draws within a column are without replacement, which only lowers the statistic's variance:
    // the multinomial critical value is conservative.
    expect(chiSquareUniform(perRow)).toBeLessThan(chiSquareCritical(rows - 1));
  });

  it("the non-zero values follow N(0, std^2) (std 0.01 by default)", () => {
    const x = collect((s, o) => sparse(s, { ...o, sparsity: 0 }), [256, 256], {}, 31);
    expectLaw(x, { law: "normal", std: 0.01 });
  });

  it("a 0 x n or n x 0 matrix is empty", () => {
    const generator = new Generator(1);
    expect(sparse([0, 5], { sparsity: 0.5, generator }).length).toBe(0);
    expect(sparse([5, 0], { sparsity: 0.5, generator }).length).toBe(0);
    expect(generator.position).toBe(0);
  });
});

describe("sparse with range: the cost follows the slice (issue 9, defect 4)", () => {
  /** The documented layout, computed for the touched columns only (a Map-based Fisher-Yates). */
  function expectedSlice(seed: number, head: number, rows: number, cols: number, sparsity: number, std: number, start: number, end: number): Float32Array {
    const z = Math.ceil(sparsity * rows);
    const x = normal([rows, cols], { std, generator: new Generator(seed).advance(head), range: [start, end] });
    const columns = new Set<number>();
    for (let i = start; i < end && columns.size < cols; i++) columns.add(i % cols);
    for (const c of columns) {
      const words = new Uint32Array(z);
      sampleBits(new Generator(seed), words, 0, z, head + rows * cols + c * z);
      const moved = new Map<number, number>();
      for (let t = 0; t < z; t++) {
        const j = t + Math.floor((words[t] / 2 ** 32) * (rows - t));
        const vt = moved.get(t) ?? t, vj = moved.get(j) ?? j;
        moved.set(t, vj); moved.set(j, vt);
        const at = vj * cols + c;
        if (at >= start && at < end) x[at - start] = 0;
      }
    }
    return x;
  }

  it.each([
    // rows, cols, sparsity, range: whole-matrix zero patterns of 2^51 and 2^42 words could not be built
    [2 ** 16, 2 ** 36, 0.5, [0, 10]],
    [2 ** 16, 2 ** 36, 0.5, [2 ** 36 - 3, 2 ** 36 + 4]], // wraps from the last columns to the first
    [2 ** 23, 2 ** 29, 0.001, [5 * 2 ** 29 + 7, 5 * 2 ** 29 + 40]], // 2^23 rows: the shuffle keeps only moved rows
    [2 ** 15, 2 ** 15, 0.5, [0, 10]], // the example: 6.5 s and 2 GiB before
  ] as const)("%i x %i, sparsity %f, range %j: exactly the documented slice, generator moved by the whole layout", (rows, cols, sparsity, range) => {
    const generator = new Generator(12).advance(3);
    const x = sparse([rows, cols], { sparsity, generator, range: [range[0], range[1]] });
    expect(bitsOf(x)).toEqual(bitsOf(expectedSlice(12, 3, rows, cols, sparsity, 0.01, range[0], range[1])));
    expect(generator.position).toBe(3 + rows * cols + cols * Math.ceil(sparsity * rows));
  });

  it("a dense case agrees with the full matrix for every range that wraps or spans rows", () => {
    const full = sparse([37, 11], { sparsity: 0.4, generator: new Generator(5) });
    for (const [s, e] of [[0, 1], [10, 12], [5, 16], [9, 31], [0, 407], [400, 407], [100, 100]]) {
      expect(bitsOf(sparse([37, 11], { sparsity: 0.4, generator: new Generator(5), range: [s, e] }))).toEqual(bitsOf(full.subarray(s, e)));
    }
  });

  it("a shape too large for one array fails before anything is written, with nninit's message", () => {
    const out = new Float32Array(10).fill(7);
    const generator = new Generator(1);
    expect(() => sparse([2 ** 26, 2 ** 27 - 1], { sparsity: 0.25, generator: new Generator(1), range: [0, 10], out: new Float32Array(9) })).toThrow(/^sparse: out must be a Float32Array of length 10/);
    expect(() => sparse([2 ** 27, 2 ** 26], { sparsity: 0.5, generator })).toThrow(/^sparse: shape \[134217728, 67108864\] needs a Float32Array of 9007199254740992|^sparse: .*(would pass the tape's end|fewer than 2\^53)/);
    expect(out.every((v) => v === 7)).toBe(true);
    expect(generator.position).toBe(0);
  });
});
