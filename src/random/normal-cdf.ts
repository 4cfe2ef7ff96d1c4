// The standard normal CDF in float64, accurate to a few ulps in both tails, for the parameters
// of the truncated normal sampler (computed once per call, so speed does not matter here).

const INV_SQRT_2PI = 0.3989422804014327;

function density(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}

/** Phi(x) - 1/2 for |x| <= 3 from the series phi(x) * sum x^(2n+1) / (2n+1)!!, no cancellation. */
function centralPart(x: number): number {
  let term = x;
  let sum = x;
  const x2 = x * x;
  for (let k = 3; k < 200; k += 2) {
    term *= x2 / k;
    sum += term;
    if (Math.abs(term) < 1e-17 * Math.abs(sum)) break;
  }
  return density(x) * sum;
}

/** 1 - Phi(x) for x >= 2 from the continued fraction phi(x) / (x + 1/(x + 2/(x + 3/(x + ...)))). */
function upperTail(x: number): number {
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / f;
  return density(x) / f;
}

/** Phi(x) - 1/2. */
export function cdfCentered(x: number): number {
  if (Math.abs(x) <= 3) return centralPart(x);
  return x > 0 ? 0.5 - upperTail(x) : upperTail(-x) - 0.5;
}

/** Phi(x), with full relative precision for x < 0 (the continued fraction converges to 1e-15 by x = -2 at 120 terms). */
export function cdf(x: number): number {
  if (x < -2) return upperTail(-x);
  return 0.5 + cdfCentered(x);
}

/** 1 - Phi(x), with full relative precision for x > 0. */
export function sf(x: number): number {
  return cdf(-x);
}

/**
 * The interval [alpha, beta] seen from three sides, as the kernel wants it:
 * cLo = Phi(alpha) - 1/2, pLo = Phi(alpha), qHi = 1 - Phi(beta), w = Phi(beta) - Phi(alpha).
 */
export function intervalMass(alpha: number, beta: number): { cLo: number; pLo: number; qHi: number; w: number } {
  const pLo = cdf(alpha);
  const qHi = sf(beta);
  let w: number;
  if (beta <= 0) w = cdf(beta) - pLo;
  else if (alpha >= 0) w = sf(alpha) - qHi;
  else w = cdfCentered(beta) - cdfCentered(alpha);
  return { cLo: cdfCentered(alpha), pLo, qHi, w };
}
