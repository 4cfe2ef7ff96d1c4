// torch.nn.init.trunc_normal_ as torch >= 2.12 runs it (torch/nn/init.py, _no_grad_trunc_normal_).
// It no longer uses erfinv; with p = Phi(b') - Phi(a') the mass of [a, b] under N(mean, std^2):
//   p > 0.3: normal_(mean, std) on the whole tensor; then, while any value lies outside
//     [lo, hi] (a and b cast to the tensor's dtype), a fresh whole-tensor normal_ and
//     torch.where(out of range, fresh, old). Each redraw costs a full normal_'s words.
//   p <= 0.3: uniform_(a, b) candidates and a second uniform_() u per element; a candidate c is
//     rejected while log(u) > log_pdf(c) - log_peak, computed in float32 as torch's in-place ops
//     do: ((c - mean) / std)^2 * -0.5 - log_peak, with mean, std and log_peak rounded to float32.
//     Rejected elements take the next round's candidate; every round draws 2 n words.
// A mean more than 2 std outside [a, b] makes torch warn (the values follow the same rules).
// The values are float32 (a half dtype rounds them afterwards, as everywhere in nninit/torch).

import { normCdf } from "./erfinv.js";

/** The draws trunc_normal_ makes, on the generator's state (words counted by the caller). */
export interface TorchDraws {
  /** normal_(mean, std) of a contiguous float32 tensor of `out.length` elements. */
  normal(out: Float32Array, mean: number, std: number): void;
  /** A whole-tensor normal_ of `numel` elements of which only the `count` sorted positions `idx` are kept, into `vals`. */
  normalAt(numel: number, idx: Int32Array, count: number, vals: Float32Array, mean: number, std: number): void;
  /** uniform_(a, b) of a float32 tensor of `out.length` elements. */
  uniform(out: Float32Array, a: number, b: number): void;
}

const fr = Math.fround;

let warned = false;
/** Python's warnings.warn shows a warning once per call site; here once per process. */
function warnFarMean(): void {
  if (warned) return;
  warned = true;
  const message = "mean is more than 2 std from [a, b] in trunc_normal_ (torch >= 2.12 semantics); the distribution of values may be incorrect";
  const proc = (globalThis as { process?: { emitWarning?: (m: string, type: string) => void } }).process;
  if (typeof proc?.emitWarning === "function") proc.emitWarning(message, "UserWarning");
  else console.warn(message);
}

/** Whether torch >= 2.12 takes the normal_-and-redraw branch (p > 0.3) for these parameters. */
export function redrawBranch(mean: number, std: number, a: number, b: number): boolean {
  return normCdf((b - mean) / std) - normCdf((a - mean) / std) > 0.3;
}

/** trunc_normal_(out, mean, std, a, b) with torch >= 2.12's rules: out is the whole float32 tensor. */
export function truncNormalRedraw(g: TorchDraws, out: Float32Array, mean: number, std: number, a: number, b: number): void {
  if (mean < a - 2 * std || mean > b + 2 * std) warnFarMean();
  if (redrawBranch(mean, std, a, b)) byRedraws(g, out, mean, std, fr(a), fr(b));
  else byRejection(g, out, mean, std, a, b);
}

/** p > 0.3: normal_, then whole-tensor redraws kept where the value is outside [lo, hi]. */
function byRedraws(g: TorchDraws, out: Float32Array, mean: number, std: number, lo: number, hi: number): void {
  g.normal(out, mean, std);
  const n = out.length;
  let idx: Int32Array = new Int32Array(16);
  let count = 0;
  for (let i = 0; i < n; i++) {
    const v = out[i];
    if (v < lo || v > hi) {
      if (count === idx.length) idx = grow(idx);
      idx[count++] = i;
    }
  }
  const vals = new Float32Array(idx.length);
  while (count > 0) {
    g.normalAt(n, idx, count, vals, mean, std);
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const v = vals[k];
      out[idx[k]] = v;
      if (v < lo || v > hi) idx[kept++] = idx[k];
    }
    count = kept;
  }
}

function grow(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

/** p <= 0.3: uniform_(a, b) candidates accepted when log(uniform_()) <= log_pdf(c) - log_peak. */
function byRejection(g: TorchDraws, out: Float32Array, mean: number, std: number, a: number, b: number): void {
  const n = out.length;
  const mode = Math.max(a, Math.min(mean, b));
  const logPeak = -0.5 * ((mode - mean) / std) ** 2;
  const m = fr(mean), s = fr(std), peak = fr(logPeak);
  // candidates.sub_(mean).div_(std).pow_(2).mul_(-0.5).sub_(log_peak), each op rounded to float32.
  const logPdf = (c: number): number => {
    const z = fr(fr(c - m) / s);
    return fr(fr(fr(z * z) * -0.5) - peak);
  };
  const u = new Float32Array(n);
  g.uniform(out, a, b);
  g.uniform(u, 0, 1);
  let pending: Int32Array = new Int32Array(16);
  let count = 0;
  for (let i = 0; i < n; i++) {
    if (fr(Math.log(u[i])) > logPdf(out[i])) {
      if (count === pending.length) pending = grow(pending);
      pending[count++] = i;
    }
  }
  const cand = count > 0 ? new Float32Array(n) : u;
  while (count > 0) {
    g.uniform(cand, a, b);
    g.uniform(u, 0, 1);
    let kept = 0;
    for (let k = 0; k < count; k++) {
      const i = pending[k], c = cand[i];
      out[i] = c;
      if (fr(Math.log(u[i])) > logPdf(c)) pending[kept++] = i;
    }
    count = kept;
  }
}
