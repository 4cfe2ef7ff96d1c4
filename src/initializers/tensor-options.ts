// The options every initializer shares (generator, out, range) and the one way they are
// checked and applied, so that each initializer only adds its own parameters.

import { Generator, defaultGenerator, isGenerator } from "../random/generator.js";
import { DRAW, type DrawLaw, type RandomGenerator } from "../random/draw.js";
import { convertToHalf } from "../random/sample.js";
import { DTYPES, fitsDtype, type Dtype } from "../dtype.js";
import { dimsOf, numel, type Shape } from "../shape.js";
import { allocate, allocateFloat32 } from "../typed-array.js";
import { options as checkOptions, ownEntries, typeError, rangeError, integer, isDetached, oneOf } from "../validate.js";

/** Options that every initializer accepts. */
export interface TensorOptions {
  /**
   * The generator to draw from (default: the default generator, see `manualSeed`): a `Generator`,
   * or a `TorchGenerator` from `nninit/torch` to get PyTorch's values.
   */
  generator?: RandomGenerator;
  /**
   * Fill this array instead of allocating one; its length must be the tensor's (or the range's).
   * A Float32Array for "float32"; for "float16" and "bfloat16" a Uint16Array (the bits), or for
   * "float16" a Float16Array where the engine has one (Node 24, current browsers).
   */
  out?: Float32Array | Uint16Array | HalfArray;
  /**
   * Return only elements [start, end) of the flat tensor, exactly as they are in the full fill.
   * The generator still advances by the whole tensor, so shards computed on different machines
   * agree with one full fill.
   */
  range?: readonly [number, number];
  /**
   * The element type (default "float32"). "float16" and "bfloat16" give the float32 values of the
   * same call rounded to nearest, ties to even (the same tape words are drawn), returned as their
   * bits in a Uint16Array (or in `out`). A value that would round to infinity is a RangeError.
   */
  dtype?: Dtype;
}

/** A Float16Array where the engine has one (typed structurally: older TypeScript libs lack it). */
export interface HalfArray extends ArrayBufferView {
  readonly length: number;
  readonly BYTES_PER_ELEMENT: 2;
}

/**
 * What a call with options O returns: a Float32Array, unless O sets `dtype` to "float16" or
 * "bfloat16" (then the Uint16Array of bits, or the caller's `out`); a dtype known only as `Dtype`
 * gives the union. Options typed by the interfaces (`dtype?: Dtype`) give Float32Array, as before
 * dtypes existed: pass the dtype as a literal to get the half type.
 */
export type Output<O> = O extends { dtype: infer D }
  ? [D] extends ["float32"] ? Float32Array : [D] extends ["float16" | "bfloat16"] ? HalfOut<O> : Float32Array | HalfOut<O>
  : Float32Array;
type HalfOut<O> = O extends { out: infer A extends Uint16Array | HalfArray } ? A : Uint16Array;

export const TENSOR_OPTION_KEYS = ["generator", "out", "range", "dtype"] as const;

/** A checked request: the shape, the slice to produce and where it goes. */
export interface Request {
  fn: string;
  dims: number[];
  numel: number;
  start: number;
  end: number;
  generator: RandomGenerator;
  /** The caller's float32 `out` (only when dtype is "float32"). */
  out: Float32Array | undefined;
  dtype: Dtype;
  /** For half dtypes: where the bits go (the caller's `out`, or a view of its Float16Array). */
  halfOut: Uint16Array | undefined;
  /** For half dtypes: what to return (the caller's `out` as given). */
  halfResult: Uint16Array | HalfArray | undefined;
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
export function generatorOf(fn: string, value: unknown): RandomGenerator {
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
  const dtype = own.dtype === undefined ? "float32" : oneOf(fn, "dtype", own.dtype, DTYPES);
  if (dtype !== "float32") {
    const { halfOut, halfResult } = checkHalfOut(fn, own.out, dtype, end - start);
    return { req: { fn, dims, numel: total, start, end, generator, out: undefined, dtype, halfOut, halfResult }, own };
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
  return { req: { fn, dims, numel: total, start, end, generator, out, dtype, halfOut: undefined, halfResult: undefined }, own };
}

/** The `out` of a half dtype: a Uint16Array, or (float16 only) a Float16Array, of the right length. */
function checkHalfOut(fn: string, out: unknown, dtype: Dtype, length: number): { halfOut?: Uint16Array; halfResult?: Uint16Array | HalfArray } {
  if (out === undefined) return {};
  const F16 = (globalThis as { Float16Array?: new (...args: never[]) => HalfArray }).Float16Array;
  const isF16 = F16 !== undefined && out instanceof F16;
  const expected = dtype === "float16" ? `a Uint16Array${F16 ? " or a Float16Array" : ""} (the dtype is "float16")` : `a Uint16Array (the dtype is "bfloat16")`;
  if (!(out instanceof Uint16Array) && !(isF16 && dtype === "float16")) throw typeError(fn, "out", expected, out);
  const view = out as Uint16Array | HalfArray;
  if (isDetached(view.buffer)) {
    throw new TypeError(`${fn}: out must be ${expected} of length ${length}, got an array whose buffer is detached ` +
      `(transferred to a worker or structuredClone, or a wasm memory that grew); pass a live array`);
  }
  if (view.length !== length) throw rangeError(fn, "out", `${expected.split(" (")[0]} of length ${length}`, out);
  const bits = view instanceof Uint16Array ? view : new Uint16Array(view.buffer, view.byteOffset, view.length);
  return { halfOut: bits, halfResult: view };
}

/**
 * The float32 array to compute into: the caller's `out` or a new one. For a half dtype it is a
 * scratch array that {@link output} converts.
 */
export function target(req: Request): Float32Array {
  return req.out ?? allocateFloat32(req.fn, req.dims, req.end - req.start);
}

/**
 * What the initializer returns for values computed into `values` (from {@link target}): the
 * array itself for float32; for half dtypes, the values rounded by the conversion kernel into
 * the caller's `out` or a new Uint16Array.
 */
export function output<O>(req: Request, values: Float32Array): Output<O> {
  if (req.dtype === "float32") return values as Output<O>;
  const bits = req.halfOut ?? allocate(req.fn, req.dims, values.length, Uint16Array);
  convertToHalf(values, bits, 0, req.dtype);
  return (req.halfResult ?? bits) as Output<O>;
}

/**
 * Throws a RangeError, before anything is drawn or written, when values of magnitude up to
 * `reach` would round to infinity in the request's dtype (blaming option `name` = `value`).
 */
export function checkDtypeReach(req: Request, name: string, value: number, reach: number): void {
  if (req.dtype !== "float32" && req.numel > 0 && !fitsDtype(req.dtype, reach)) {
    throw rangeError(req.fn, name, `small enough that the values (up to ${reach.toPrecision(6)} in magnitude) stay finite ` +
      `in ${req.dtype}`, value);
  }
}

/**
 * Draws the requested slice of a tensor of law `law` from the request's generator, which then
 * moves past the whole tensor (see ../random/draw.ts); half dtypes come back rounded, as bits.
 * Zero-element tensors draw nothing.
 */
export function drawRequest<O>(req: Request, law: DrawLaw): Output<O> {
  const count = req.end - req.start;
  let out: Float32Array | Uint16Array, result: Float32Array | Uint16Array | HalfArray;
  if (req.dtype === "float32") {
    out = result = target(req);
  } else {
    out = req.halfOut ?? allocate(req.fn, req.dims, count, Uint16Array);
    result = req.halfResult ?? out;
  }
  if (req.numel > 0) {
    req.generator[DRAW]({ fn: req.fn, law, numel: req.numel, start: req.start, end: req.end, out, dtype: req.dtype === "float32" ? undefined : req.dtype });
  }
  return result as Output<O>;
}
