// pure-rand's xoroshiro128plus with the loops people write around it: a uniform float from the
// top 24 bits, and a Box-Muller transform (two normals per pair of words). The loops are
// written out here rather than shared with the Math.random peer on purpose: one call site per
// generator keeps each loop monomorphic, which is how a hand-written loop runs in practice.

import { xoroshiro128plus } from "pure-rand/generator/xoroshiro128plus";
import { SEED } from "../config.mjs";
import { intoOut } from "./into-out.mjs";

const TWO_PI = 2 * Math.PI;
const INV_2_24 = 5.9604644775390625e-8; // 2^-24

function fillUniform(rng, out) {
  for (let i = 0; i < out.length; i++) out[i] = (rng.next() >>> 8) * INV_2_24;
}

function fillNormal(rng, out) {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const u1 = ((rng.next() >>> 8) + 0.5) * INV_2_24; // in (0, 1): log(u1) is finite
    const u2 = (rng.next() >>> 8) * INV_2_24;
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(TWO_PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(TWO_PI * u2);
  }
}

function candidate(call, fill) {
  return intoOut({ id: "pure-rand", label: "pure-rand", call }, (out) => {
    const rng = xoroshiro128plus(SEED);
    return () => fill(rng, out);
  });
}

export const pureRandUniform = () => candidate("xoroshiro128plus, (next() >>> 8) · 2^-24 loop", fillUniform);
export const pureRandNormal = () => candidate("xoroshiro128plus + Box-Muller loop", fillNormal);
