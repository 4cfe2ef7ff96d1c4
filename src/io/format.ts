// The safetensors layout (https://github.com/huggingface/safetensors, "Format"): an 8-byte
// little-endian header length N, N bytes of UTF-8 JSON
//   { "__metadata__": { string: string }, name: { "dtype", "shape", "data_offsets": [begin, end] } }
// padded with spaces, then the tensors' bytes, offsets relative to the end of the header, with no
// gaps and no overlaps. This file builds and checks headers; it does no I/O.

import type { Dtype } from "../dtype.js";
import { SAFETENSORS_DTYPE_BITS, DTYPE_CODE, byteLengthOf, type DtypeWord, type SafetensorsDtype } from "./dtypes.js";
import { MAX_NESTING, nestsTooDeep, scanHeaderText } from "./json-scan.js";

export { SAFETENSORS_DTYPE_BITS, type SafetensorsDtype };

/**
 * The element size in bytes of the dtypes whose elements are whole bytes (F4 and the F6 types are not: see SAFETENSORS_DTYPE_BITS).
 *
 * @example
 * ```ts
 * import { SAFETENSORS_DTYPE_BYTES } from "nninit/checkpoint";
 * console.log(SAFETENSORS_DTYPE_BYTES.F32, SAFETENSORS_DTYPE_BYTES.BF16); // 4 2
 * ```
 */
export const SAFETENSORS_DTYPE_BYTES = {
  BOOL: 1, U8: 1, I8: 1, F8_E5M2: 1, F8_E4M3: 1, F8_E8M0: 1, I16: 2, U16: 2, F16: 2, BF16: 2,
  I32: 4, U32: 4, F32: 4, F64: 8, I64: 8, U64: 8, C64: 8,
} as const;

/** What the writer stores: nninit's dtypes, and int64 for counters (BatchNorm's num_batches_tracked). */
export type StoredDtype = Dtype | "int64";

/**
 * The safetensors code of each dtype word (float32 -> F32, ...) and code (F32 -> F32).
 *
 * @example
 * ```ts
 * import { SAFETENSORS_DTYPE } from "nninit/checkpoint";
 * console.log(SAFETENSORS_DTYPE.float32, SAFETENSORS_DTYPE.bfloat16, SAFETENSORS_DTYPE.F16); // F32 BF16 F16
 * ```
 */
export const SAFETENSORS_DTYPE: Record<DtypeWord | SafetensorsDtype, SafetensorsDtype> = DTYPE_CODE;

/**
 * The largest header the reader accepts (the reference implementation's limit).
 *
 * @example
 * ```ts
 * import { MAX_HEADER_BYTES } from "nninit/checkpoint";
 * console.log(MAX_HEADER_BYTES); // 100000000: a longer header is refused with a SafetensorsFormatError
 * ```
 */
export const MAX_HEADER_BYTES = 100_000_000;

/** One tensor of a header, offsets relative to the start of the data. */
export interface HeaderEntry {
  name: string;
  dtype: SafetensorsDtype;
  shape: number[];
  begin: number;
  end: number;
}

/** A parsed header: entries in data order, the metadata, and where the data starts in the file. */
export interface SafetensorsHeader {
  entries: HeaderEntry[];
  metadata: Record<string, string>;
  /** 8 + the JSON's length: the byte offset of the data in the file. */
  dataStart: number;
  /** Bytes of tensor data. */
  dataBytes: number;
}

/** What the writer needs to know of a tensor to place it. */
export interface TensorLayout {
  name: string;
  dtype: SafetensorsDtype;
  shape: readonly number[];
}

/**
 * An error in a file's structure: the file is not a valid safetensors file. The message starts
 * with the file's name as the caller gave it, when the reader knew it (`file`).
 *
 * @example
 * ```ts
 * import { bytesSource, safeOpen, SafetensorsFormatError } from "nninit/checkpoint";
 * try {
 *   await safeOpen(bytesSource(new Uint8Array([1, 2, 3]), "broken.safetensors"));
 * } catch (e) {
 *   console.log(e instanceof SafetensorsFormatError, (e as Error).message); // true "broken.safetensors: ..."
 * }
 * ```
 */
export class SafetensorsFormatError extends Error {
  override name = "SafetensorsFormatError";
  /** The file (or shard) the error is about, as given; undefined for bytes without a name. */
  file?: string;
  constructor(message: string, file?: string) {
    super(file === undefined ? message : `${file}: ${message}`);
    if (file !== undefined) this.file = file;
  }
}

function elements(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Bytes of a tensor's data (NaN when its elements do not fill whole bytes).
 *
 * @example
 * ```ts
 * import { tensorBytes } from "nninit/checkpoint";
 * console.log(tensorBytes({ name: "w", dtype: "BF16", shape: [768, 768] })); // 1179648
 * ```
 */
export function tensorBytes(t: TensorLayout): number {
  return byteLengthOf(t.dtype, elements(t.shape)) ?? Number.NaN;
}

/**
 * The header bytes (length prefix + JSON padded with spaces to a multiple of 8, so the data
 * starts 8-aligned) for tensors stored back to back in the given order, and their entries.
 *
 * @example
 * ```ts
 * import { encodeHeader } from "nninit/checkpoint";
 * const { bytes, entries } = encodeHeader([{ name: "w", dtype: "F32", shape: [2, 3] }], { format: "pt" });
 * console.log(bytes.length % 8, entries[0]); // 0 { name: "w", dtype: "F32", shape: [2, 3], begin: 0, end: 24 }
 * ```
 */
export function encodeHeader(tensors: readonly TensorLayout[], metadata: Record<string, string> = {}): { bytes: Uint8Array; entries: HeaderEntry[] } {
  const names = new Set<string>();
  // The JSON is joined from parts, not stringified from one object: an object with 100,000s of
  // keys is slow to build, and would put integer-like names ("0", "1") first.
  const parts: string[] = [];
  if (Object.keys(metadata).length > 0) parts.push(`"__metadata__":${JSON.stringify(metadata)}`);
  const entries: HeaderEntry[] = [];
  let at = 0;
  for (const t of tensors) {
    if (t.name === "__metadata__" || names.has(t.name)) throw new RangeError(`writeSafetensors: tensor name ${JSON.stringify(t.name)} is used twice or reserved`);
    names.add(t.name);
    const end = at + tensorBytes(t);
    parts.push(`${JSON.stringify(t.name)}:{"dtype":"${t.dtype}","shape":[${t.shape.join(",")}],"data_offsets":[${at},${end}]}`);
    entries.push({ name: t.name, dtype: t.dtype, shape: [...t.shape], begin: at, end });
    at = end;
  }
  const text = new TextEncoder().encode(`{${parts.join(",")}}`);
  const padded = Math.ceil(text.length / 8) * 8;
  const bytes = new Uint8Array(8 + padded).fill(0x20, 8 + text.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(padded), true);
  bytes.set(text, 8);
  return { bytes, entries };
}

/** Reads the 8-byte header length, checking it against the file size and the limit. */
export function headerLength(prefix: Uint8Array, fileSize: number, file?: string): number {
  if (fileSize < 8) throw new SafetensorsFormatError(`not a safetensors file: ${fileSize} bytes, fewer than the 8-byte header length`, file);
  const n = new DataView(prefix.buffer, prefix.byteOffset, 8).getBigUint64(0, true);
  if (n > BigInt(MAX_HEADER_BYTES)) throw new SafetensorsFormatError(`header length ${n} is over the ${MAX_HEADER_BYTES}-byte limit`, file);
  if (8n + n > BigInt(fileSize)) throw new SafetensorsFormatError(`header length ${n} runs past the end of the ${fileSize}-byte file`, file);
  return Number(n);
}

/**
 * Parses and checks a header as the reference reader does: valid UTF-8 (a byte-order mark is not
 * whitespace: refused), one JSON object, each tensor name once, known dtypes, integer shapes,
 * offsets that match each shape and tile [0, file size - data start) exactly (no gap, overlap or
 * disorder). `file` names the file in errors. Stricter than the reference on one point: it keeps
 * the last of two entries with the same name, this refuses the file.
 */
export function parseHeader(json: Uint8Array, fileSize: number, file?: string): SafetensorsHeader {
  const fail = (message: string) => new SafetensorsFormatError(message, file);
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(json);
  } catch {
    throw fail("the header is not valid UTF-8");
  }
  if (nestsTooDeep(text)) throw fail(`the header nests arrays and objects more than ${MAX_NESTING} levels deep (the reference reader's limit)`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    throw fail(`the header is not valid JSON (${(e as Error).message})`);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) throw fail("the header is not a JSON object");
  const dataStart = 8 + json.length;
  const metadata: Record<string, string> = {};
  const entries: HeaderEntry[] = [];
  for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
    if (name === "__metadata__") {
      if (value === null) continue; // the reference reads null as no metadata
      if (typeof value !== "object" || Array.isArray(value)) throw fail("__metadata__ is not an object");
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v !== "string") throw fail(`__metadata__.${k} is not a string`);
        metadata[k] = v;
      }
      continue;
    }
    entries.push(parseEntry(name, value, fail));
  }
  const problem = scanHeaderText(text);
  if (problem) throw fail(problem);
  entries.sort((a, b) => a.begin - b.begin || a.end - b.end);
  let at = 0;
  for (const e of entries) {
    if (e.begin !== at) {
      throw fail(e.begin < at
        ? `tensor ${JSON.stringify(e.name)} at bytes [${e.begin}, ${e.end}) overlaps the previous tensor (which ends at ${at})`
        : `tensor ${JSON.stringify(e.name)} starts at byte ${e.begin}, leaving a gap after byte ${at}`);
    }
    at = e.end;
  }
  const dataBytes = fileSize - dataStart;
  if (at !== dataBytes) {
    throw fail(at > dataBytes
      ? `the tensors need ${at} bytes of data but the file holds ${dataBytes} after its header (truncated file?)`
      : `the file has ${dataBytes - at} bytes after the last tensor`);
  }
  return { entries, metadata, dataStart, dataBytes };
}

function parseEntry(name: string, value: unknown, fail: (message: string) => Error): HeaderEntry {
  const where = `tensor ${JSON.stringify(name)}`;
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw fail(`${where} is not an object`);
  const { dtype, shape, data_offsets: offsets } = value as Record<string, unknown>;
  if (typeof dtype !== "string" || !Object.hasOwn(SAFETENSORS_DTYPE_BITS, dtype)) {
    throw fail(`${where} has dtype ${JSON.stringify(dtype)}; expected one of ${Object.keys(SAFETENSORS_DTYPE_BITS).join(", ")}`);
  }
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && d >= 0)) {
    throw fail(`${where} has shape ${JSON.stringify(shape)}; expected an array of non-negative integers`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((d) => Number.isSafeInteger(d) && d >= 0) || offsets[0] > offsets[1]) {
    throw fail(`${where} has data_offsets ${JSON.stringify(offsets)}; expected [begin, end] with 0 <= begin <= end`);
  }
  const entry: HeaderEntry = { name, dtype: dtype as SafetensorsDtype, shape: shape as number[], begin: offsets[0], end: offsets[1] };
  const count = elements(entry.shape);
  if (!Number.isSafeInteger(count * SAFETENSORS_DTYPE_BITS[entry.dtype])) throw fail(`${where} has shape ${JSON.stringify(shape)}, too many elements to address`);
  const want = tensorBytes(entry);
  if (Number.isNaN(want)) throw fail(`${where}: ${count} elements of ${dtype} do not fill whole bytes`);
  if (entry.end - entry.begin !== want) {
    throw fail(`${where}: data_offsets [${entry.begin}, ${entry.end}] hold ${entry.end - entry.begin} bytes, but ${dtype} ${JSON.stringify(shape)} needs ${want}`);
  }
  return entry;
}
