// A generator is a 64-bit seed plus a head on the seed's tape of 32-bit words. Every fill of n
// elements reads the n words at the head and moves the head by n; the words themselves are a
// pure function of (seed, position), computed by the kernels.

import { typeError, rangeError, integer, show } from "../validate.js";

/** A seed: an integer in [-2^63, 2^64), as a number (safe integer) or a bigint. */
export type Seed = number | bigint;

/** A generator's whole state; `setState` of it restores the same future output. */
export interface GeneratorState {
  /** The seed as an unsigned 64-bit integer. */
  seed: bigint;
  /** The head: how many tape words have been consumed. */
  position: number;
}

/** torch's default seed (`default_rng_seed_val`), used by the default generator. */
export const DEFAULT_SEED = 67280421310721n;

const U64 = 1n << 64n;
const I64_MIN = -(1n << 63n);

function seedToU64(fn: string, seed: unknown): bigint {
  if (typeof seed === "number") {
    if (!Number.isSafeInteger(seed)) throw rangeError(fn, "seed", "an integer (a safe integer number or a bigint)", seed);
    seed = BigInt(seed);
  }
  if (typeof seed !== "bigint") throw typeError(fn, "seed", "an integer number or a bigint", seed);
  if (seed < I64_MIN || seed >= U64) throw rangeError(fn, "seed", "an integer in [-2^63, 2^64)", seed);
  return BigInt.asUintN(64, seed);
}

/**
 * A seeded source of random tensors. Same seed, same bits, on every engine and CPU, whatever the
 * chunking, offset or thread count.
 *
 * @example
 * const g = new Generator(42);
 * const w = kaimingNormal([256, 128], { generator: g });
 */
export class Generator {
  #seed = 0n;
  #seedLo = 0;
  #seedHi = 0;
  #position = 0;

  constructor(seed: Seed = DEFAULT_SEED) {
    this.#setSeed(seedToU64("new Generator", seed));
  }

  /** The seed as an unsigned 64-bit integer. */
  get seed(): bigint {
    return this.#seed;
  }

  /** The head: how many tape words fills have consumed so far. */
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

  getState(): GeneratorState {
    return { seed: this.#seed, position: this.#position };
  }

  setState(state: GeneratorState): this {
    const fn = "Generator.setState";
    if (state === null || typeof state !== "object") throw typeError(fn, "state", "an object { seed, position }", state);
    const seed = seedToU64(fn, state.seed);
    const position = integer(fn, "state.position", state.position, 0);
    this.#setSeed(seed);
    this.#position = position;
    return this;
  }

  /** A new generator at the same seed and position. */
  clone(): Generator {
    return new Generator(this.#seed).setState(this.getState());
  }

  /** Skips n tape words, as if a fill of n elements had run. */
  advance(n: number): this {
    integer("Generator.advance", "n", n, 0);
    this.checkRoom("Generator.advance", n);
    this.#position += n;
    return this;
  }

  /** @internal Throws unless n more words fit below 2^53 (positions are exact doubles). */
  checkRoom(fn: string, n: number): void {
    if (this.#position + n > Number.MAX_SAFE_INTEGER) {
      throw new RangeError(`${fn}: the generator is at position ${this.#position}; ${n} more words would pass 2^53`);
    }
  }

  toString(): string {
    return `Generator(seed=${show(this.#seed)}, position=${this.#position})`;
  }

  #setSeed(seed: bigint): void {
    this.#seed = seed;
    this.#seedLo = Number(seed & 0xffffffffn);
    this.#seedHi = Number(seed >> 32n);
  }
}

/** The generator used when none is passed; seeded with torch's default seed. */
export const defaultGenerator = new Generator(DEFAULT_SEED);

/** Reseeds the default generator and rewinds it (torch's `torch.manual_seed`). */
export function manualSeed(seed: Seed): Generator {
  const u = seedToU64("manualSeed", seed);
  return defaultGenerator.setState({ seed: u, position: 0 });
}
