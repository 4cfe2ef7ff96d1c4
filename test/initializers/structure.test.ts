// Exact structure of the deterministic and centre-only initializers: eye, identity, dirac,
// deltaOrthogonal. Expected tensors are built here with explicit index arithmetic.

import { describe, expect, it } from "vitest";
import { Generator, eye, identity, dirac, deltaOrthogonal, orthogonal } from "../../src/index.js";
import { bitsOf, orthogonalityError } from "./support.js";

/** Flat row-major index of a multi-index. */
function flat(dims: number[], idx: number[]): number {
  let f = 0;
  for (let i = 0; i < dims.length; i++) f = f * dims[i] + idx[i];
  return f;
}

describe("eye and identity", () => {
  it.each([[3, 5], [5, 3], [4, 4], [1, 1], [1, 7], [0, 3]])("eye([%i, %i]) has ones exactly on the diagonal", (r, c) => {
    const x = eye([r, c]);
    expect(x.length).toBe(r * c);
    for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) expect(x[i * c + j]).toBe(i === j ? 1 : 0);
  });

  it("identity is gain times eye (Keras Identity)", () => {
    expect(Array.from(identity([2, 3], { gain: -2.5 }))).toEqual([-2.5, 0, 0, 0, -2.5, 0]);
    expect(bitsOf(identity([6, 4]))).toEqual(bitsOf(eye([6, 4])));
  });

  it("draw nothing, honour range and out", () => {
    const generator = new Generator(1).advance(5);
    expect(Array.from(eye([4, 4], { generator, range: [4, 11] }))).toEqual([0, 1, 0, 0, 0, 0, 1]);
    const out = new Float32Array(9).fill(7);
    expect(identity([3, 3], { out, gain: 2, generator })).toBe(out);
    expect(Array.from(out)).toEqual([2, 0, 0, 0, 2, 0, 0, 0, 2]);
    expect(generator.position).toBe(5);
  });
});

describe("dirac", () => {
  /** torch's dirac_, literally: tensor[g * outPerGroup + d, d, k2 // 2, ...] = 1. */
  function torchDirac(dims: number[], groups: number): Float32Array {
    const x = new Float32Array(dims.reduce((a, b) => a * b, 1));
    const perGroup = dims[0] / groups;
    const centre = dims.slice(2).map((k) => Math.floor(k / 2));
    for (let g = 0; g < groups; g++) {
      for (let d = 0; d < Math.min(perGroup, dims[1]); d++) x[flat(dims, [g * perGroup + d, d, ...centre])] = 1;
    }
    return x;
  }

  it.each([
    [[4, 4, 3], 1], [[6, 4, 5], 1], [[4, 6, 5], 1], [[8, 8, 3, 3], 1], [[16, 4, 3, 3], 4], [[6, 2, 2, 4], 3],
    [[3, 3, 3, 3, 3], 1], [[8, 3, 2, 3, 4], 2], [[2, 2, 1], 2], [[5, 5, 4, 4], 5],
  ])("torch layout %j, groups %i: torch's structure", (dims, groups) => {
    expect(bitsOf(dirac(dims, { groups }))).toEqual(bitsOf(torchDirac(dims, groups)));
  });

  it("is the identity convolution: every output channel copies its input channel", () => {
    // [out, in, k] with out = in: output channel o sees input channel o at the centre tap only
    const x = dirac([5, 5, 3]);
    for (let o = 0; o < 5; o++) {
      for (let i = 0; i < 5; i++) for (let t = 0; t < 3; t++) expect(x[flat([5, 5, 3], [o, i, t])]).toBe(o === i && t === 1 ? 1 : 0);
    }
  });

  it("keras layout [...kernel, in, out] is the torch tensor transposed", () => {
    const t = dirac([16, 4, 3, 5], { groups: 2 });
    const k = dirac([3, 5, 4, 16], { groups: 2, layout: "keras" });
    for (let o = 0; o < 16; o++) for (let i = 0; i < 4; i++) for (let h = 0; h < 3; h++) for (let w = 0; w < 5; w++) {
      expect(k[flat([3, 5, 4, 16], [h, w, i, o])]).toBe(t[flat([16, 4, 3, 5], [o, i, h, w])]);
    }
  });

  it("range is the slice; draws nothing", () => {
    const generator = new Generator(2);
    const full = dirac([8, 8, 3, 3]);
    expect(bitsOf(dirac([8, 8, 3, 3], { range: [100, 400], generator }))).toEqual(bitsOf(full.subarray(100, 400)));
    expect(generator.position).toBe(0);
  });
});

describe("deltaOrthogonal", () => {
  it.each([
    [[3, 4, 4]], [[5, 3, 8]], [[3, 3, 16, 16]], [[4, 2, 8, 32]], [[3, 3, 3, 6, 6]], [[1, 1, 5, 5]], [[2, 1, 7]],
  ])("keras layout %j: zero except the centre, an in x out orthogonal matrix there", (dims) => {
    const nd = dims.length, fanIn = dims[nd - 2], fanOut = dims[nd - 1];
    const generator = new Generator(17).advance(3);
    const x = deltaOrthogonal(dims, { generator });
    expect(generator.position).toBe(3 + fanIn * fanOut); // draws in * out words
    const m = orthogonal([fanIn, fanOut], { generator: new Generator(17).advance(3) });
    const centre = dims.slice(0, nd - 2).map((k) => Math.floor((k - 1) / 2));
    const seen = new Set<number>();
    for (let i = 0; i < fanIn; i++) {
      for (let o = 0; o < fanOut; o++) {
        const at = flat(dims, [...centre, i, o]);
        seen.add(at);
        expect(x[at]).toBe(m[i * fanOut + o]);
      }
    }
    for (let f = 0; f < x.length; f++) if (!seen.has(f)) expect(x[f]).toBe(0);
    expect(orthogonalityError(m, fanIn, fanOut, true)).toBeLessThan(1e-5 * fanOut);
  });

  it("scales by `scale`; torch layout puts the same matrix at [o, i, centre]", () => {
    const g = () => new Generator(4);
    const k = deltaOrthogonal([3, 3, 4, 6], { scale: 2, generator: g() });
    const t = deltaOrthogonal([6, 4, 3, 3], { scale: 2, layout: "torch", generator: g() });
    const m = orthogonal([4, 6], { gain: 2, generator: g() });
    for (let i = 0; i < 4; i++) {
      for (let o = 0; o < 6; o++) {
        expect(k[flat([3, 3, 4, 6], [1, 1, i, o])]).toBe(m[i * 6 + o]);
        expect(t[flat([6, 4, 3, 3], [o, i, 1, 1])]).toBe(m[i * 6 + o]);
      }
    }
  });

  it("range is the slice of the full result; out is filled", () => {
    const full = deltaOrthogonal([3, 3, 8, 8], { generator: new Generator(6) });
    const generator = new Generator(6);
    expect(bitsOf(deltaOrthogonal([3, 3, 8, 8], { generator, range: [200, 500] }))).toEqual(bitsOf(full.subarray(200, 500)));
    expect(generator.position).toBe(64);
    const out = new Float32Array(full.length).fill(9);
    deltaOrthogonal([3, 3, 8, 8], { generator: new Generator(6), out });
    expect(bitsOf(out)).toEqual(bitsOf(full));
  });
});
