// A generator is a 64-bit seed plus a head on the seed's tape of 32-bit words. Every fill of n
// elements reads the n words at the head and moves the head by n; the words themselves are a
// pure function of (seed, position), computed by the kernels.
//
// One class for every copy of nninit in a process: a program that both `require`s and `import`s
// nninit loads two copies (dist/cjs and dist/esm, the "dual package hazard"). The first copy to
// run registers its Generator class and default generator on globalThis under a Symbol.for key,
// and every later copy exports those same objects, so a Generator made through `require` works
// with the functions of `import` (and `instanceof` agrees), and `manualSeed` reseeds the default
// generator that both use. The state is plain JS (seed, position) read through the class's own
// methods; each copy runs its own kernels on it.

import { typeError, rangeError, show } from "../validate.js";
import { DRAW, type Draw, type RandomGenerator } from "./draw.js";
import { drawTape } from "./tape-draw.js";
import { seedToU64, DEFAULT_SEED } from "./seed.js";

/** A seed: an integer in [-2^63, 2^64), as a number (safe integer) or a bigint. */
export type Seed = number | bigint;

/** A generator's whole state; `setState` of it restores the same future output. */
export interface GeneratorState {
  /** The seed as an unsigned 64-bit integer. */
  seed: bigint;
  /** The head: how many tape words have been consumed. */
  position: number;
}

export { DEFAULT_SEED };

/**
 * The last tape position: a head at 2^53 has read words 0 .. 2^53 - 1, every one of them an
 * exactly representable index, and can draw nothing more.
 */
export const TAPE_END = 2 ** 53;

/**
 * A seeded source of random tensors. Same seed, same bits, on every engine and CPU, whatever the
 * chunking, offset or thread count.
 *
 * @example
 * ```ts
 * import { Generator, kaimingNormal } from "nninit";
 * const g = new Generator(42);
 * const w = kaimingNormal([256, 128], { generator: g });
 * ```
 */
class TapeGenerator {
  #seed = 0n;
  #seedLo = 0;
  #seedHi = 0;
  #position = 0;

  /** The generator protocol (./draw.ts): draws from the tape at the head, then moves the head. */
  declare readonly [DRAW]: (draw: Draw) => void;

  constructor(seed: Seed = DEFAULT_SEED) {
    this.#setSeed(seedToU64("new Generator", seed));
    // Defined per instance (not enumerable), not as a `[DRAW]() {}` method: a class with a
    // computed key is one bundlers must keep, and with it the kernels, in every app.
    Object.defineProperty(this, DRAW, { value: (draw: Draw) => drawTape(this, draw) });
  }

  /** The seed as an unsigned 64-bit integer. */
  get seed(): bigint {
    return this.#seed;
  }

  /** The head: how many tape words fills have consumed so far, in [0, 2^53]. */
  get position(): number {
    return this.#position;
  }

  /** @internal low 32 bits of the seed, for the kernels. */
  get seedLo(): number {
    return this.#seedLo;
  }

  /** @internal high 32 bits of the seed, for the kernels. */
  get seedHi(): number {
    return this.#seedHi;
  }

  /** Reseeds and rewinds to position 0 (torch's `manual_seed`). */
  manualSeed(seed: Seed): this {
    this.#setSeed(seedToU64("Generator.manualSeed", seed));
    this.#position = 0;
    return this;
  }

  /** The seed and the position (tape words read so far), for {@link Generator.setState}. */
  getState(): GeneratorState {
    return { seed: this.#seed, position: this.#position };
  }

  /** Moves to a state from {@link Generator.getState} (any seed, any position in [0, 2^53]). */
  setState(state: GeneratorState): this {
    const fn = "Generator.setState";
    if (state === null || typeof state !== "object") throw typeError(fn, "state", "an object { seed, position }", state);
    const seed = seedToU64(fn, state.seed);
    const position: unknown = state.position;
    if (typeof position !== "number") throw typeError(fn, "state.position", "an integer in [0, 2^53]", position);
    if (!Number.isInteger(position) || position < 0 || position > TAPE_END) {
      throw rangeError(fn, "state.position", "an integer in [0, 2^53]", position);
    }
    this.#setSeed(seed);
    this.#position = position;
    return this;
  }

  /** A new generator at the same seed and position. */
  clone(): TapeGenerator {
    return new (this.constructor as typeof TapeGenerator)(this.#seed).setState(this.getState());
  }

  /** Skips n tape words, as if a fill of n elements had run. */
  advance(n: number): this {
    if (typeof n !== "number") throw typeError("Generator.advance", "n", "an integer in [0, 2^53]", n);
    if (!Number.isInteger(n) || n < 0 || n > TAPE_END) throw rangeError("Generator.advance", "n", "an integer in [0, 2^53]", n);
    this.checkRoom("Generator.advance", n);
    this.#position += n;
    return this;
  }

  /**
   * @internal Throws unless n more words fit on the tape: the last word read may be 2^53 - 1,
   * so the head may end exactly at 2^53 (positions are exact doubles). Written as a difference,
   * since position + n is rounded above 2^53.
   */
  checkRoom(fn: string, n: number): void {
    if (n > TAPE_END - this.#position) {
      throw new RangeError(`${fn}: the generator is at position ${this.#position}; ${n} more words would pass the tape's end at 2^53`);
    }
  }

  /**
   * @internal Whether `x` really is an instance (not an object made from the prototype, nor a
   * Proxy of one, which hold no state): a brand check on a private field.
   */
  static isGenerator(x: unknown): x is TapeGenerator {
    return typeof x === "object" && x !== null && #position in x;
  }

  /** "Generator(seed=..., position=...)" for logs. */
  toString(): string {
    return `Generator(seed=${show(this.#seed)}, position=${this.#position})`;
  }

  #setSeed(seed: bigint): void {
    this.#seed = seed;
    this.#seedLo = Number(seed & 0xffffffffn);
    this.#seedHi = Number(seed >> 32n);
  }
}

/** What the first copy of nninit in a process shares with the others (see the top of this file). */
interface SharedGenerators {
  Generator: typeof TapeGenerator;
  defaultGenerator: TapeGenerator;
}

/**
 * The process-wide Generator class and default generator, registered by the first copy. The
 * key's version changes whenever the class's internal interface (what the kernels read) does,
 * so copies that could not share a class do not.
 */
function shared(): SharedGenerators {
  const key = Symbol.for("nninit.Generator.v1");
  const g = globalThis as unknown as Record<symbol, SharedGenerators | undefined>;
  let found = g[key];
  if (!found) {
    found = { Generator: TapeGenerator, defaultGenerator: new TapeGenerator(DEFAULT_SEED) };
    Object.defineProperty(g, key, { value: found, enumerable: false, writable: false, configurable: false });
  }
  return found;
}

function sharedClass(): typeof TapeGenerator {
  return shared().Generator;
}

function sharedDefault(): TapeGenerator {
  return shared().defaultGenerator;
}

/**
 * A seeded source of random tensors. Same seed, same bits, on every engine and CPU, whatever the
 * chunking, offset or thread count.
 *
 * @example
 * ```ts
 * import { Generator, kaimingNormal } from "nninit";
 * const g = new Generator(42);
 * const w = kaimingNormal([256, 128], { generator: g });
 * const again = kaimingNormal([256, 128], { generator: new Generator(42) });
 * console.log(w.every((x, i) => x === again[i])); // true: same seed, same bits
 * ```
 *
 * @class
 */
export const Generator: typeof TapeGenerator = /* @__PURE__ */ sharedClass();
export type Generator = TapeGenerator;

/**
 * The generator used when none is passed; seeded with torch's default seed.
 *
 * @example
 * ```ts
 * import { defaultGenerator, manualSeed, normal } from "nninit";
 * manualSeed(7);
 * const a = normal([3]); // draws from defaultGenerator
 * console.log(defaultGenerator.getState().position); // 3
 * ```
 */
export const defaultGenerator: Generator = /* @__PURE__ */ sharedDefault();

/**
 * Whether `x` is a generator the samplers can draw from: the one place that admits a generator
 * (a real Generator instance, from any copy of nninit in this process, or an object
 * implementing the draw protocol, such as nninit/torch's TorchGenerator).
 *
 * @example
 * ```ts
 * import { Generator, isGenerator } from "nninit";
 * console.log(isGenerator(new Generator(1))); // true
 * console.log(isGenerator({ seed: 1 }));      // false
 * ```
 */
export function isGenerator(x: unknown): x is RandomGenerator {
  if (Generator.isGenerator(x)) return true;
  // Other generators (nninit/torch's TorchGenerator) implement the draw protocol of ./draw.ts.
  // An object made from Generator's prototype, or a Proxy of an instance, has the method but no
  // state: it is not one.
  return typeof x === "object" && x !== null && !(x instanceof Generator) && typeof (x as { [DRAW]?: unknown })[DRAW] === "function";
}

/**
 * Reseeds the default generator and rewinds it (torch's `torch.manual_seed`).
 *
 * @example
 * ```ts
 * import { manualSeed, normal } from "nninit";
 * manualSeed(0);
 * const a = normal([4]);
 * manualSeed(0);
 * const b = normal([4]);
 * console.log(a.every((x, i) => x === b[i])); // true
 * ```
 */
export function manualSeed(seed: Seed): Generator {
  const u = seedToU64("manualSeed", seed);
  return defaultGenerator.setState({ seed: u, position: 0 });
}
