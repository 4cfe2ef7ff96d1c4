// The options every initializer shares (generator, out, range) and the one way they are
// checked and applied, so that each initializer only adds its own parameters.

import { Generator, defaultGenerator } from "../random/generator.js";
import type { Placement } from "../random/sample.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { options as checkOptions, typeError, rangeError, integer } from "../validate.js";

/** Options that every initializer accepts. */
export interface TensorOptions {
  /** The generator to draw from (default: the default generator, see `manualSeed`). */
  generator?: Generator;
  /** Fill this array instead of allocating one; its length must be the tensor's (or the range's). */
  out?: Float32Array;
  /**
   * Return only elements [start, end) of the flat tensor, exactly as they are in the full fill.
   * The generator still advances by the whole tensor, so shards computed on different machines
   * agree with one full fill.
   */
  range?: readonly [number, number];
}

export const TENSOR_OPTION_KEYS = ["generator", "out", "range"] as const;

/** A checked request: the shape, the slice to produce and where it goes. */
export interface Request {
  fn: string;
  dims: number[];
  numel: number;
  start: number;
  end: number;
  generator: Generator;
  out: Float32Array | undefined;
}

/**
 * Checks shape and shared options; returns the request and the caller's own options. Nothing is
 * allocated, written or advanced here.
 */
export function request<T extends TensorOptions>(fn: string, shape: Shape, opts: unknown, ownKeys: readonly string[]): { req: Request; own: Partial<T> } {
  const dims = dimsOf(fn, shape);
  const own = checkOptions<T>(fn, opts, [...TENSOR_OPTION_KEYS, ...ownKeys]);
  const total = numel(dims);
  const generator = own.generator ?? defaultGenerator;
  if (!(generator instanceof Generator)) throw typeError(fn, "generator", "a Generator", generator);
  let start = 0, end = total;
  if (own.range !== undefined) {
    const r: unknown = own.range;
    if (!Array.isArray(r) || r.length !== 2) throw typeError(fn, "range", "a pair [start, end]", r);
    start = integer(fn, "range[0]", r[0], 0, total);
    end = integer(fn, "range[1]", r[1], 0, total);
    if (start > end) throw rangeError(fn, "range", `a pair [start, end] with 0 <= start <= end <= ${total}`, r);
  }
  const out = own.out;
  if (out !== undefined) {
    if (!(out instanceof Float32Array)) throw typeError(fn, "out", "a Float32Array", out);
    if (out.length !== end - start) throw rangeError(fn, "out", `a Float32Array of length ${end - start}`, out);
  }
  return { req: { fn, dims, numel: total, start, end, generator, out }, own };
}

/** The array to write: the caller's `out` or a new one. */
export function target(req: Request): Float32Array {
  return req.out ?? new Float32Array(req.end - req.start);
}

/**
 * Runs a random fill of the requested slice, then advances the generator by the whole tensor.
 * `fill` receives where to write: the slice's tape position is the generator's head + start.
 */
export function sampleRequest(req: Request, fill: (at: Placement) => void): Float32Array {
  req.generator.checkRoom(req.fn, req.numel);
  const out = target(req);
  fill({ target: out, offset: 0, count: req.end - req.start, position: req.generator.position + req.start });
  req.generator.advance(req.numel);
  return out;
}
