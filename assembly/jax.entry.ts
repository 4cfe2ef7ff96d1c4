// The JAX module's ABI (src/wasm/jax.ts JaxExports; a test compares the two): threefry2x32 words
// with partitionable counters and JAX's float32 transforms, for the `nninit/jax` subpath only.
// A draw's element i uses counter i (64-bit: hi, lo), so each call fills elements
// [start, start + n) of a draw given start's counter, and any split of a draw gives the same bits.

import { bitsScalar, bitsSimd } from "./jax/threefry";
import { uniformWords, normalWords as normalScalar, truncatedWords as truncatedScalar, sqrt2ErfInvWords } from "./jax/transforms";
import { sqrt2ErfInvChecked } from "./jax/normal-simd";
import { normalSimd, truncatedSimd, sqrt2ErfInvFast } from "./jax/normal-fast";
import { uniformSimd } from "./jax/uniform-simd";

// @ts-ignore: decorator
@inline function normalWords(dst: usize, n: i32): void {
  if (ASC_FEATURE_SIMD) normalSimd(dst, n);
  else normalScalar(dst, n);
}

// @ts-ignore: decorator
@inline function uniformAll(dst: usize, n: i32, minval: f32, range: f32): void {
  if (ASC_FEATURE_SIMD) uniformSimd(dst, n, minval, range);
  else uniformWords(dst, n, minval, range);
}

// @ts-ignore: decorator
@inline function truncatedWords(dst: usize, n: i32, a: f32, range: f32, low: f32, high: f32): void {
  if (ASC_FEATURE_SIMD) truncatedSimd(dst, n, a, range, low, high);
  else truncatedScalar(dst, n, a, range, low, high);
}

export { heap_base, is_simd } from "./module";

/** n words of key (k0, k1) from counter (hi, lo). */
export function jax_bits(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32): void {
  if (ASC_FEATURE_SIMD) bitsSimd(k0, k1, hi, lo, dst, n);
  else bitsScalar(k0, k1, hi, lo, dst, n);
}

/** jax_bits, then uniform(minval, minval + range) in place. */
export function jax_uniform(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32, minval: f32, range: f32): void {
  jax_bits(k0, k1, hi, lo, dst, n);
  uniformAll(dst, n, minval, range);
}

/** jax_bits, then normal in place. */
export function jax_normal(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32): void {
  jax_bits(k0, k1, hi, lo, dst, n);
  normalWords(dst, n);
}

/** jax_bits, then truncated normal in place (a, range, lo, hi from the bounds: src/jax/random.ts). */
export function jax_truncated(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32, a: f32, range: f32, low: f32, high: f32): void {
  jax_bits(k0, k1, hi, lo, dst, n);
  truncatedWords(dst, n, a, range, low, high);
}

/** The transforms alone on words already at dst (the exhaustive tests feed them every input). */
export function jax_normal_words(dst: usize, n: i32): void {
  normalWords(dst, n);
}

export function jax_truncated_words(dst: usize, n: i32, a: f32, range: f32, low: f32, high: f32): void {
  truncatedWords(dst, n, a, range, low, high);
}

export function jax_uniform_words(dst: usize, n: i32, minval: f32, range: f32): void {
  uniformAll(dst, n, minval, range);
}

/** sqrt(2) erf_inv of the float32 values at dst, in place: mode 0 the scalar kernel, 1 the checked SIMD kernel, 2 the fast one (the scalar build: always scalar). */
export function jax_sqrt2_erfinv_words(dst: usize, n: i32, mode: i32): void {
  if (ASC_FEATURE_SIMD && mode == 1) sqrt2ErfInvChecked(dst, n);
  else if (ASC_FEATURE_SIMD && mode == 2) sqrt2ErfInvFast(dst, n);
  else sqrt2ErfInvWords(dst, n);
}
