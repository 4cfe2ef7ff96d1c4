// TorchGenerator: PyTorch's CPU default generator (mt19937 seeded as torch.manual_seed does) and
// torch's own float32 transforms, behind the generator protocol of nninit's initializers, so
// that `kaimingUniform(shape, { generator: new TorchGenerator(0) })` gives the bits of
// `torch.manual_seed(0); torch.nn.init.kaiming_uniform_(torch.empty(shape))`.
// Facts: docs/torch-cpu-rng.md, docs/torch.md; kernels: assembly/torch/. Over 300 lines: one
// class whose draw paths (both torch versions) share its private mt19937 state and word count.

import { DRAW, type Draw, type DrawLaw } from "../index.js";
import { fillUniform, fillNormal, fillNormalAt, skipWords, drawWords, type MtState } from "./kernel-session.js";
import { erfinvf, normCdf } from "./erfinv.js";
import { truncNormalRedraw, type TorchDraws } from "./trunc-normal.js";
import { typeError, rangeError, integer, oneOf, show, options as optionsOf } from "../validate.js";
import { convertToHalf } from "../random/sample.js";
import { seedToU64, DEFAULT_SEED } from "../random/seed.js";

/** A draw whose values are float32 (half dtypes are rounded after the draw). */
type F32Draw = Draw & { out: Float32Array };

/** A seed: an integer in [-2^63, 2^64), as a number (safe integer) or a bigint, as torch takes it. */
export type TorchSeed = number | bigint;

/** Which torch kernel build to match (see README "Same weights as PyTorch"). */
export type TorchBuild = "avx2" | "default";

/**
 * The torch release whose semantics to follow. Versions differ only where torch changed what a
 * seed gives: "1.13" is `trunc_normal_` by erfinv (torch 1.x up to 2.11, within a few ulp) and
 * `uniform_` values that round up to `b` kept; "2.13" is `trunc_normal_` by normal_ and redraws
 * or by rejection (torch >= 2.12, bit for bit) and `uniform_` giving `a` where the value rounds
 * up to `b` (rare: it needs b - a tiny next to |a|). Everything else draws the same bits.
 */
export type TorchVersion = "1.13" | "2.13";

/**
 * The versions verified against a real torch, oldest first; the last is the default.
 *
 * @example
 * ```ts
 * import { TORCH_VERSIONS, TorchGenerator, truncNormal } from "nninit/torch";
 * console.log(TORCH_VERSIONS); // [ "1.13", "2.13" ]
 * const old = truncNormal([4], { generator: new TorchGenerator(0, { version: "1.13" }) }); // torch 1.x's trunc_normal_
 * ```
 */
export const TORCH_VERSIONS = ["1.13", "2.13"] as const satisfies readonly TorchVersion[];

/** Options of `new TorchGenerator(seed, options)`. */
export interface TorchGeneratorOptions {
  /**
   * The torch release whose semantics to follow (default "2.13", the newest verified): see
   * {@link TorchVersion}. Use "1.13" for the values torch 1.13 to 2.11 gives.
   */
  version?: TorchVersion;
  /**
   * "avx2" (default): torch's x86-64 AVX2/AVX-512 kernels as GCC 12 builds them (multiply-adds
   * fused; Debian's 1.13.1 verified bit for bit). "default": the DEFAULT-capability build
   * (`ATEN_CPU_CAPABILITY=default`: separate multiply and add, libm in normal_).
   */
  build?: TorchBuild;
}

/** A TorchGenerator's whole state; `setState` of it restores the same future output. */
export interface TorchGeneratorState {
  /** The seed as torch keeps it (`initial_seed()`): an unsigned 64-bit integer. */
  seed: bigint;
  /** The 624 mt19937 state words. */
  mt: Uint32Array;
  /** Index of the next state word to temper, 0..624 (624: the next draw twists first). */
  index: number;
  /** The cached second sample of the double Box-Muller (torch's next_double_normal_sample), or null. */
  normal: number | null;
  /** 32-bit words drawn since seeding. */
  words: number;
}

/**
 * torch's default seed (`default_rng_seed_val`).
 *
 * @example
 * ```ts
 * import { TORCH_DEFAULT_SEED, TorchGenerator } from "nninit/torch";
 * console.log(TORCH_DEFAULT_SEED); // 67280421310721n
 * console.log(new TorchGenerator().initialSeed === TORCH_DEFAULT_SEED); // true
 * ```
 */
export const TORCH_DEFAULT_SEED = DEFAULT_SEED;

const MT_N = 624;
/** The most words `randomWords` returns at once (one Uint32Array: 2^31 - 1 elements, 8 GiB). */
const MAX_WORDS = 2 ** 31 - 1;
/** mt19937's init_genrand with the low 32 bits of the seed (torch ignores the high bits). */
function seeded(seed: bigint): Uint32Array {
  const mt = new Uint32Array(MT_N);
  mt[0] = Number(seed & 0xffffffffn);
  for (let j = 1; j < MT_N; j++) {
    const p = mt[j - 1];
    mt[j] = Math.imul(1812433253, (p ^ (p >>> 30)) >>> 0) + j;
  }
  return mt;
}

/**
 * Initializers with no PyTorch counterpart: with a TorchGenerator they throw a TypeError (a
 * TorchGenerator promises torch's values, and torch has no such function).
 */
const NO_TORCH_COUNTERPART = new Set(["deltaOrthogonal"]);

/**
 * PyTorch's CPU generator: `new TorchGenerator(seed)` is `torch.manual_seed(seed)`, and every
 * nninit initializer given it as `generator` draws exactly what the torch.nn.init function of the
 * same meaning draws, in the same order, with the same float32 arithmetic.
 *
 * Unlike the tape `Generator`, it is sequential: a draw's words follow the previous draw's, there
 * is no addressable position, `range` costs skipping the words before the slice (about 0.4 ns a
 * word), and `advance(n)` skips n words one twist at a time.
 *
 * @example
 * ```ts
 * import { kaimingUniform, uniform } from "nninit";
 * import { TorchGenerator } from "nninit/torch";
 * const g = new TorchGenerator(0);                                          // torch.manual_seed(0)
 * const w = kaimingUniform([256, 784], { a: Math.sqrt(5), generator: g }); // nn.Linear(784, 256).weight
 * const b = uniform([256], { a: -1 / 28, b: 1 / 28, generator: g });        // ... and its bias
 * ```
 */
export class TorchGenerator {
  #seed: bigint;
  #state: MtState;
  #normal: number | null = null;
  #words = 0;
  /** The kernel build matched: "avx2" or "default". */
  readonly build: TorchBuild;
  /** The torch release whose semantics are followed ("1.13" or "2.13"). */
  readonly version: TorchVersion;

  constructor(seed: TorchSeed = TORCH_DEFAULT_SEED, options?: TorchGeneratorOptions) {
    const fn = "new TorchGenerator";
    this.#seed = seedToU64(fn, seed);
    const own = optionsOf<TorchGeneratorOptions>(fn, options, ["build", "version"]);
    this.build = own.build === undefined ? "avx2" : oneOf(fn, "options.build", own.build, ["avx2", "default"] as const);
    this.version = own.version === undefined ? TORCH_VERSIONS[TORCH_VERSIONS.length - 1] : oneOf(fn, "options.version", own.version, TORCH_VERSIONS);
    this.#state = { mt: seeded(this.#seed), next: MT_N };
  }

  /**
   * Whether `value` is a real TorchGenerator (made by this constructor): not a Proxy of one, not
   * an object made from its prototype, which have none of its state.
   */
  static isTorchGenerator(value: unknown): value is TorchGenerator {
    return typeof value === "object" && value !== null && #seed in value;
  }

  /** The seed as torch reports it (`torch.initial_seed()`): unsigned 64-bit; only its low 32 bits seed mt19937. */
  get initialSeed(): bigint {
    return this.#seed;
  }

  /** 32-bit words drawn since seeding (uniform_: 1 per element; normal_: n, + 16 when n % 16 != 0, or 4 per pair below 16). */
  get words(): number {
    return this.#words;
  }

  /** Reseeds (torch's `manual_seed`): fresh mt19937 state, no cached normal, words = 0. */
  manualSeed(seed: TorchSeed): this {
    this.#seed = seedToU64("TorchGenerator.manualSeed", seed);
    this.#state = { mt: seeded(this.#seed), next: MT_N };
    this.#normal = null;
    this.#words = 0;
    return this;
  }

  /** The whole state (`torch.Generator.get_state`), for {@link TorchGenerator.setState}. */
  getState(): TorchGeneratorState {
    return { seed: this.#seed, mt: this.#state.mt.slice(), index: this.#state.next, normal: this.#normal, words: this.#words };
  }

  /** Restores a state from {@link TorchGenerator.getState}: the same future output. */
  setState(state: TorchGeneratorState): this {
    const fn = "TorchGenerator.setState";
    if (state === null || typeof state !== "object") throw typeError(fn, "state", "an object { seed, mt, index, normal, words }", state);
    const seed = seedToU64(fn, state.seed);
    const mt: unknown = state.mt;
    if (!(mt instanceof Uint32Array) || mt.length !== MT_N) throw typeError(fn, "state.mt", "a Uint32Array of 624 words", mt);
    if (mt.every((w) => w === 0)) throw rangeError(fn, "state.mt", "a reachable mt19937 state (not all zeros)", mt);
    const index = integer(fn, "state.index", state.index, 0, MT_N);
    const normal: unknown = state.normal;
    if (normal !== null && (typeof normal !== "number" || !Number.isFinite(normal))) throw typeError(fn, "state.normal", "a finite number or null", normal);
    const words = integer(fn, "state.words", state.words, 0);
    this.#seed = seed;
    this.#state = { mt: mt.slice(), next: index };
    this.#normal = normal as number | null;
    this.#words = words;
    return this;
  }

  /** A new generator in the same state, matching the same build. */
  clone(): TorchGenerator {
    return new TorchGenerator(this.#seed, { build: this.build, version: this.version }).setState(this.getState());
  }

  /** Skips n words (sequentially: about 0.4 ns a word), as if n words had been drawn. The cached normal stays. */
  advance(n: number): this {
    integer("TorchGenerator.advance", "n", n, 0);
    skipWords(this.#state, n);
    this.#words += n;
    return this;
  }

  /** The next n raw 32-bit outputs (torch's `random()`). */
  randomWords(n: number): Uint32Array {
    const out = new Uint32Array(integer("TorchGenerator.randomWords", "n", n, 0, MAX_WORDS));
    drawWords(this.#state, out);
    this.#words += n;
    return out;
  }

  /** `torch.randperm(n)` on the CPU: a Fisher-Yates shuffle drawing n - 1 words (`random() % (n - i)`). */
  randperm(n: number): Int32Array {
    integer("TorchGenerator.randperm", "n", n, 0, 2 ** 31 - 1);
    const r = new Int32Array(n);
    for (let i = 0; i < n; i++) r[i] = i;
    const words = this.randomWords(Math.max(0, n - 1));
    for (let i = 0; i < n - 1; i++) {
      const z = i + (words[i] % (n - i));
      const t = r[i]; r[i] = r[z]; r[z] = t;
    }
    return r;
  }

  /** The generator protocol: torch's draw of the whole tensor, elements [start, end) kept. */
  [DRAW](d: Draw): void {
    if (!TorchGenerator.isTorchGenerator(this)) {
      throw typeError(d.fn, "generator", "a TorchGenerator made by new TorchGenerator() (not a Proxy or an object made from its prototype)", this);
    }
    if (NO_TORCH_COUNTERPART.has(d.fn)) {
      throw new TypeError(`${d.fn}: PyTorch has no such initializer, so a TorchGenerator cannot draw it; use a Generator (nninit's tape) instead`);
    }
    const law = d.law;
    const values = d.out instanceof Float32Array ? d.out : new Float32Array(d.end - d.start);
    const f: F32Draw = { ...d, out: values };
    switch (law.kind) {
      case "uniform": this.#uniform(f, law.a, law.b); break;
      case "normal": this.#normalFill(f.numel, f.start, f.end, values, law.mean, law.std); break;
      case "truncNormal":
        if (this.version === "1.13") this.#truncNormalErfinv(f, law);
        else {
          // The rounds depend on every element, so the whole tensor is drawn even for a range.
          const whole = f.start === 0 && f.end === f.numel ? f.out : new Float32Array(f.numel);
          truncNormalRedraw(this.#draws, whole, law.mean, law.std, law.a, law.b);
          if (whole !== f.out) f.out.set(whole.subarray(f.start, f.end));
        }
        break;
      case "sparse": this.#sparse(f, law); break;
    }
    // torch computes float32; a half dtype is a rounding of those values (as tensor.to(dtype)).
    if (values !== d.out) convertToHalf(values, d.out as Uint16Array, 0, d.dtype ?? "bfloat16");
  }

  /** "TorchGenerator(seed, ...)" for logs. */
  toString(): string {
    return `TorchGenerator(seed=${show(this.#seed)}, words=${this.#words}, build=${this.build}, version=${this.version})`;
  }

  get #fused(): boolean {
    return this.build === "avx2";
  }

  /** uniform_(a, b): from = float(a), to = float(b), x * float(to - from) + from. */
  #uniform(d: F32Draw, a: number, b: number): void {
    const from = Math.fround(a), to = Math.fround(b);
    fillUniform(this.#state, d.numel, d.start, d.end, d.out, from, Math.fround(to - from), this.#fused);
    this.#words += d.numel;
    this.#upperToLower(d.out, from, to);
  }

  /**
   * torch 2.x's uniform_ (after 1.13; 2.13 verified) gives `from` where x * range + from rounds up
   * to `to` ("clamp if the cast rounded up to the upper bound"); 1.13 keeps `to`.
   */
  #upperToLower(out: Float32Array, from: number, to: number): void {
    if (this.version === "1.13") return;
    for (let i = 0; i < out.length; i++) if (out[i] === to) out[i] = from;
  }

  /** normal_(mean, std) of a contiguous float32 tensor. */
  #normalFill(numel: number, start: number, end: number, out: Float32Array, mean: number, std: number): void {
    if (numel >= 16) {
      fillNormal(this.#state, numel, start, end, out, Math.fround(mean), Math.fround(std), this.#fused);
      this.#words += numel + (numel % 16 === 0 ? 0 : 16);
      return;
    }
    for (let i = 0; i < numel; i++) {
      const v = Math.fround(this.#normalDouble() * std + mean);
      if (i >= start && i < end) out[i - start] = v;
    }
  }

  /** One at::normal_distribution<double> standard sample: the cached one, or a fresh pair from 4 words. */
  #normalDouble(): number {
    if (this.#normal !== null) {
      const z = this.#normal;
      this.#normal = null;
      return z;
    }
    const w = this.randomWords(4);
    // random64() is (first word << 32) | second; uniform<double> keeps its low 53 bits.
    const u1 = ((w[0] & 0x1fffff) * 2 ** 32 + w[1]) * 2 ** -53;
    const u2 = ((w[2] & 0x1fffff) * 2 ** 32 + w[3]) * 2 ** -53;
    const r = Math.sqrt(-2 * Math.log(1 - u2));
    const theta = 2 * Math.PI * u1;
    this.#normal = r * Math.sin(theta);
    return r * Math.cos(theta);
  }

  /** Whole-tensor draws for trunc_normal_ >= 2.12 (trunc-normal.ts), counting their words. */
  readonly #draws: TorchDraws = {
    normal: (out, mean, std) => this.#normalFill(out.length, 0, out.length, out, mean, std),
    normalAt: (numel, idx, count, vals, mean, std) => {
      if (numel < 16) {
        const all = new Float32Array(numel);
        this.#normalFill(numel, 0, numel, all, mean, std);
        for (let k = 0; k < count; k++) vals[k] = all[idx[k]];
        return;
      }
      fillNormalAt(this.#state, numel, idx, count, vals, Math.fround(mean), Math.fround(std), this.#fused);
      this.#words += numel + (numel % 16 === 0 ? 0 : 16);
    },
    uniform: (out, a, b) => {
      const from = Math.fround(a), to = Math.fround(b);
      fillUniform(this.#state, out.length, 0, out.length, out, from, Math.fround(to - from), this.#fused);
      this.#words += out.length;
      this.#upperToLower(out, from, to);
    },
  };

  /**
   * torch 1.13's trunc_normal_(mean, std, a, b) (up to torch 2.11): uniform_(2 l - 1, 2 u - 1) with
   * l, u the normal CDF of the standardized bounds (float64), then erfinv_, mul_(std sqrt 2),
   * add_(mean), clamp_(a, b), each in float32. One word per element.
   */
  #truncNormalErfinv(d: F32Draw, law: Extract<DrawLaw, { kind: "truncNormal" }>): void {
    const { mean, std, a, b } = law;
    const l = normCdf((a - mean) / std), u = normCdf((b - mean) / std);
    this.#uniform(d, 2 * l - 1, 2 * u - 1);
    const scale = Math.fround(std * Math.SQRT2), shift = Math.fround(mean);
    const lo = Math.fround(a), hi = Math.fround(b);
    const out = d.out, fused = this.#fused;
    for (let i = 0; i < out.length; i++) {
      const x = Math.fround(Math.fround(erfinvf(out[i], fused) * scale) + shift);
      out[i] = Math.min(Math.max(x, lo), hi);
    }
  }

  /**
   * sparse_(sparsity, std): normal_(0, std) on the rows x cols matrix, then for each column
   * `torch.randperm(rows)` (rows - 1 words), whose first `zeros` entries are the rows set to 0.
   */
  #sparse(d: F32Draw, law: Extract<DrawLaw, { kind: "sparse" }>): void {
    const { rows, cols, zeros, std } = law;
    const whole = d.start === 0 && d.end === d.numel ? d.out : new Float32Array(d.numel);
    this.#normalFill(d.numel, 0, d.numel, whole, 0, std);
    for (let c = 0; c < cols; c++) {
      const perm = this.randperm(rows);
      for (let t = 0; t < zeros; t++) whole[perm[t] * cols + c] = 0;
    }
    if (whole !== d.out) d.out.set(whole.subarray(d.start, d.end));
  }
}
