// The three laws that fan-scaled initializers draw from, given their spread: U(-bound, bound),
// N(0, std^2), and Keras's normal truncated at two standard deviations. The torch and Keras
// families only compute the spread from fans and gains, then come here.

import { rangeError, F32_MAX } from "../validate.js";
import { drawRequest, target, output, checkDtypeReach, type Output, type Request } from "./tensor-options.js";
import type { Law } from "./law.js";

/**
 * A zero-mean law of the fan-scaled families, in the catalog's Law vocabulary (./law.ts), made
 * by the three functions below: U(-bound, bound), N(0, std^2), and N(0, std^2) conditioned on
 * [-2 std, 2 std] (Keras, JAX, tf `truncated_normal`).
 */
export type Scaled = Extract<Law, { kind: "uniform" | "normal" | "truncated" }>;

export const scaledUniform = (bound: number): Scaled => ({ kind: "uniform", low: -bound, high: bound });
export const scaledNormal = (std: number): Scaled => ({ kind: "normal", mean: 0, std });
export const scaledTruncated = (std: number): Scaled => ({ kind: "truncated", mean: 0, std, low: -2 * std, high: 2 * std });

/** Largest |x| a law can produce, with room for the uniform's width high - low = 2 bound. */
function reach(s: Scaled): number {
  return s.kind === "uniform" ? 2 * s.high : s.kind === "normal" ? 6 * s.std : 2 * s.std;
}

/**
 * Throws (naming the argument that made it so) when the law's values would leave float32, e.g.
 * a gain of 1e38. Run before anything is written.
 */
export function checkScaled(fn: string, name: string, value: number, s: Scaled): void {
  if (!(reach(s) <= F32_MAX)) throw rangeError(fn, name, "small enough that the values stay within float32 range", value);
}

/**
 * Fills the request from the law; zero-element tensors come back empty without a draw. `blame`
 * names the option that set the spread, for the RangeError of a half dtype the values overflow.
 */
export function sampleScaled<O>(req: Request, s: Scaled, blame: [name: string, value: number] = ["the spread", reach(s)]): Output<O> {
  if (req.numel === 0) return output<O>(req, target(req));
  checkDtypeReach(req, blame[0], blame[1], s.kind === "uniform" ? s.high : reach(s));
  // The generator protocol's names (../random/draw.ts) for the same numbers.
  switch (s.kind) {
    case "uniform": return drawRequest<O>(req, { kind: "uniform", a: s.low, b: s.high });
    case "normal": return drawRequest<O>(req, { kind: "normal", mean: s.mean, std: s.std });
    case "truncated": return drawRequest<O>(req, { kind: "truncNormal", mean: s.mean, std: s.std, a: s.low, b: s.high });
  }
}
