// The probe's activation functions and their derivatives, in float64 (results are stored in
// float32 arrays). Constants: SELU from Klambauer et al. 2017 (eq. 14); GELU is the exact
// x Phi(x) of Hendrycks & Gimpel 2016, not the tanh approximation.

/**
 * The activations `probe` and `compareTraining` take, by name (GELU is the exact x Phi(x)).
 *
 * @example
 * ```ts
 * import { ACTIVATIONS, probe } from "nninit/probe";
 * console.log(ACTIVATIONS); // [ "linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu", "gelu" ]
 * for (const activation of ACTIVATIONS) probe({ layers: 3, width: 32, batch: 16, activation });
 * ```
 */
export const ACTIVATIONS = ["linear", "sigmoid", "tanh", "relu", "leaky_relu", "selu", "gelu"] as const;
/** One of {@link ACTIVATIONS}. */
export type Activation = (typeof ACTIVATIONS)[number];

const SELU_LAMBDA = 1.0507009873554805;
const SELU_ALPHA = 1.6732632423543772;
const INV_SQRT2 = 0.7071067811865476;
const INV_SQRT_2PI = 0.3989422804014327;

/**
 * erf(x) to 1.2e-7 absolute (below float32's resolution of the results).
 * see: Numerical Recipes (3rd ed.), 6.2.2, erfc by Chebyshev fit, "erfccheb"-style rational form
 * (W. J. Cody's coefficients as in the 2nd ed. `erfcc`, fractional error < 1.2e-7).
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
    t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
    t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? 1 - r : r - 1;
}

/** f(x) and f'(x) of an activation; `slope` is leaky_relu's negative slope. */
export function activationOf(name: Activation, slope: number): { f: (x: number) => number; df: (x: number) => number } {
  switch (name) {
    case "linear": return { f: (x) => x, df: () => 1 };
    case "sigmoid": return {
      f: (x) => 1 / (1 + Math.exp(-x)),
      df: (x) => { const s = 1 / (1 + Math.exp(-x)); return s * (1 - s); },
    };
    case "tanh": return { f: Math.tanh, df: (x) => { const t = Math.tanh(x); return 1 - t * t; } };
    case "relu": return { f: (x) => (x > 0 ? x : 0), df: (x) => (x > 0 ? 1 : 0) };
    case "leaky_relu": return { f: (x) => (x > 0 ? x : slope * x), df: (x) => (x > 0 ? 1 : slope) };
    case "selu": return {
      f: (x) => SELU_LAMBDA * (x > 0 ? x : SELU_ALPHA * Math.expm1(x)),
      df: (x) => SELU_LAMBDA * (x > 0 ? 1 : SELU_ALPHA * Math.exp(x)),
    };
    case "gelu": return {
      f: (x) => 0.5 * x * (1 + erf(x * INV_SQRT2)),
      df: (x) => 0.5 * (1 + erf(x * INV_SQRT2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x),
    };
  }
}

/** Whether an activation value counts as saturated (derivative below about 2% of its peak); null if f never saturates. */
export function saturationOf(name: Activation): ((y: number) => boolean) | null {
  if (name === "tanh") return (y) => Math.abs(y) > 0.99;
  if (name === "sigmoid") return (y) => y < 0.01 || y > 0.99;
  return null;
}
