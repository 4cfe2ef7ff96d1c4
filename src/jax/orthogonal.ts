// jax.nn.initializers.orthogonal and delta_orthogonal on JAX's normal draw: z = normal(key,
// (max(n, m), min(n, m))), Q of its QR times sign(diag R), transposed when n < m, then reshaped
// and moved to column_axis as JAX does. The normals are JAX's bit for bit; the QR is nninit's
// Householder kernel (src/linalg/qr.ts), so Q agrees with LAPACK's to float32 rounding only.

import { normal } from "./random.js";
import type { JaxKey } from "./key.js";
import { orthogonalize } from "../linalg/qr.js";
import { numel, stridesOf } from "../shape.js";
import { rangeError } from "../validate.js";

const fr = Math.fround;

function axisIndex(fn: string, dims: readonly number[], axis: number): number {
  const i = axis < 0 ? dims.length + axis : axis;
  if (i < 0 || i >= dims.length) throw rangeError(fn, "columnAxis", `an axis of a ${dims.length}-d shape`, axis);
  return i;
}

/** The n x m orthogonal matrix JAX's random.orthogonal(key, n, (), m) gives, row-major. */
function orthogonalMatrix(key: JaxKey, n: number, m: number): Float32Array {
  const big = Math.max(n, m), small = Math.min(n, m);
  const z = normal(key, [big, small]);
  // orthogonalize factorizes g (rows >= cols) or g^T: for n < m JAX factorizes z (m x n) and
  // transposes Q, which is orthogonalize of g = z^T (n x m).
  let g = z;
  if (n < m) {
    g = new Float32Array(n * m);
    for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) g[j * m + i] = z[i * n + j];
  }
  const out = new Float32Array(n * m);
  orthogonalize(g, n, m, 1, out);
  return out;
}

/** Checks orthogonal's shape and column axis (what jaxOrthogonal refuses, without computing); the column axis's index. */
export function checkOrthogonal(fn: string, dims: readonly number[], columnAxis: number): number {
  if (dims.length < 2) throw rangeError(fn, "shape", "at least 2-d", dims);
  return axisIndex(fn, dims, columnAxis);
}

export function jaxOrthogonal(fn: string, key: JaxKey, dims: readonly number[], scale: number, columnAxis: number): Float32Array {
  const col = checkOrthogonal(fn, dims, columnAxis);
  const total = numel(dims);
  if (total === 0) return new Float32Array(0);
  const nCols = dims[col], nRows = total / nCols;
  const q = orthogonalMatrix(key, nRows, nCols);
  for (let i = 0; i < q.length; i++) q[i] = fr(scale * q[i]);
  if (col === dims.length - 1) return q;
  // q is laid out as (dims without col..., nCols); move its last axis to position col.
  const out = new Float32Array(total);
  const strides = stridesOf(dims);
  const rest = dims.filter((_, i) => i !== col);
  const idx = new Array<number>(rest.length).fill(0);
  for (let r = 0; r < nRows; r++) {
    let base = 0;
    for (let a = 0, d = 0; a < dims.length; a++) if (a !== col) base += idx[d++] * strides[a];
    for (let c = 0; c < nCols; c++) out[base + c * strides[col]] = q[r * nCols + c];
    for (let d = rest.length - 1; d >= 0; d--) {
      if (++idx[d] < rest[d]) break;
      idx[d] = 0;
    }
  }
  return out;
}

/** Checks delta_orthogonal's shape and column axis (what jaxDeltaOrthogonal refuses, without computing). */
export function checkDeltaOrthogonal(dims: readonly number[], columnAxis: number): void {
  const fn = "deltaOrthogonal";
  if (dims.length < 3 || dims.length > 5) throw rangeError(fn, "shape", "3-d, 4-d or 5-d", dims);
  const cin = dims[dims.length - 2], cout = dims[dims.length - 1];
  if (cout < cin) throw rangeError(fn, "shape", "a shape whose last dimension (fan_out) is at least the one before (fan_in)", dims);
  checkOrthogonal(fn, [cin, cout], columnAxis);
}

export function jaxDeltaOrthogonal(key: JaxKey, dims: readonly number[], scale: number, columnAxis: number): Float32Array {
  const fn = "deltaOrthogonal";
  checkDeltaOrthogonal(dims, columnAxis);
  const cin = dims[dims.length - 2], cout = dims[dims.length - 1];
  const q = jaxOrthogonal(fn, key, [cin, cout], scale, columnAxis);
  const out = new Float32Array(numel(dims));
  let centre = 0;
  const strides = stridesOf(dims);
  for (let a = 0; a < dims.length - 2; a++) centre += Math.floor((dims[a] - 1) / 2) * strides[a];
  out.set(q, centre);
  return out;
}
