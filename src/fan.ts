// Fans and gains: the one place that knows which axes of a weight are its inputs and outputs,
// and how much each nonlinearity shrinks or grows the signal. Every initializer that scales by
// a fan or a gain goes through here.

import { dimsOf, type Shape } from "./shape.js";
import { typeError, rangeError, integer, oneOf, finiteNumber, show, isPlainObject, ownEntries } from "./validate.js";

/**
 * Where the input and output axes of a weight are:
 * - `"torch"`: `[out, in, ...kernel]` (torch.nn.Linear, ConvNd);
 * - `"keras"`: `[...kernel, in, out]` (Keras Dense, ConvND, JAX/Flax);
 * - `{ inAxis, outAxis }`: any other arrangement; negative axes count from the end. The
 *   receptive field is the product of all the other dimensions.
 */
export type Layout = "torch" | "keras" | { readonly inAxis: number; readonly outAxis: number };

/** Input and output axes of an n-dimensional weight, both in [0, ndim). */
export interface Axes {
  inAxis: number;
  outAxis: number;
}

const LAYOUT_EXPECTED = '"torch", "keras" or { inAxis, outAxis }';

/**
 * The input and output axes of a weight with dimensions `dims` under `layout`. Throws when the
 * tensor has fewer than 2 dimensions (no fans, as in torch).
 */
export function axesOf(fn: string, dims: readonly number[], layout: unknown = "torch"): Axes {
  const ndim = dims.length;
  if (layout === "torch" || layout === "keras") {
    if (ndim < 2) {
      throw rangeError(fn, "shape", `at least 2-D (an input and an output axis in the ${layout} layout)`, dims);
    }
    return layout === "torch" ? { inAxis: 1, outAxis: 0 } : { inAxis: ndim - 2, outAxis: ndim - 1 };
  }
  if (typeof layout === "string") throw rangeError(fn, "layout", LAYOUT_EXPECTED, layout);
  if (!isPlainObject(layout)) throw typeError(fn, "layout", LAYOUT_EXPECTED, layout);
  const { inAxis, outAxis } = ownEntries(fn, "layout", layout);
  const axis = (name: string, value: unknown) => {
    if (ndim < 2) throw rangeError(fn, "shape", "at least 2-D (an input and an output axis)", dims);
    const a = integer(fn, `layout.${name}`, value, -ndim, ndim - 1);
    return a < 0 ? a + ndim : a;
  };
  const axes = { inAxis: axis("inAxis", inAxis), outAxis: axis("outAxis", outAxis) };
  if (axes.inAxis === axes.outAxis) {
    throw new RangeError(`${fn}: layout must name two different axes, got { inAxis: ${show(inAxis)}, outAxis: ${show(outAxis)} }`);
  }
  return axes;
}

/** Product of the dimensions other than the input and output axes. */
function receptiveField(dims: readonly number[], axes: Axes): number {
  let size = 1;
  for (let i = 0; i < dims.length; i++) if (i !== axes.inAxis && i !== axes.outAxis) size *= dims[i];
  return size;
}

/**
 * [fanIn, fanOut] of validated dimensions. Keras's rules for 0-D and 1-D shapes apply in the
 * keras layout (a scalar has fans 1 and 1, a vector of n has n and n); the other layouts need
 * 2 dimensions, as in torch.
 */
export function fansOf(fn: string, dims: readonly number[], layout: unknown = "torch"): [fanIn: number, fanOut: number] {
  if (layout === "keras" && dims.length < 2) {
    const n = dims.length === 0 ? 1 : dims[0];
    return [n, n];
  }
  const axes = axesOf(fn, dims, layout);
  const field = receptiveField(dims, axes);
  return [dims[axes.inAxis] * field, dims[axes.outAxis] * field];
}

/**
 * Fan in and fan out of a weight (torch `_calculate_fan_in_and_fan_out`): the input and output
 * feature counts times the receptive field, the product of the remaining (kernel) dimensions.
 *
 * @example
 * ```ts
 * import { calculateFanInAndFanOut } from "nninit";
 * console.log(calculateFanInAndFanOut([64, 3, 7, 7]));              // [147, 3136]  torch Conv2d
 * console.log(calculateFanInAndFanOut([7, 7, 3, 64], "keras"));     // [147, 3136]  Keras Conv2D
 * console.log(calculateFanInAndFanOut([3, 64], { inAxis: 0, outAxis: 1 })); // [3, 64]
 * ```
 */
export function calculateFanInAndFanOut(shape: Shape, layout: Layout = "torch"): [fanIn: number, fanOut: number] {
  const fn = "calculateFanInAndFanOut";
  return fansOf(fn, dimsOf(fn, shape), layout ?? "torch");
}

/** The nonlinearities `calculateGain` knows (torch's names). */
export type Nonlinearity =
  | "linear" | "conv1d" | "conv2d" | "conv3d" | "conv_transpose1d" | "conv_transpose2d" | "conv_transpose3d"
  | "sigmoid" | "tanh" | "relu" | "leaky_relu" | "selu";

export const NONLINEARITIES: readonly Nonlinearity[] = [
  "linear", "conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
  "sigmoid", "tanh", "relu", "leaky_relu", "selu",
];

/**
 * The recommended gain for a nonlinearity (torch `calculate_gain`): 1 for the linear and
 * convolution names and sigmoid, 5/3 for tanh, sqrt(2) for relu, sqrt(2 / (1 + slope^2)) for
 * leaky_relu (slope `param`, default 0.01), 3/4 for selu. As in torch, `param` is read only
 * for leaky_relu, and there it must be a number (not a boolean).
 *
 * @example
 * ```ts
 * import { calculateGain } from "nninit";
 * console.log(calculateGain("relu"));            // 1.4142135623730951
 * console.log(calculateGain("leaky_relu", 0.2)); // 1.3867504905630728
 * ```
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  return gainOf("calculateGain", nonlinearity, param, "param");
}

/** calculateGain with the caller's name, and the name of its slope argument for messages. */
export function gainOf(fn: string, nonlinearity: unknown, param: unknown, paramName: string): number {
  const name = oneOf(fn, "nonlinearity", nonlinearity, NONLINEARITIES);
  switch (name) {
    case "tanh": return 5.0 / 3;
    case "relu": return Math.sqrt(2.0);
    case "selu": return 3.0 / 4;
    case "leaky_relu": {
      if (param !== undefined && param !== null && typeof param !== "number") {
        // torch: "negative_slope {param} not a valid number" (booleans are rejected too)
        throw new TypeError(`${fn}: ${paramName} (the negative slope of leaky_relu) must be a number, got ${show(param)}`);
      }
      const slope = param === undefined || param === null ? 0.01 : finiteNumber(fn, paramName, param);
      return Math.sqrt(2.0 / (1 + slope ** 2));
    }
    default: return 1;
  }
}
