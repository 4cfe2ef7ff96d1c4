// Plain-JS reference of the tape and the samplers: slow, obvious, and bit-exact with the kernels.

import { fr, add, mul, pmin, pmax } from "./f32.js";
import { unit, boxMuller, truncDeviate } from "./mathf.js";
import { intervalMass } from "../../src/random/normal-cdf.js";

const MASK64 = (1n << 64n) - 1n;
const GAMMA = 0x9e3779b97f4a7c15n;
export const LANES = 8;
export const BLOCK_WORDS = 1024;

export function mix64(z: bigint): bigint {
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

const rotl = (x: number, r: number) => ((x << r) | (x >>> (32 - r))) >>> 0;

/** One xoshiro128** step: returns the output and updates `s` (four u32) in place. */
export function xoshiro128ss(s: number[]): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
  const t = (s[1] << 9) >>> 0;
  s[2] = (s[2] ^ s[0]) >>> 0;
  s[3] = (s[3] ^ s[1]) >>> 0;
  s[1] = (s[1] ^ s[2]) >>> 0;
  s[0] = (s[0] ^ s[3]) >>> 0;
  s[2] = (s[2] ^ t) >>> 0;
  s[3] = rotl(s[3], 11);
  return result;
}

/** The 1024 words of block k of the tape of `seed`. */
export function blockWords(seed: bigint, k: number): Uint32Array {
  const key = mix64((BigInt.asUintN(64, seed) + GAMMA) & MASK64);
  const words = new Uint32Array(BLOCK_WORDS);
  for (let lane = 0; lane < LANES; lane++) {
    const stream = BigInt(k) * BigInt(LANES) + BigInt(lane);
    const x = (key + ((stream << 1n) * GAMMA)) & MASK64;
    const s01 = mix64((x + GAMMA) & MASK64);
    const s23 = mix64((x + GAMMA + GAMMA) & MASK64);
    const state = [Number(s01 & 0xffffffffn), Number(s01 >> 32n), Number(s23 & 0xffffffffn), Number(s23 >> 32n)];
    for (let step = 0; step < BLOCK_WORDS / LANES; step++) words[step * LANES + lane] = xoshiro128ss(state);
  }
  return words;
}

/** Tape words [position, position + n). */
export function referenceWords(seed: bigint, position: number, n: number): Uint32Array {
  const out = new Uint32Array(n);
  let cached = -1;
  let words: Uint32Array = new Uint32Array(0);
  for (let i = 0; i < n; i++) {
    const p = position + i;
    const k = Math.floor(p / BLOCK_WORDS);
    if (k !== cached) { words = blockWords(seed, k); cached = k; }
    out[i] = words[p % BLOCK_WORDS];
  }
  return out;
}

export function referenceUniform(seed: bigint, position: number, n: number, a: number, b: number): Float32Array {
  const af = fr(a), bf = fr(b), width = fr(bf - af);
  return Float32Array.from(referenceWords(seed, position, n), (w) => pmin(add(af, mul(width, unit(w))), bf));
}

/** Box-Muller pairs word q with word q + 4 of its 8-word step. */
export function referenceNormal(seed: bigint, position: number, n: number, mean: number, std: number): Float32Array {
  const m = fr(mean), s = fr(std);
  const start = position - (position % LANES);
  const words = referenceWords(seed, start, Math.ceil((position + n - start) / LANES) * LANES);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const j = position + i - start;
    const base = j - (j % LANES), q = j % LANES;
    const [z0, z1] = boxMuller(unit(words[base + (q % 4)]), unit(words[base + (q % 4) + 4]));
    out[i] = add(m, mul(s, q < 4 ? z0 : z1));
  }
  return out;
}

export function referenceTruncNormal(seed: bigint, position: number, n: number, mean: number, std: number, a: number, b: number): Float32Array {
  const iv = intervalMass((a - mean) / std, (b - mean) / std);
  const [cLo, pLo, qHi, w] = [fr(iv.cLo), fr(iv.pLo), fr(iv.qHi), fr(iv.w)];
  const m = fr(mean), s = fr(std), lo = fr(a), hi = fr(b);
  return Float32Array.from(referenceWords(seed, position, n),
    (word) => pmin(pmax(add(m, mul(s, truncDeviate(unit(word), cLo, pLo, qHi, w))), lo), hi));
}
