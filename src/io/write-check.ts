// The writer's input checks, all run before a byte is written: each tensor's name, shape, dtype
// and fill, and the options. A shape such as [-1, 4] or [NaN] or a chunk size of NaN used to
// make the chunk loop spin forever; now each is a TypeError or RangeError naming the function,
// the argument, the value and what was expected.

import { isPlainObject, rangeError, typeError } from "../validate.js";
import { DTYPE_CHOICES, SAFETENSORS_DTYPE_BITS, dtypeCode, type SafetensorsDtype } from "./dtypes.js";

/** A checked tensor: its safetensors code, and its data as `units` fill units of `unitBytes` each. */
export interface CheckedSource<S> {
  source: S;
  name: string;
  shape: number[];
  code: SafetensorsDtype;
  /** Bytes per fill unit: the element size, or 1 for F4 and the F6 types (filled as packed bytes). */
  unitBytes: number;
  units: number;
}

/** Bytes per fill unit of a dtype. */
export function unitBytesOf(code: SafetensorsDtype): number {
  const bits = SAFETENSORS_DTYPE_BITS[code];
  return bits >= 8 ? bits / 8 : 1;
}

/** Checks a tensor's name, shape and dtype (`what` names it in messages). */
export function checkLayout(fn: string, whatOf: string | (() => string), name: unknown, shape: unknown, dtype: unknown): { name: string; shape: number[]; code: SafetensorsDtype; unitBytes: number; units: number } {
  // the argument's name is only built for an error (a checkpoint may have 100,000s of tensors)
  const what = { toString: () => (typeof whatOf === "string" ? whatOf : whatOf()) };
  if (typeof name !== "string") throw typeError(fn, `${what}.name`, "a string", name);
  if (name === "__metadata__") throw rangeError(fn, `${what}.name`, "a name other than the reserved __metadata__", name);
  if (!Array.isArray(shape)) throw typeError(fn, `${what}.shape`, "an array of non-negative integers", shape);
  let count = 1;
  for (const d of shape) {
    if (typeof d !== "number") throw typeError(fn, `${what}.shape`, "an array of non-negative integers", shape);
    if (!Number.isSafeInteger(d) || d < 0) throw rangeError(fn, `${what}.shape`, "an array of non-negative integers", shape);
    count *= d;
  }
  const code = dtypeCode(dtype);
  if (code === undefined) {
    if (typeof dtype !== "string") throw typeError(fn, `${what}.dtype`, `a dtype name (${DTYPE_CHOICES})`, dtype);
    throw rangeError(fn, `${what}.dtype`, `one of ${DTYPE_CHOICES}`, dtype);
  }
  const bits = SAFETENSORS_DTYPE_BITS[code];
  if (!Number.isSafeInteger(count * bits)) throw rangeError(fn, `${what}.shape`, "a shape of fewer than 2^53 bits of data", shape);
  if ((count * bits) % 8 !== 0) throw rangeError(fn, `${what}.shape`, `a shape whose ${code} elements fill whole bytes (${bits} bits each)`, shape);
  const unitBytes = unitBytesOf(code);
  return { name, shape: [...shape], code, unitBytes, units: bits >= 8 ? count : (count * bits) / 8 };
}

/** Checks the tensor list (an array of sources with a `fill` function) and that names are unique. */
export function checkSources<S extends { fill?: unknown }>(fn: string, tensors: unknown): CheckedSource<S>[] {
  if (!Array.isArray(tensors)) throw typeError(fn, "tensors", "an array of { name, shape, dtype, fill }", tensors);
  const names = new Set<string>();
  return tensors.map((t: unknown, i) => {
    const what = () => `tensors[${i}]`;
    if (t === null || typeof t !== "object") throw typeError(fn, what(), "an object { name, shape, dtype, fill }", t);
    const s = t as Record<string, unknown>;
    const layout = checkLayout(fn, what, s.name, s.shape, s.dtype);
    if (typeof s.fill !== "function") throw typeError(fn, `${what()}.fill`, "a function (out, start, end)", s.fill);
    if (names.has(layout.name)) throw rangeError(fn, `${what()}.name`, "a name not used by an earlier tensor", layout.name);
    names.add(layout.name);
    return { source: t as S, ...layout };
  });
}

export interface CheckedOptions {
  metadata: Record<string, string> | undefined;
  chunkBytes: number;
  shared: boolean;
  onProgress: ((p: never) => void) | undefined;
  signal: AbortSignal | undefined;
}

const KNOWN = ["metadata", "chunkBytes", "shared", "onProgress", "signal"];

/** Checks the writer's options; `fallbackChunk` is the default chunk size. */
export function checkWriteOptions(fn: string, options: unknown, fallbackChunk: number, known: readonly string[] = KNOWN): CheckedOptions {
  if (options === undefined) return { metadata: undefined, chunkBytes: fallbackChunk, shared: false, onProgress: undefined, signal: undefined };
  if (!isPlainObject(options)) throw typeError(fn, "options", "a plain object or undefined", options);
  for (const key of Object.keys(options)) if (!known.includes(key)) throw rangeError(fn, "options", `an object with keys among ${known.join(", ")}`, key);
  const { metadata, chunkBytes, shared, onProgress, signal } = options as Record<string, unknown>;
  return {
    metadata: checkMetadata(fn, metadata),
    chunkBytes: checkChunkBytes(fn, chunkBytes, fallbackChunk),
    shared: checkFlag(fn, "options.shared", shared),
    onProgress: checkCallback(fn, onProgress),
    signal: checkSignal(fn, signal),
  };
}

export function checkMetadata(fn: string, metadata: unknown): Record<string, string> | undefined {
  if (metadata === undefined) return undefined;
  if (!isPlainObject(metadata)) throw typeError(fn, "options.metadata", "a plain object of string values", metadata);
  for (const [k, v] of Object.entries(metadata)) {
    if (typeof v !== "string") throw typeError(fn, `options.metadata.${k}`, "a string (safetensors metadata maps strings to strings)", v);
  }
  return { ...(metadata as Record<string, string>) };
}

function checkChunkBytes(fn: string, value: unknown, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== "number") throw typeError(fn, "options.chunkBytes", "a number of bytes", value);
  if (!Number.isSafeInteger(value) || value < 1 || value > 2 ** 30) throw rangeError(fn, "options.chunkBytes", "an integer from 1 to 2^30", value);
  // whole 8-byte elements, at least 64 bytes
  return Math.max(64, Math.floor(value / 8) * 8);
}

function checkFlag(fn: string, name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== "boolean") throw typeError(fn, name, "a boolean", value);
  return value;
}

function checkCallback(fn: string, value: unknown): ((p: never) => void) | undefined {
  if (value !== undefined && typeof value !== "function") throw typeError(fn, "options.onProgress", "a function", value);
  return value as ((p: never) => void) | undefined;
}

export function checkSignal(fn: string, value: unknown): AbortSignal | undefined {
  if (value === undefined) return undefined;
  const ok = value !== null && typeof value === "object" && typeof (value as AbortSignal).aborted === "boolean" && typeof (value as AbortSignal).addEventListener === "function";
  if (!ok) throw typeError(fn, "options.signal", "an AbortSignal", value);
  return value as AbortSignal;
}

