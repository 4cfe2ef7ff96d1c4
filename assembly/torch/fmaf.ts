// A correctly rounded float32 fused multiply-add, fma(a, b, c) = round32(a * b + c), from wasm's
// IEEE-exact float64 ops (wasm has no fma outside relaxed-simd, whose results vary by engine).
// see: Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using
//      rounding to odd", IEEE Trans. Computers 57(4), 2008.
//
// p = a * b is exact in float64 (24 + 24 < 53 bits). s = p + c rounds once, to 53 bits; rounding
// s again to 24 bits gives round32(p + c) except when s sits exactly on a midpoint between two
// float32s while p + c does not (double rounding): if a float32 midpoint m lay strictly between
// p + c and s, m (a float64) would be nearer to p + c than s is. So the fast path checks the 29
// bits that float32 drops: the pattern 1000...0 (a midpoint), or a tiny |s| (float32 subnormal
// range, where the dropped bits are more), sends the value to the exact path: the sum's error by
// TwoSum, s rounded to odd (its last bit set toward p + c when inexact), then rounded to float32.
// Error: 0 (correctly rounded, ties to even), for every finite a, b, c whose result is finite.

/** The 29 low bits of a float64 mantissa that a float32 rounding drops, and their midpoint pattern. */
export const DROPPED_MASK: u64 = 0x1fffffff;
export const MIDPOINT: u64 = 0x10000000;
/** Exponent field of 2^-126: below it float32 results are subnormal. */
export const TINY_BITS: u64 = 0x3810000000000000;
const EXPONENT_MASK: u64 = 0x7ff0000000000000;

/** round32(p + c) for p exact, s = p + c rounded to float64: TwoSum, round to odd, round to float32. */
// @ts-ignore: decorator
@inline export function roundToOddf(p: f64, c: f64, s: f64): f32 {
  let bb = s - p;
  let err = (p - (s - bb)) + (c - bb);
  let bits = reinterpret<u64>(s);
  if (err != 0 && (bits & 1) == 0) {
    // Truncate toward the exact value: s was rounded away from it by less than one ulp.
    bits += (err > 0) == (s > 0) ? 1 : -1;
  }
  return <f32>reinterpret<f64>(bits);
}

/** fma(a, b, c) correctly rounded to float32. */
// @ts-ignore: decorator
@inline export function fmaf(a: f32, b: f32, c: f32): f32 {
  let p = <f64>a * <f64>b;
  let s = p + <f64>c;
  let bits = reinterpret<u64>(s);
  if ((bits & DROPPED_MASK) == MIDPOINT || (bits & EXPONENT_MASK) < TINY_BITS) return roundToOddf(p, <f64>c, s);
  return <f32>s;
}

/** dst[i] = fmaf(a[i], b[i], c[i]) (the emulation's test entry). */
export function fmaArray(a: usize, b: usize, c: usize, dst: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    let o = <usize>i << 2;
    store<f32>(dst + o, fmaf(load<f32>(a + o), load<f32>(b + o), load<f32>(c + o)));
  }
}
