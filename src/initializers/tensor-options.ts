// The options every initializer shares (generator, out, range) and the one way they are
// checked and applied, so that each initializer only adds its own parameters.

import { Generator, defaultGenerator, isGenerator } from "../random/generator.js";
import type { Placement } from "../random/sample.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { allocateFloat32 } from "../typed-array.js";
import { options as checkOptions, ownEntries, typeError, rangeError, integer, isDetached } from "../validate.js";

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
 * The options argument of any public function, checked and copied: a generator passed in its
 * place gets its own message (a common slip: `kaimingNormal(shape, g)`), anything else but a
 * plain object (or undefined/null) is refused, and only own properties are read, once.
 */
export function optionsOf<T extends object>(fn: string, opts: unknown, known?: readonly string[]): Partial<T> {
  if (isGenerator(opts)) {
    throw new TypeError(`${fn}: options must be a plain object, got a Generator; pass it as { generator: g }`);
  }
  return known ? checkOptions<T>(fn, opts, known) : ownEntries(fn, "options", opts) as Partial<T>;
}

/** A generator option, or the default generator. */
export function generatorOf(fn: string, value: unknown): Generator {
  if (value === undefined) return defaultGenerator;
  if (!isGenerator(value)) {
    const fake = value instanceof Generator;
    throw typeError(fn, "generator", fake ? "a Generator made by new Generator(seed) (not a Proxy or an object created from its prototype)" : "a Generator", value);
  }
  return value;
}

/**
 * Checks shape and shared options; returns the request and the caller's own options (a copy:
 * see optionsOf). Nothing is allocated, written or advanced here.
 */
export function request<T extends TensorOptions>(fn: string, shape: Shape, opts: unknown, ownKeys: readonly string[]): { req: Request; own: Partial<T> } {
  const dims = dimsOf(fn, shape);
  const own = optionsOf<T>(fn, opts, [...TENSOR_OPTION_KEYS, ...ownKeys]);
  const total = numel(dims);
  const generator = generatorOf(fn, own.generator);
  let start = 0, end = total;
  if (own.range !== undefined) {
    const r: unknown = own.range;
    if (!Array.isArray(r) || r.length !== 2) throw typeError(fn, "range", "a pair [start, end]", r);
    const r0: unknown = r[0], r1: unknown = r[1];
    start = integer(fn, "range[0]", r0, 0, total);
    end = integer(fn, "range[1]", r1, 0, total);
    if (start > end) throw rangeError(fn, "range", `a pair [start, end] with 0 <= start <= end <= ${total}`, [r0, r1]);
  }
  const out = own.out;
  if (out !== undefined) {
    if (!(out instanceof Float32Array)) throw typeError(fn, "out", "a Float32Array", out);
    if (isDetached(out.buffer)) {
      throw new TypeError(`${fn}: out must be a Float32Array of length ${end - start}, got a Float32Array whose buffer is ` +
        `detached (transferred to a worker or structuredClone, or a wasm memory that grew); pass a live array`);
    }
    if (out.length !== end - start) throw rangeError(fn, "out", `a Float32Array of length ${end - start}`, out);
  }
  return { req: { fn, dims, numel: total, start, end, generator, out }, own };
}

/** The array to write: the caller's `out` or a new one. */
export function target(req: Request): Float32Array {
  return req.out ?? allocateFloat32(req.fn, req.dims, req.end - req.start);
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
