// The core module's whole ABI (src/wasm/loader.ts KernelExports; a test compares the two), listed
// by name. Raw-pointer ABI: every fill writes the outputs of tape words
// [block * 1024, block * 1024 + n) of the generator with the given 64-bit seed at dst, as float32
// (or u32), rounded up to a multiple of 8. A law's parameters (mean, std, ...) are not arguments:
// the caller writes them by name into the law record at `law_params()` (assembly/params.ts) and
// the fill reads them from there. Nothing managed crosses the boundary and no generator state
// lives in wasm globals. `format` picks the output: 0 float32, 1 float16 bits, 2 bfloat16
// bits (u16, packed at dst, rounded to nearest even from the float32 values; see fill.ts).

import { fillBlocks, FORMAT_FLOAT32 } from "./fill";
import { KIND_BITS, KIND_UNIFORM, KIND_NORMAL, KIND_TRUNC_NORMAL, setAllCentral } from "./samplers";
import { toFloat16, toBFloat16 } from "./convert";
import { LAW, law, TRUNC_CLO, TRUNC_W } from "./params";

export { heap_base, is_simd } from "./module";

/** Raw tape words as u32 (reads no law record). */
export function fill_bits(dst: usize, n: i32, seedLo: u32, seedHi: u32, block: f64): void {
  fillBlocks(KIND_BITS, dst, n, seedLo, seedHi, block, FORMAT_FLOAT32);
}

/**
 * The address of the law record (params.ts): 8 float32 fields that the caller writes by name
 * before a fill_uniform / fill_normal / fill_trunc_normal call, which read them.
 */
export function law_params(): usize {
  return LAW;
}

/** min(a + width u, b), u in (0, 1); record fields a, width = b - a rounded to f32, b. */
export function fill_uniform(dst: usize, n: i32, seedLo: u32, seedHi: u32, block: f64, format: i32): void {
  fillBlocks(KIND_UNIFORM, dst, n, seedLo, seedHi, block, format);
}

/** mean + std z, z standard normal by Box-Muller; record fields mean, std. */
export function fill_normal(dst: usize, n: i32, seedLo: u32, seedHi: u32, block: f64, format: i32): void {
  fillBlocks(KIND_NORMAL, dst, n, seedLo, seedHi, block, format);
}

/**
 * Normal(mean, std) truncated to [lo, hi] by inverse CDF; record fields mean, std, lo, hi, cLo,
 * pLo, qHi, w. The last four describe the standardised interval [alpha, beta]:
 * cLo = Phi(alpha) - 1/2, pLo = Phi(alpha), qHi = 1 - Phi(beta), w = Phi(beta) - Phi(alpha)
 * >= 2^-100, all computed in f64 by the caller.
 */
export function fill_trunc_normal(dst: usize, n: i32, seedLo: u32, seedHi: u32, block: f64, format: i32): void {
  if (ASC_FEATURE_SIMD) setAllCentral(law(TRUNC_CLO), law(TRUNC_W));
  fillBlocks(KIND_TRUNC_NORMAL, dst, n, seedLo, seedHi, block, format);
}

/** n float32 at src -> n float16 bits (u16) at dst, round to nearest even; dst == src allowed. */
export function to_float16(src: usize, dst: usize, n: i32): void {
  toFloat16(src, dst, n);
}

/** n float32 at src -> n bfloat16 bits (u16) at dst, round to nearest even; dst == src allowed. */
export function to_bfloat16(src: usize, dst: usize, n: i32): void {
  toBFloat16(src, dst, n);
}
