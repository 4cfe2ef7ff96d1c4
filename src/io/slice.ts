// Part of a tensor without reading all of it (safetensors' get_slice): a selection per leading
// dimension, the bytes from its first to its last element read in one request, and the selected
// elements gathered out of them. Selecting rows of a matrix reads just those rows.

import { SAFETENSORS_DTYPE_BITS, type SafetensorsDtype } from "./dtypes.js";
import type { ByteSource } from "./read.js";

/** One dimension's selection: an index (the dimension is dropped), [start, end) (Python's rules: negative counts from the end, clamped), or null for all of it. */
export type SliceRange = number | readonly [number?, number?] | null;

interface Entry { name: string; dtype: SafetensorsDtype; shape: readonly number[]; begin: number }

function bounds(fn: string, r: SliceRange, size: number, dim: number): { start: number; count: number; keep: boolean } {
  const int = (x: number | undefined, fallback: number): number => {
    if (x === undefined) return fallback;
    if (!Number.isSafeInteger(x)) throw new RangeError(`${fn}: the bound ${x} of dimension ${dim} is not an integer`);
    return Math.min(size, Math.max(0, x < 0 ? size + x : x));
  };
  if (r === null || r === undefined) return { start: 0, count: size, keep: true };
  if (typeof r === "number") {
    if (!Number.isSafeInteger(r) || r < -size || r >= size) throw new RangeError(`${fn}: index ${r} is out of range for dimension ${dim} of size ${size}`);
    return { start: r < 0 ? size + r : r, count: 1, keep: false };
  }
  if (!Array.isArray(r) || r.length > 2) throw new TypeError(`${fn}: dimension ${dim}'s selection must be an index, [start, end] or null`);
  const start = int(r[0], 0), end = int(r[1], size);
  return { start, count: Math.max(0, end - start), keep: true };
}

/** The selected elements' bytes (row-major) and their shape. */
export async function readSlice(source: ByteSource, dataStart: number, e: Entry, ranges: readonly SliceRange[]): Promise<{ shape: number[]; bytes: Uint8Array }> {
  const fn = "getSlice";
  const bits = SAFETENSORS_DTYPE_BITS[e.dtype];
  if (ranges.length > e.shape.length) throw new RangeError(`${fn}: ${ranges.length} selections for tensor ${JSON.stringify(e.name)} of ${e.shape.length} dimensions`);
  if (bits < 8 && ranges.some((r) => r !== null)) throw new RangeError(`${fn}: ${e.dtype} elements are narrower than a byte; read the whole tensor with getTensor`);
  const unit = bits < 8 ? 1 : bits / 8;
  const sel = e.shape.map((size, d) => bounds(fn, ranges[d] ?? null, size, d));
  const strides = e.shape.map((_, d) => e.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const shape = sel.filter((s) => s.keep).map((s) => s.count);
  const count = sel.reduce((a, s) => a * s.count, 1);
  if (bits < 8) {
    const n = Math.ceil((e.shape.reduce((a, b) => a * b, 1) * bits) / 8);
    return { shape, bytes: await source.read(dataStart + e.begin, n) };
  }
  if (count === 0) return { shape, bytes: new Uint8Array(0) };
  const first = sel.reduce((a, s, d) => a + s.start * strides[d], 0);
  const last = sel.reduce((a, s, d) => a + (s.start + s.count - 1) * strides[d], 0);
  const span = await source.read(dataStart + e.begin + first * unit, (last - first + 1) * unit);
  const out = new Uint8Array(count * unit);
  let at = 0;
  const rank = sel.length;
  const gather = (d: number, offset: number): void => {
    if (d === rank - 1 || rank === 0) {
      const run = (rank === 0 ? 1 : sel[d].count) * unit;
      const from = (offset + (rank === 0 ? 0 : sel[d].start) - first) * unit;
      out.set(span.subarray(from, from + run), at);
      at += run;
      return;
    }
    for (let i = 0; i < sel[d].count; i++) gather(d + 1, offset + (sel[d].start + i) * strides[d]);
  };
  gather(0, 0);
  return { shape, bytes: out };
}
