// Tensors of every dtype with distinct bit patterns (extremes, subnormals, -0), shared by the
// round-trip tests and the Python cross-check.

import type { SaveInput } from "../../src/checkpoint.js";

/** One tensor of every dtype with distinct bit patterns. */
export function everyDtype(): Record<string, SaveInput> {
  const bytes = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (i * 37 + k) & 255);
  return {
    f64: { shape: [2, 3], data: Float64Array.from([0, -1.5, Math.PI, 1e300, -0, Number.MIN_VALUE]) },
    f32: { dtype: "float32", shape: [3], data: Float32Array.from([1, -2.5, 3e-40]) },
    f16: { dtype: "float16", shape: [2, 2], data: Uint16Array.from([0x3c00, 0xc000, 0x0001, 0x7bff]) },
    bf16: { dtype: "BF16", shape: [3], data: Uint16Array.from([0x3f80, 0xbf80, 0x7f7f]) },
    i64: { shape: [2], data: BigInt64Array.from([-(2n ** 63n), 2n ** 63n - 1n]) },
    i32: { shape: [2], data: Int32Array.from([-(2 ** 31), 2 ** 31 - 1]) },
    i16: { dtype: "int16", shape: [2], data: Int16Array.from([-32768, 32767]) },
    i8: { shape: [3], data: Int8Array.from([-128, 0, 127]) },
    u8: { shape: [2, 2], data: bytes(4, 1) },
    bool: { dtype: "bool", shape: [3], data: Uint8Array.from([1, 0, 1]) },
    f8e4m3: { dtype: "F8_E4M3", shape: [4], data: bytes(4, 2) },
    f8e5m2: { dtype: "F8_E5M2", shape: [4], data: bytes(4, 3) },
    scalar: { shape: [], data: Float32Array.from([7]) },
    empty: { shape: [0, 5], data: new Float32Array(0) },
  };
}

