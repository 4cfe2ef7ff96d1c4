// What every wasm module of the package exports besides its kernels (see src/wasm/module.ts).

/** First free byte after the static data, 16-aligned: the JS side puts its window here. */
export function heap_base(): usize {
  return (__heap_base + 15) & ~15;
}

/** Whether this binary was built with SIMD. */
export function is_simd(): bool {
  return ASC_FEATURE_SIMD;
}
