// The gemm module's ABI (src/wasm/gemm.ts GemmExports): the matrix product behind nninit/probe, a
// wasm module of its own so that apps that never call `probe` don't ship it.

export { heap_base, is_simd } from "./module";
export { gemm } from "./gemm";
