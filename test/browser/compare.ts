// Bitwise comparison of large fills. vitest's toEqual walks typed arrays element by element with
// its generic deep equality (about a second per million elements); this finds the first
// difference with a plain loop and lets toEqual report only the words around it.

import { expect } from "vitest";
import { bits } from "../helpers.js";

/** Index of the first differing word (the shorter length if only the lengths differ), -1 when equal. */
export function firstDifference(a: Uint32Array, b: Uint32Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return a.length === b.length ? -1 : n;
}

/** Asserts that two fills hold the same bits, reporting the first difference. */
export function expectSameBits(got: Float32Array, want: Float32Array, label = ""): void {
  const x = bits(got), y = bits(want);
  const i = firstDifference(x, y);
  if (i >= 0) {
    const at = `${label ? `${label}: ` : ""}first difference at ${i} (lengths ${x.length}, ${y.length})`;
    expect(Array.from(x.subarray(i, i + 4), hex), at).toEqual(Array.from(y.subarray(i, i + 4), hex));
  }
}

const hex = (w: number) => `0x${w.toString(16).padStart(8, "0")}`;
