// A generator is an interface (ARCHITECTURE.md §3): initializers describe the whole tensor's law
// and the slice they want, and the generator draws it its own way. The tape Generator draws
// from its addressable tape; `nninit/torch`'s TorchGenerator replays PyTorch's CPU generator.
// The initializers never know which one they hold, and the main bundle never imports torch code.

import type { HalfDtype } from "../dtype.js";

/** What an initializer asks of a generator, for the whole tensor of `numel` elements. */
export type DrawLaw =
  /** U(a, b) (torch `uniform_(a, b)`). */
  | { kind: "uniform"; a: number; b: number }
  /** N(mean, std^2) (torch `normal_(mean, std)`). */
  | { kind: "normal"; mean: number; std: number }
  /** N(mean, std^2) conditioned on [a, b] (torch `trunc_normal_(mean, std, a, b)`). */
  | { kind: "truncNormal"; mean: number; std: number; a: number; b: number }
  /**
   * N(0, std^2) values of a rows x cols matrix (row-major), then `zeros` entries of every column
   * set to 0 (torch `sparse_`).
   */
  | { kind: "sparse"; rows: number; cols: number; zeros: number; std: number };

/** One draw: elements [start, end) of a tensor of `numel` elements drawn from `law`, into `out`. */
export interface Draw {
  /** The public function asking, for messages. */
  fn: string;
  law: DrawLaw;
  numel: number;
  start: number;
  end: number;
  /** Receives elements [start, end) (out.length === end - start): float32 values, or with `dtype` their half bits. */
  out: Float32Array | Uint16Array;
  /** For a Uint16Array out: the half format the values are rounded to. */
  dtype?: HalfDtype;
}

/**
 * The method a generator implements: fills `draw.out` and moves the generator past the whole
 * tensor (as if all `numel` elements had been drawn), or throws without writing or moving.
 * A registered symbol, so that every copy of the package (ESM, CJS, subpath bundles) agrees.
 *
 * @example
 * ```ts
 * import { DRAW, Generator, isGenerator } from "nninit";
 * const g = new Generator(1);
 * console.log(typeof g[DRAW]); // "function": the protocol every generator implements
 * console.log(isGenerator(g)); // true
 * ```
 */
export const DRAW: unique symbol = Symbol.for("nninit.generator.draw");

/**
 * Any generator the initializers accept: the tape `Generator`, or `TorchGenerator` from
 * `nninit/torch`. `getState`/`setState`/`clone` let `fillAsync` reserve and restore.
 */
export interface RandomGenerator {
  /** Fills `draw.out` with the law's values and moves past the whole tensor, or throws having written and moved nothing. */
  [DRAW](draw: Draw): void;
  /** An independent copy at the same state. */
  clone(): RandomGenerator;
  /** The state, for `setState` (`fillAsync` and the pool reserve a segment with it and restore it on failure). */
  getState(): unknown;
  /** Restores a state from `getState`. */
  setState(state: never): unknown;
}
