// Samplers over the tape: run a kernel window by window and copy each chunk into the caller's
// array. Wasm memory stays at the window size whatever the fill size. These functions trust
// their arguments; the public functions validate them first.

import { kernels, writeLaw, WINDOW_ELEMENTS, BLOCK_WORDS, type Format, type Kernels } from "../wasm/loader.js";
import type { Generator } from "./generator.js";
import { intervalMass } from "./normal-cdf.js";
import type { HalfDtype } from "../dtype.js";

type KernelCall = (k: Kernels, dst: number, n: number, block: number, format: Format) => void;

/** Where a sample goes: `count` elements at `target[offset]`, from tape word `position`. */
export interface Placement {
  /** float32 values, or the bits of float16/bfloat16 values (see `dtype`). */
  target: Float32Array | Uint16Array;
  offset: number;
  count: number;
  position: number;
  /** For a Uint16Array target: which half format (default "bfloat16"). */
  dtype?: HalfDtype;
}

/**
 * Produces tape outputs [position, position + count) into target[offset...]. Kernels start at a
 * block boundary, so the first window starts at the block holding `position` and the part
 * before it is computed and dropped (at most one block, once per fill). A Uint16Array target
 * gets the values rounded to `half` inside the kernel, block by block (format 1 or 2), packed at
 * the window's start: half the bytes to copy out.
 */
function runWindows(target: Float32Array | Uint32Array | Uint16Array, offset: number, count: number, position: number,
  call: KernelCall, k: Kernels = kernels(), half: HalfDtype = "bfloat16"): void {
  const asU32 = target instanceof Uint32Array;
  const asU16 = target instanceof Uint16Array;
  const format: Format = asU16 ? (half === "float16" ? 1 : 2) : 0;
  let skip = position % BLOCK_WORDS;
  let block = (position - skip) / BLOCK_WORDS;
  for (let done = 0; done < count; skip = 0, block += WINDOW_ELEMENTS / BLOCK_WORDS) {
    const useful = Math.min(WINDOW_ELEMENTS - skip, count - done);
    call(k, k.window, skip + useful, block, format);
    const view = asU16 ? k.windowU16() : asU32 ? k.windowU32() : k.windowF32();
    const chunk = useful === WINDOW_ELEMENTS && !asU16 ? view : view.subarray(skip, skip + useful);
    (target as Uint32Array).set(chunk as Uint32Array, offset + done);
    done += useful;
  }
}

/**
 * Rounds float32 values to a half dtype with the conversion kernel, window by window:
 * `source[i]` -> bits `target[offset + i]`. For initializers that compute their values outside
 * the samplers (constants, identities, orthogonal matrices).
 */
export function convertToHalf(source: Float32Array, target: Uint16Array, offset: number, half: HalfDtype, k: Kernels = kernels()): void {
  const convert = half === "float16" ? k.exports.to_float16 : k.exports.to_bfloat16;
  for (let done = 0; done < source.length;) {
    const n = Math.min(WINDOW_ELEMENTS, source.length - done);
    k.windowF32().set(source.subarray(done, done + n));
    convert(k.window, k.window, n);
    target.set(k.windowU16().subarray(0, n), offset + done);
    done += n;
  }
}

/** Raw tape words. */
export function sampleBits(gen: Generator, target: Uint32Array, offset: number, count: number, position: number, k?: Kernels): void {
  const lo = gen.seedLo, hi = gen.seedHi;
  runWindows(target, offset, count, position, (k, dst, n, pos) => k.exports.fill_bits(dst, n, lo, hi, pos), k);
}

/** Uniform on [a, b) (b itself only through float32 rounding). */
export function sampleUniform(gen: Generator, at: Placement, a: number, b: number, k: Kernels = kernels()): void {
  const lo = gen.seedLo, hi = gen.seedHi;
  const af = Math.fround(a), bf = Math.fround(b);
  writeLaw(k, "uniform", { a: af, width: Math.fround(bf - af), b: bf });
  runWindows(at.target, at.offset, at.count, at.position,
    (k, dst, n, pos, format) => k.exports.fill_uniform(dst, n, lo, hi, pos, format), k, at.dtype);
}

/** Normal(mean, std) by Box-Muller. */
export function sampleNormal(gen: Generator, at: Placement, mean: number, std: number, k: Kernels = kernels()): void {
  const lo = gen.seedLo, hi = gen.seedHi;
  writeLaw(k, "normal", { mean, std });
  runWindows(at.target, at.offset, at.count, at.position,
    (k, dst, n, pos, format) => k.exports.fill_normal(dst, n, lo, hi, pos, format), k, at.dtype);
}

/** The smallest standard-normal mass of [a, b] the float32 inverse CDF can sample. */
export const MIN_TRUNC_MASS = 2 ** -100;

/** Normal(mean, std) truncated to [a, b]; the caller checked truncMass(...) >= MIN_TRUNC_MASS. */
export function sampleTruncNormal(gen: Generator, at: Placement, mean: number, std: number, a: number, b: number, k: Kernels = kernels()): void {
  const lo = gen.seedLo, hi = gen.seedHi;
  const m = intervalMass((a - mean) / std, (b - mean) / std);
  writeLaw(k, "truncNormal", { mean, std, lo: a, hi: b, cLo: m.cLo, pLo: m.pLo, qHi: m.qHi, w: m.w });
  runWindows(at.target, at.offset, at.count, at.position,
    (k, dst, n, pos, format) => k.exports.fill_trunc_normal(dst, n, lo, hi, pos, format), k, at.dtype);
}

/** Standard-normal probability of [a, b] under Normal(mean, std). */
export function truncMass(mean: number, std: number, a: number, b: number): number {
  return intervalMass((a - mean) / std, (b - mean) / std).w;
}
