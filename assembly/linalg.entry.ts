// The linalg module's ABI (src/wasm/linalg.ts LinalgExports): the QR behind `orthogonal`, a wasm
// module of its own so that apps that never call `orthogonal` don't ship it.

export { heap_base, is_simd } from "./module";
export { householder_work_bytes, householder_q } from "./linalg";
