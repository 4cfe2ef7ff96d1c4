// The safetensors dtypes: each code's width in bits (as the reference implementation's
// Dtype::bitsize: F4 and the F6 types are narrower than a byte), the words nninit users write for
// them, and the typed array each is filled through. Sub-byte and 8-bit float types are raw bytes.

/**
 * Bits per element of every dtype the reference reader (safetensors 0.8) accepts.
 *
 * @example
 * ```ts
 * import { SAFETENSORS_DTYPE_BITS } from "nninit/checkpoint";
 * console.log(SAFETENSORS_DTYPE_BITS.BF16, SAFETENSORS_DTYPE_BITS.F4); // 16 4
 * ```
 */
export const SAFETENSORS_DTYPE_BITS = {
  BOOL: 8, U8: 8, I8: 8, F8_E5M2: 8, F8_E4M3: 8, F8_E8M0: 8, F4: 4, F6_E2M3: 6, F6_E3M2: 6,
  I16: 16, U16: 16, F16: 16, BF16: 16, I32: 32, U32: 32, F32: 32, F64: 64, I64: 64, U64: 64, C64: 64,
} as const;
/** A safetensors dtype code: "F32", "BF16", "I64", ... */
export type SafetensorsDtype = keyof typeof SAFETENSORS_DTYPE_BITS;

/** The dtype words the writer takes (numpy's and torch's names); safetensors' own codes are taken too. */
export type DtypeWord = "float64" | "float32" | "float16" | "bfloat16" | "int64" | "int32" | "int16" | "int8" | "uint64" | "uint32" | "uint16" | "uint8" | "bool";

/**
 * nninit's words for the dtypes (numpy's and torch's names); the codes are accepted as they are.
 *
 * @example
 * ```ts
 * import { DTYPE_WORDS } from "nninit/checkpoint";
 * console.log(DTYPE_WORDS.bfloat16, DTYPE_WORDS.int64); // "BF16" "I64"
 * ```
 */
export const DTYPE_WORDS: Record<DtypeWord, SafetensorsDtype> = {
  float64: "F64", float32: "F32", float16: "F16", bfloat16: "BF16",
  int64: "I64", int32: "I32", int16: "I16", int8: "I8",
  uint64: "U64", uint32: "U32", uint16: "U16", uint8: "U8", bool: "BOOL",
};

/** The safetensors code of a dtype word or code, or undefined when it is neither. */
export function dtypeCode(dtype: unknown): SafetensorsDtype | undefined {
  if (typeof dtype !== "string") return undefined;
  if (Object.hasOwn(DTYPE_WORDS, dtype)) return DTYPE_WORDS[dtype as DtypeWord];
  return Object.hasOwn(SAFETENSORS_DTYPE_BITS, dtype) ? (dtype as SafetensorsDtype) : undefined;
}

/** Every dtype the writer accepts, for error messages. */
export const DTYPE_CHOICES = `${Object.keys(DTYPE_WORDS).join(", ")} or a safetensors code (${Object.keys(SAFETENSORS_DTYPE_BITS).join(", ")})`;

/** The typed arrays the reader returns and the writer fills, by element width and kind. */
export type TensorArray =
  | Float64Array | Float32Array | Uint16Array | BigInt64Array | BigUint64Array
  | Int32Array | Uint32Array | Int16Array | Int8Array | Uint8Array;

/** A typed array of `n` elements of `dtype` over `buffer` at byte `at` (raw bytes for 8-bit floats and sub-byte types). */
export function arrayOf(dtype: SafetensorsDtype, buffer: ArrayBufferLike, at: number, n: number): TensorArray {
  switch (dtype) {
    case "F64": return new Float64Array(buffer, at, n);
    case "F32": return new Float32Array(buffer, at, n);
    case "F16": case "BF16": case "U16": return new Uint16Array(buffer, at, n);
    case "I64": return new BigInt64Array(buffer, at, n);
    case "U64": case "C64": return dtype === "U64" ? new BigUint64Array(buffer, at, n) : new Float32Array(buffer, at, 2 * n);
    case "I32": return new Int32Array(buffer, at, n);
    case "U32": return new Uint32Array(buffer, at, n);
    case "I16": return new Int16Array(buffer, at, n);
    case "I8": return new Int8Array(buffer, at, n);
    default: return new Uint8Array(buffer, at, Math.ceil((n * SAFETENSORS_DTYPE_BITS[dtype]) / 8));
  }
}

/** The dtype a typed array implies, when it implies one (a Uint16Array may be F16, BF16 or U16: say which). */
export function dtypeOfArray(data: unknown): SafetensorsDtype | undefined {
  if (data instanceof Float64Array) return "F64";
  if (data instanceof Float32Array) return "F32";
  if (data instanceof BigInt64Array) return "I64";
  if (data instanceof BigUint64Array) return "U64";
  if (data instanceof Int32Array) return "I32";
  if (data instanceof Uint32Array) return "U32";
  if (data instanceof Int16Array) return "I16";
  if (data instanceof Int8Array) return "I8";
  if (data instanceof Uint8Array) return "U8";
  return undefined;
}

/** Whether typed array `data` can hold `dtype`'s elements (same width; raw bytes for 8-bit and sub-byte types). */
export function arrayFits(dtype: SafetensorsDtype, data: ArrayBufferView): boolean {
  const bits = SAFETENSORS_DTYPE_BITS[dtype];
  const width = (data as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT;
  if (bits <= 8) return width === 1;
  if (dtype === "C64") return data instanceof Float32Array;
  if (dtype === "F64") return data instanceof Float64Array;
  if (dtype === "F32") return data instanceof Float32Array;
  if (dtype === "I64") return data instanceof BigInt64Array;
  if (dtype === "U64") return data instanceof BigUint64Array;
  return width === bits / 8 && !(data instanceof Float32Array) && !(data instanceof Float64Array);
}

/** Bytes of `n` elements of `dtype`, or undefined when they do not fill whole bytes (F4, F6 types). */
export function byteLengthOf(dtype: SafetensorsDtype, n: number): number | undefined {
  const bits = n * SAFETENSORS_DTYPE_BITS[dtype];
  return bits % 8 === 0 ? bits / 8 : undefined;
}

/** The code of every word and code (a code maps to itself). */
export const DTYPE_CODE = {
  ...DTYPE_WORDS,
  ...(Object.fromEntries(Object.keys(SAFETENSORS_DTYPE_BITS).map((k) => [k, k])) as { [K in SafetensorsDtype]: K }),
} as Record<DtypeWord | SafetensorsDtype, SafetensorsDtype>;
