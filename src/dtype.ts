// Output dtypes. Every fill computes float32 values; "float16" and "bfloat16" round those values
// to nearest, ties to even, as the last step (in the kernels, on the window), so a dtype never
// changes which tape words are drawn: element i of a half fill is the rounding of element i of
// the float32 fill of the same call.
//
// This file holds the scalar conversions in plain integer arithmetic: the reference the kernels
// (assembly/convert.ts, a different algorithm) are tested against bit for bit, the check that a
// value is representable before anything is drawn, and the decoding used by the file reader.

/** The element types an initializer can return. */
export type Dtype = "float32" | "float16" | "bfloat16";
/**
 * The output dtypes every initializer takes as `dtype`: "float32" (the default), "float16", "bfloat16".
 *
 * @example
 * ```ts
 * import { DTYPES, normal } from "nninit";
 * for (const dtype of DTYPES) console.log(dtype, normal([2], { dtype }).constructor.name);
 * // float32 Float32Array, float16 Uint16Array, bfloat16 Uint16Array
 * ```
 */
export const DTYPES: readonly Dtype[] = ["float32", "float16", "bfloat16"];
/** The dtypes stored as 16-bit patterns in a Uint16Array. */
export type HalfDtype = Exclude<Dtype, "float32">;

/** Bytes per element. */
export function bytesOf(dtype: Dtype): number {
  return dtype === "float32" ? 4 : 2;
}

/** Largest finite value of each dtype. */
export const DTYPE_MAX: Record<Dtype, number> = {
  float32: 3.4028234663852886e38,
  float16: 65504,
  bfloat16: 3.3895313892515355e38,
};

// One 4-byte scratch buffer seen as float and as bits. Pure, and built from nothing but a literal
// and an identifier, so that bundles which never convert a dtype drop it (a top-level `new` a
// bundler cannot prove harmless keeps everything it touches).
const scratch = /* @__PURE__ */ new ArrayBuffer(4);
const f32 = /* @__PURE__ */ new Float32Array(scratch);
const u32 = /* @__PURE__ */ new Uint32Array(scratch);

function bitsOf(x: number): number {
  f32[0] = x;
  return u32[0];
}

/**
 * float16 bits of fround(x), round to nearest even; overflow gives +-inf, NaN 0x7E00.
 *
 * @example
 * ```ts
 * import { float16Bits } from "nninit";
 * console.log(float16Bits(1).toString(16)); // "3c00"
 * console.log(float16Bits(65520));          // 31744 (0x7c00, +inf: beyond float16's range)
 * ```
 */
export function float16Bits(x: number): number {
  const w = bitsOf(x);
  const sign = (w >>> 16) & 0x8000;
  const a = w & 0x7fffffff;
  if (a > 0x7f800000) return sign | 0x7e00;
  if (a >= 0x477ff000) return sign | 0x7c00; // >= 65520: halfway to 2^16 or past it, rounds to inf
  if (a >= 0x38800000) {
    // a normal half: rebias the exponent (127 - 15 = 112) and drop 13 mantissa bits
    const v = a - 0x38000000;
    const q = v >>> 13, rem = v & 0x1fff;
    return sign | (q + (rem > 0x1000 || (rem === 0x1000 && (q & 1)) ? 1 : 0));
  }
  if (a <= 0x33000000) return sign; // <= 2^-25: half of the smallest subnormal, ties to 0
  // a subnormal half, in units of 2^-24: m 2^(e - 150) = m 2^-24 / 2^(126 - e)
  const e = a >>> 23, m = (a & 0x7fffff) | 0x800000, shift = 126 - e;
  const q = m >>> shift, rem = m & ((1 << shift) - 1), half = 1 << (shift - 1);
  return sign | (q + (rem > half || (rem === half && (q & 1)) ? 1 : 0));
}

/**
 * bfloat16 bits of fround(x), round to nearest even; overflow gives +-inf, NaN stays NaN.
 *
 * @example
 * ```ts
 * import { bfloat16Bits } from "nninit";
 * console.log(bfloat16Bits(1).toString(16)); // "3f80"
 * ```
 */
export function bfloat16Bits(x: number): number {
  const w = bitsOf(x);
  if ((w & 0x7fffffff) > 0x7f800000) return (w >>> 16) | 0x40;
  const q = w >>> 16, rem = w & 0xffff;
  return (q + (rem > 0x8000 || (rem === 0x8000 && (q & 1)) ? 1 : 0)) & 0xffff;
}

/**
 * The value of float16 bits h.
 *
 * @example
 * ```ts
 * import { float16Value, uniform } from "nninit";
 * const bits = uniform([4], { dtype: "float16" }); // Uint16Array of float16 bits
 * console.log(Array.from(bits, float16Value));     // the four values as numbers
 * ```
 */
export function float16Value(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const e = (h >>> 10) & 0x1f, m = h & 0x3ff;
  if (e === 0) return sign * m * 2 ** -24;
  if (e === 31) return m ? NaN : sign * Infinity;
  return sign * (1024 + m) * 2 ** (e - 25);
}

/**
 * The value of bfloat16 bits h.
 *
 * @example
 * ```ts
 * import { bfloat16Value, normal } from "nninit";
 * const bits = normal([4], { dtype: "bfloat16" }); // Uint16Array of bfloat16 bits
 * console.log(Array.from(bits, bfloat16Value)); // the four values as numbers
 * ```
 */
export function bfloat16Value(h: number): number {
  u32[0] = (h & 0xffff) << 16;
  return f32[0];
}

/** `x` rounded to the dtype, as a number. */
export function roundTo(dtype: Dtype, x: number): number {
  if (dtype === "float32") return Math.fround(x);
  return dtype === "float16" ? float16Value(float16Bits(x)) : bfloat16Value(bfloat16Bits(x));
}

/** Whether every value of magnitude <= `reach` stays finite in the dtype. */
export function fitsDtype(dtype: Dtype, reach: number): boolean {
  return Number.isFinite(roundTo(dtype, reach));
}
