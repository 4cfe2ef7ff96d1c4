// torch's float32 erfinv (calc_erfinv in aten/src/ATen/native/Math.h: a rational first guess,
// then two Newton steps that call libm's erff and expf) and the double norm_cdf of
// torch.nn.init.trunc_normal_. libm is not correctly rounded and differs between C libraries,
// so these match torch within a few float32 ulps, not bit for bit (the bound the tests measure
// is stated in README "Same weights as PyTorch").

import { cdfCentered } from "../random/normal-cdf.js";

const fr = Math.fround;

/** erf(x) in float64 from the normal CDF: erf(x) = 2 (Phi(x sqrt 2) - 1/2); a few ulps. */
export function erf(x: number): number {
  return 2 * cdfCentered(x * Math.SQRT2);
}

/** Python's `(1. + math.erf(x / math.sqrt(2.))) / 2.` (trunc_normal_'s norm_cdf). */
export function normCdf(x: number): number {
  return (1 + erf(x / Math.SQRT2)) / 2;
}

/** erff, expf, logf: the float64 function rounded once (within 1 ulp of glibc's). */
const erff = (x: number) => fr(erf(x));
const expf = (x: number) => fr(Math.exp(x));
const logf = (x: number) => fr(Math.log(x));

/** fma(a, b, c) rounded once to float32: exact product in float64, one add, round (see the note below). */
function fmaf(a: number, b: number, c: number): number {
  // Not bit-exact in the rare double-rounding cases, which is below the libm differences here.
  return fr(a * b + c);
}

const A = [0.886226899, -1.645349621, 0.914624893, -0.140543331].map(fr);
const B = [-2.118377725, 1.442710462, -0.329097515, 0.012229801].map(fr);
const Cc = [-1.970840454, -1.624906493, 3.429567803, 1.641345311].map(fr);
const D = [3.5438892, 1.6370678].map(fr);
const CENTRAL = fr(0.7);
/** float(2) / float(sqrt(pi)) */
const TWO_OVER_SQRT_PI = fr(2 / fr(Math.sqrt(Math.PI)));

/**
 * calc_erfinv<float>(y). `fused`: the polynomials' multiply-adds as fmas (GCC contracts them in
 * torch's AVX2 kernel build) or rounded separately (the DEFAULT build).
 */
export function erfinvf(y: number, fused: boolean): number {
  const madd = fused ? fmaf : (a: number, b: number, c: number) => fr(fr(a * b) + c);
  const yAbs = Math.abs(y);
  if (yAbs > 1) return NaN;
  if (yAbs === 1) return y > 0 ? Infinity : -Infinity;
  let x: number;
  if (yAbs <= CENTRAL) {
    const z = fr(y * y);
    const num = madd(madd(madd(A[3], z, A[2]), z, A[1]), z, A[0]);
    const dem = madd(madd(madd(madd(B[3], z, B[2]), z, B[1]), z, B[0]), z, 1);
    x = fr(fr(y * num) / dem);
  } else {
    const z = fr(Math.sqrt(fr(-logf(fr(fr(1 - yAbs) / 2)))));
    const num = madd(madd(madd(Cc[3], z, Cc[2]), z, Cc[1]), z, Cc[0]);
    const dem = madd(madd(D[1], z, D[0]), z, 1);
    const negative = y < 0 || Object.is(y, -0);
    x = fr((negative ? -Math.abs(num) : Math.abs(num)) / dem); // std::copysign(num, y) / dem
  }
  for (let step = 0; step < 2; step++) {
    x = fr(x - fr(fr(erff(x) - y) / fr(TWO_OVER_SQRT_PI * expf(fr(-fr(x * x))))));
  }
  return x;
}
