// SIMD build = scalar build = plain-JS reference, bit for bit: every length 0..64 at heads that
// sit inside, at the edge of and across tape blocks, plus fills spanning several windows.

import { describe, expect, it } from "vitest";
import { BUILDS, fillWith, referenceWith, type Dist } from "./helpers.js";

const SEED = 0x0123456789abcdefn;
const HEADS = [0, 1, 3, 7, 8, 13, 1021, 1023, 1024, 2 ** 33 + 5, 2 ** 52 + 3];

const DISTS: Dist[] = [
  { kind: "bits" },
  { kind: "uniform", a: -0.25, b: 0.75 },
  { kind: "normal", mean: 0.5, std: 2 },
  { kind: "truncNormal", mean: 0, std: 1, a: -2, b: 2 },
  { kind: "truncNormal", mean: 1, std: 0.5, a: 2.5, b: 3.5 },
  { kind: "truncNormal", mean: 0, std: 1, a: -12, b: -4 },
  // the edge of the central branch (|z| = 2.3) inside the interval: vectors mix both branches
  { kind: "truncNormal", mean: 0, std: 1, a: 2.2, b: 2.4 },
  // the SIMD fill skips the per-step branch test when both ends of the interval are central
  // (setAllCentral): just inside and just outside |z| = 2.3, where a wrong answer would put a few
  // tail lanes through the central rational
  { kind: "truncNormal", mean: 0, std: 1, a: -2.3, b: 2.3 },
  { kind: "truncNormal", mean: 0, std: 1, a: -2.31, b: 2.31 },
  // timm's trunc_normal_(std=0.02) keeps torch's absolute [-2, 2]: +-100 sigma, tails in a few lanes
  { kind: "truncNormal", mean: 0, std: 0.02, a: -2, b: 2 },
];

const reference = (dist: Dist, position: number, n: number): Uint32Array => referenceWith(dist, SEED, position, n);

describe.each(DISTS)("$kind %o", (dist) => {
  it.each(BUILDS)("%s build equals the JS reference for lengths 0..64 at every head", (build) => {
    for (const head of HEADS) {
      const ref = reference(dist, head, 64 + 7);
      for (let n = 0; n <= 64; n++) {
        const got = fillWith(build, dist, SEED, head, n);
        expect(got, `head ${head}, n ${n}`).toEqual(ref.subarray(0, n));
      }
    }
  });

  it("SIMD and scalar builds agree over fills spanning several windows, from an odd head", () => {
    if (BUILDS.length < 2) return;
    const n = 3 * 65536 + 77;
    const simd = fillWith("simd", dist, SEED, 999, n);
    const scalar = fillWith("scalar", dist, SEED, 999, n);
    expect(simd).toEqual(scalar);
    // and the reference agrees on a window seam
    const seam = 65536 - 999 - 20;
    expect(simd.subarray(seam, seam + 48)).toEqual(reference(dist, 999 + seam, 48));
  });
});
