// JaxGenerator: JAX's keys behind nninit's generator protocol, so that every nninit initializer
// (and fillAsync, which reserves and restores generators by clone) can draw JAX's numbers. It
// is a Flax NNX Rngs stream: draw n uses fold_in(key, n), as `rngs.params()` does, and a law is
// computed as eager JAX would with that key: uniform(k, a, b); normal(k) * std + mean;
// mean + std * truncated_normal(k, (a - mean) / std, (b - mean) / std), in float32.
// Element i of every draw depends only on the key, the count and i, so fillAsync and the pool
// split its fills freely (its generator kind, ./kind.ts, carried under KIND).

import { DRAW, type Draw } from "../random/draw.js";
import { KIND, type GeneratorKind } from "../stream/kinds.js";
import { JAX_KIND } from "./kind.js";
import { foldIn, wordsOf, wrapKeyData, type JaxKey } from "./key.js";
import { uniform, normal, truncatedNormal } from "./random.js";
import { integer } from "../validate.js";

const fr = Math.fround;

/** A JaxGenerator's state: the stream's key words and how many keys it gave. */
export interface JaxGeneratorState {
  key: [number, number];
  count: number;
}

/**
 * JAX's keys behind nninit's generator protocol: any nninit initializer given it as `generator` draws what eager JAX draws for that law, one `fold_in(key, n)` per call, as a Flax NNX `Rngs` stream does.
 *
 * @example
 * ```ts
 * import { lecunNormal } from "nninit";
 * import { JaxGenerator, key } from "nninit/jax";
 * const g = new JaxGenerator(key(0)); // a stream like nnx.Rngs(0)'s default one
 * const w1 = lecunNormal([16, 8], { generator: g }); // drawn with fold_in(key(0), 0)
 * const w2 = lecunNormal([8, 4], { generator: g });  // fold_in(key(0), 1)
 * console.log(g.count); // 2
 * ```
 */
export class JaxGenerator {
  #key: JaxKey;
  #count = 0;

  /** A stream over `key` (draw n uses fold_in(key, n)): nnx.Rngs(seed)'s default stream is `new JaxGenerator(key(seed))`. */
  constructor(key: JaxKey) {
    wordsOf("JaxGenerator", "key", key);
    this.#key = key;
  }

  /** Whether `g` is a JaxGenerator of this copy of the package (a brand check: a Proxy or a bare prototype is not). */
  static isJaxGenerator(g: unknown): g is JaxGenerator {
    return typeof g === "object" && g !== null && #key in g;
  }

  /** Its generator kind: fillAsync and the pool restart it from its state, on any thread. */
  get [KIND](): GeneratorKind {
    return JAX_KIND as GeneratorKind;
  }

  /** How many draws this generator made. */
  get count(): number {
    return this.#count;
  }

  /** The generator protocol: draws the law with fold_in(key, count), then counts the draw. */
  [DRAW](d: Draw): void {
    if (!(d.out instanceof Float32Array)) {
      throw new TypeError(`${d.fn}: a JaxGenerator draws float32 only (JAX computes half dtypes in 16-bit arithmetic, not implemented); drop dtype`);
    }
    if (d.law.kind === "sparse") throw new TypeError(`${d.fn}: jax.nn.initializers has no sparse initializer, so a JaxGenerator cannot draw it`);
    if (this.#count > 0xffffffff) throw new RangeError(`${d.fn}: this JaxGenerator gave 2^32 keys (fold_in's data is a uint32)`);
    const k = foldIn(this.#key, this.#count);
    const o = { range: [d.start, d.end] as const, out: d.out };
    const law = d.law;
    if (law.kind === "uniform") {
      uniform(k, [d.numel], { ...o, minval: law.a, maxval: law.b });
    } else {
      if (law.kind === "normal") normal(k, [d.numel], o);
      else truncatedNormal(k, (law.a - law.mean) / law.std, (law.b - law.mean) / law.std, [d.numel], o);
      const s = fr(law.std), m = fr(law.mean), v = d.out;
      for (let i = 0; i < v.length; i++) v[i] = fr(fr(v[i] * s) + m);
    }
    this.#count++;
  }

  /** An independent copy at the same state. */
  clone(): JaxGenerator {
    return new JaxGenerator(this.#key).setState(this.getState());
  }

  /** The key's words and the count, for {@link JaxGenerator.setState}. */
  getState(): JaxGeneratorState {
    const [k0, k1] = wordsOf("JaxGenerator.getState", "key", this.#key);
    return { key: [k0, k1], count: this.#count };
  }

  /** Restores a state from {@link JaxGenerator.getState}. */
  setState(state: JaxGeneratorState): this {
    const fn = "JaxGenerator.setState";
    if (state === null || typeof state !== "object" || !Array.isArray(state.key)) throw new TypeError(`${fn}: state must be { key: [k0, k1], count }, got ${String(state)}`);
    const key = wrapKeyData(state.key);
    this.#count = integer(fn, "state.count", state.count, 0, 2 ** 32);
    this.#key = key;
    return this;
  }

  /** "JaxGenerator(JaxKey(...), count=n)" for logs. */
  toString(): string {
    return `JaxGenerator(${this.#key.toString()}, count=${this.#count})`;
  }
}
