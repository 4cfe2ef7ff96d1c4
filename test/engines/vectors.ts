// The golden and parity vectors as one engine-agnostic function, so that engines vitest does not
// run (Firefox's SpiderMonkey, Bun's JavaScriptCore) check the same bits as Node's V8. It returns
// one string per check: "ok" or the first mismatch for checks with a known answer (golden vectors,
// SIMD = scalar = JS reference), and a digest for fills whose answer is whatever Node computes
// (the test compares every engine's strings with this function's strings in Node).

import { FLOAT_VECTORS, WORD_VECTORS } from "../golden/vectors.js";
import { BUILDS, fillWith, referenceWith, bits, type Dist } from "../helpers.js";
import {
  Generator, useBuild, uniform, normal, truncNormal, kaimingNormal, glorotUniform, orthogonal, sparse,
} from "../../src/index.js";

const SEED = 0x0123456789abcdefn;
const HEADS = [0, 1, 7, 8, 1021, 1024, 2 ** 33 + 5, 2 ** 52 + 3];
const DISTS: Dist[] = [
  { kind: "bits" },
  { kind: "uniform", a: -0.25, b: 0.75 },
  { kind: "normal", mean: 0.5, std: 2 },
  { kind: "truncNormal", mean: 0, std: 1, a: -2, b: 2 },
  { kind: "truncNormal", mean: 0, std: 1, a: -12, b: -4 },
];

const reference = (dist: Dist, position: number, n: number): Uint32Array => referenceWith(dist, SEED, position, n);

/** "ok", or where two word lists first differ. */
function compare(got: ArrayLike<number>, want: ArrayLike<number>): string {
  if (got.length !== want.length) return `length ${got.length}, expected ${want.length}`;
  for (let i = 0; i < got.length; i++) {
    if (got[i] !== want[i]) return `word ${i}: ${(got[i]! >>> 0).toString(16)}, expected ${(want[i]! >>> 0).toString(16)}`;
  }
  return "ok";
}

/** FNV-1a over the 32-bit words, as 8 hex digits. */
function digest(x: Float32Array): string {
  let h = 0x811c9dc5;
  for (const w of bits(x)) {
    for (let s = 0; s < 32; s += 8) h = Math.imul(h ^ ((w >>> s) & 0xff), 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, "0");
}

/** Fills through the public API whose bits every engine must reproduce: several windows, odd heads and ranges, the QR. */
const FILLS: Record<string, () => Float32Array> = {
  "uniform [1024, 1031]": () => uniform([1024, 1031], { generator: new Generator(42) }),
  "uniform range": () => uniform([3, 333_333], { a: -0.5, b: 0.25, generator: new Generator(2n ** 64n - 1n).advance(1_000_003), range: [77_777, 600_001] }),
  "normal [1024, 1031]": () => normal([1024, 1031], { generator: new Generator(42) }),
  "normal range": () => normal([50_257, 24], { mean: 0.1, std: 0.02, generator: new Generator(67280421310721n).advance(2 ** 40 + 5), range: [65_535, 1_000_000] }),
  "truncNormal [768, 1500]": () => truncNormal([768, 1500], { std: 0.02, a: -0.04, b: 0.04, generator: new Generator(7).advance(999) }),
  "truncNormal tail": () => truncNormal([100_000], { mean: 1, std: 0.5, a: 2.5, b: 3.5, generator: new Generator(0).advance(3) }),
  "kaimingNormal [256, 128, 3, 3]": () => kaimingNormal([256, 128, 3, 3], { generator: new Generator(11) }),
  "glorotUniform [3, 3, 64, 32]": () => glorotUniform([3, 3, 64, 32], { generator: new Generator(12) }),
  "orthogonal [64, 48]": () => orthogonal([64, 48], { generator: new Generator(13) }),
  "orthogonal [100, 300]": () => orthogonal([100, 300], { gain: 2, generator: new Generator(14).advance(5) }),
  "sparse [300, 40]": () => sparse([300, 40], { sparsity: 0.3, generator: new Generator(15) }),
};

/** Runs every check on every build this engine has; returns check name -> result. */
export function runVectors(): Record<string, string> {
  const results: Record<string, string> = {};
  const publicFns: Record<string, (n: number, options: object) => Float32Array> = { uniform, normal, truncNormal };
  for (const build of BUILDS) {
    for (const v of WORD_VECTORS) {
      results[`${build}: golden words seed ${v.seed} @ ${v.position}`] = compare(fillWith(build, { kind: "bits" }, v.seed, v.position, v.words.length), v.words);
    }
    for (const dist of DISTS) {
      let result = "ok";
      for (const head of HEADS) {
        const ref = reference(dist, head, 64);
        for (let n = 0; n <= 64 && result === "ok"; n++) {
          const r = compare(fillWith(build, dist, SEED, head, n), ref.subarray(0, n));
          if (r !== "ok") result = `head ${head}, n ${n}: ${r}`;
        }
      }
      results[`${build}: equals the JS reference, ${JSON.stringify(dist)}, lengths 0..64`] = result;
    }
    useBuild(build);
    try {
      FLOAT_VECTORS.forEach((v, i) => {
        const x = publicFns[v.fn](v.bits.length, { ...v.options, generator: new Generator(v.seed) });
        results[`${build}: golden floats #${i} ${v.fn} ${JSON.stringify(v.options)} seed ${v.seed}`] = compare(bits(x), v.bits);
      });
      for (const [name, fill] of Object.entries(FILLS)) results[`${build}: digest of ${name}`] = digest(fill());
    } finally {
      useBuild("auto");
    }
  }
  return results;
}
