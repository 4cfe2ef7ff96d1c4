// The torch module's ABI (src/wasm/torch.ts TorchExports; a test compares the two): PyTorch's
// CPU generator (mt19937) and its float32 uniform_/normal_ transforms, for the `nninit/torch`
// subpath only, so the main bundle never carries them. Every kernel takes the generator's 624
// state words at `state` and its index `next`, writes its outputs at `dst` and returns the new
// `next`; the state stays in the caller's memory, none in wasm globals.

import { words, skip } from "./torch/mt19937";
import { uniformScalar, unitsScalar, normal16Fused, normal16Plain } from "./torch/transforms";
import { fmaArray } from "./torch/fmaf";
import { uniformSimd, unitsSimd } from "./torch/simd";
import { normalBlocksSimd } from "./torch/normal-simd";

export { heap_base, is_simd } from "./module";

/** n raw outputs (torch `random()`) as u32. */
export function torch_words(state: usize, next: i32, dst: usize, n: i32): i32 {
  return words(state, next, dst, n);
}

/** Skips n outputs. */
export function torch_skip(state: usize, next: i32, n: i32): i32 {
  return skip(state, next, n);
}

/** n values of uniform_(from, from + range) in float32; fused: the AVX2 build's fma. */
export function torch_uniform(state: usize, next: i32, dst: usize, n: i32, from: f32, range: f32, fused: bool): i32 {
  next = words(state, next, dst, n);
  if (ASC_FEATURE_SIMD) uniformSimd(dst, n, from, range, fused);
  else uniformScalar(dst, n, from, range, fused);
  return next;
}

/**
 * 16 * blocks values of normal_(mean, std) from 16 * blocks words, block by block (the part of
 * torch's normal_ before its refill of the last 16).
 */
export function torch_normal(state: usize, next: i32, dst: usize, blocks: i32, mean: f32, std: f32, fused: bool): i32 {
  let n = blocks << 4;
  next = words(state, next, dst, n);
  if (ASC_FEATURE_SIMD) unitsSimd(dst, n);
  else unitsScalar(dst, n);
  torch_normal_units(dst, blocks, mean, std, fused);
  return next;
}

/**
 * normal_'s transform alone: the 16 * blocks uniforms x = (w & 0xffffff) 2^-24 already at dst
 * become the values, block by block (torch_normal's second half; the exhaustive tests feed it
 * every Box-Muller input).
 */
export function torch_normal_units(dst: usize, blocks: i32, mean: f32, std: f32, fused: bool): void {
  if (!fused) {
    for (let b = 0; b < blocks; b++) normal16Plain(dst + (<usize>b << 6), mean, std);
  } else if (ASC_FEATURE_SIMD) {
    normalBlocksSimd(dst, blocks, mean, std);
  } else {
    for (let b = 0; b < blocks; b++) normal16Fused(dst + (<usize>b << 6), mean, std);
  }
}

/** dst[i] = fma(a[i], b[i], c[i]) correctly rounded to float32, for the tests of the emulation. */
export function torch_fma(a: usize, b: usize, c: usize, dst: usize, n: i32): void {
  fmaArray(a, b, c, dst, n);
}
