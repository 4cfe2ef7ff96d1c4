// The one list of initializers. Everything else that needs "every initializer" reads it: the
// public index is checked against it (a test), nninit/tfjs defines its classes from it, fillAsync
// takes its whole-tensor rule from it, the demo its presets and laws, the tests their tables.
//
// Side-effect free on purpose: a plain array of object literals, no call at the top level, so a
// bundler drops it (and every initializer it names) from apps that do not use it.
//
// Adding an initializer: see CONTRIBUTING.md ("Adding an initializer").

import type { Shape } from "../shape.js";
import { typeError, rangeError } from "../validate.js";
import { request, type TensorOptions } from "./tensor-options.js";
import { sparsePoints, type Law } from "./law.js";
import {
  uniform, normal, truncNormal, constant, ones, zeros, uniformPlan, normalPlan, truncNormalPlan, constantPlan,
} from "./distributions.js";
import {
  xavierUniform, xavierNormal, kaimingUniform, kaimingNormal,
  xavierUniformPlan, xavierNormalPlan, kaimingUniformPlan, kaimingNormalPlan,
} from "./torch.js";
import {
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal, varianceScalingPlan,
  GLOROT_UNIFORM, GLOROT_NORMAL, HE_UNIFORM, HE_NORMAL, LECUN_UNIFORM, LECUN_NORMAL,
} from "./keras.js";
import { eye, identity, dirac, identityPlan, diracPlan } from "./identity.js";
import { orthogonal, deltaOrthogonal, orthogonalPlan, deltaOrthogonalPlan } from "./orthogonal.js";
import { sparse, sparsePlan } from "./sparse.js";

/** What nninit/tfjs needs to turn an initializer into a tfjs-layers class. */
export interface TfjsMapping {
  /** The class name (registered for serialization as "nninit>" + className). */
  readonly className: string;
  /**
   * Pass `layout: "keras"` unless the config names one: tfjs-layers stores weights as
   * `[...kernel, in, out]`, and the torch-named functions default to torch's layout.
   */
  readonly kerasLayout?: boolean;
  /**
   * How a tfjs weight shape maps onto the function, when not as is:
   * - "flatten-leading": `[...a, n]` is filled as the matrix `[prod(a), n]` (Keras's orthogonal);
   * - "transpose": a 2-D `[in, out]` weight is the transpose of the function's `[out, in]` (torch's sparse).
   */
  readonly adapt?: "flatten-leading" | "transpose";
  /** A zero-element shape the function accepts, to check a config at construction (default [0, 0]). */
  readonly configShape?: readonly number[];
  /** @deprecated Renamed {@link configShape} ("probe" also names nninit/probe); read only when configShape is absent. */
  readonly probe?: readonly number[];
}

/** One initializer and everything the rest of the package needs to know about it. */
export interface CatalogEntry<O extends TensorOptions = TensorOptions> {
  /** The public name: the function's export name and the name in its error messages. */
  readonly name: string;
  /** The function itself. */
  fn(shape: Shape, options?: O): Float32Array;
  /**
   * "elementwise": element i is a pure function of (options, tape position head + i), so `range`,
   * chunked and parallel fills cost what they produce. "whole-tensor": each value depends on the
   * whole tensor (a QR, a per-column choice), so a slice costs the whole fill.
   */
  readonly kind: "elementwise" | "whole-tensor";
  /** Whether it reads the tape at all (constant, ones, zeros, eye, identity, dirac do not). */
  readonly draws: boolean;
  /** Whose semantics and name it follows. */
  readonly family: "torch" | "keras" | "jax";
  /**
   * The layout its shapes are read in by default: "torch" `[out, in, ...kernel]` or "keras"
   * `[...kernel, in, out]`. Only functions with a `layout` option can be told otherwise.
   */
  readonly layout: "torch" | "keras";
  /** Its nninit/tfjs class. */
  readonly tfjs: TfjsMapping;
  /**
   * The law of each element of `fn(shape, options)`, computed by the function's own option and
   * fan/gain code: what the demo draws and the statistics tests check. Throws like `fn` on bad input.
   */
  law(shape: Shape, options?: O): Law;
  /** One call that suits it (the demo's preset, the tests' default case). */
  readonly example: { readonly shape: readonly number[]; readonly options: Readonly<Record<string, unknown>> };
}

/**
 * Every initializer, torch's first (in torch.nn.init's order), then Keras's and JAX's.
 *
 * @example
 * ```ts
 * import { catalog } from "nninit";
 * for (const e of catalog) console.log(e.name, e.family, e.kind); // "uniform torch elementwise", ...
 * ```
 */
export const catalog = [
  {
    name: "uniform", fn: uniform, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "Uniform" },
    law: (s, o) => { const { a, b } = uniformPlan(s, o); return { kind: "uniform", low: a, high: b }; },
    example: { shape: [256, 256], options: { a: -0.1, b: 0.1 } },
  },
  {
    name: "normal", fn: normal, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "Normal" },
    law: (s, o) => { const { mean, std } = normalPlan(s, o); return { kind: "normal", mean, std }; },
    example: { shape: [50257, 16], options: { std: 0.02 } },
  },
  {
    name: "truncNormal", fn: truncNormal, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "TruncNormal" },
    law: (s, o) => { const { mean, std, a, b } = truncNormalPlan(s, o); return { kind: "truncated", mean, std, low: a, high: b }; },
    example: { shape: [768, 768], options: { std: 0.02, a: -0.04, b: 0.04 } },
  },
  {
    name: "constant", fn: constant, kind: "elementwise", draws: false, family: "torch", layout: "torch",
    tfjs: { className: "Constant" },
    law: (s, o) => ({ kind: "points", points: [{ value: constantPlan(s, o).value, mass: 1 }] }),
    example: { shape: [768], options: { value: 0.5 } },
  },
  {
    name: "ones", fn: ones, kind: "elementwise", draws: false, family: "torch", layout: "torch",
    tfjs: { className: "Ones" },
    law: (s, o) => { request("ones", s, o, []); return { kind: "points", points: [{ value: 1, mass: 1 }] }; },
    example: { shape: [768], options: {} },
  },
  {
    name: "zeros", fn: zeros, kind: "elementwise", draws: false, family: "torch", layout: "torch",
    tfjs: { className: "Zeros" },
    law: (s, o) => { request("zeros", s, o, []); return { kind: "points", points: [{ value: 0, mass: 1 }] }; },
    example: { shape: [768], options: {} },
  },
  {
    name: "eye", fn: eye, kind: "elementwise", draws: false, family: "torch", layout: "torch",
    tfjs: { className: "Eye" },
    law: (s, o) => {
      const { req } = request("eye", s, o, []);
      if (req.dims.length !== 2) throw rangeError("eye", "shape", "a 2-D shape [rows, cols]", s);
      return sparsePoints(1, Math.min(req.dims[0], req.dims[1]), req.numel);
    },
    example: { shape: [64, 64], options: {} },
  },
  {
    name: "dirac", fn: dirac, kind: "elementwise", draws: false, family: "torch", layout: "torch",
    tfjs: { className: "Dirac", kerasLayout: true, configShape: [0, 0, 0] },
    law: (s, o) => {
      const { req, inAxis, outAxis, groups } = diracPlan(s, o);
      return sparsePoints(1, groups * Math.min(req.dims[outAxis] / groups, req.dims[inAxis]), req.numel);
    },
    example: { shape: [16, 8, 5, 5], options: { groups: 2 } },
  },
  {
    name: "xavierUniform", fn: xavierUniform, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "XavierUniform", kerasLayout: true },
    law: (s, o) => xavierUniformPlan(s, o).law,
    example: { shape: [256, 784], options: {} },
  },
  {
    name: "xavierNormal", fn: xavierNormal, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "XavierNormal", kerasLayout: true },
    law: (s, o) => xavierNormalPlan(s, o).law,
    example: { shape: [256, 784], options: { gain: 1.6666666666666667 } },
  },
  {
    name: "kaimingUniform", fn: kaimingUniform, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "KaimingUniform", kerasLayout: true },
    law: (s, o) => kaimingUniformPlan(s, o).law,
    example: { shape: [256, 784], options: { a: 2.23606797749979 } },
  },
  {
    name: "kaimingNormal", fn: kaimingNormal, kind: "elementwise", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "KaimingNormal", kerasLayout: true },
    law: (s, o) => kaimingNormalPlan(s, o).law,
    example: { shape: [128, 64, 3, 3], options: { mode: "fan_out", nonlinearity: "relu" } },
  },
  {
    name: "orthogonal", fn: orthogonal, kind: "whole-tensor", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "Orthogonal", adapt: "flatten-leading" },
    law: (s, o) => {
      // The entries of a Haar-random orthonormal frame in dimension d = max(rows, cols) are close
      // to N(0, 1/d) for d in the tens or more.
      const { gain, rows, cols } = orthogonalPlan(s, o);
      return { kind: "normal", mean: 0, std: gain / Math.sqrt(Math.max(rows, cols)), approximate: true };
    },
    example: { shape: [256, 256], options: {} },
  },
  {
    name: "sparse", fn: sparse, kind: "whole-tensor", draws: true, family: "torch", layout: "torch",
    tfjs: { className: "Sparse", adapt: "transpose" },
    law: (s, o) => {
      const { rows, zeros, std } = sparsePlan(s, o);
      return { kind: "zero-or-normal", zeros: rows === 0 ? 0 : zeros / rows, std };
    },
    example: { shape: [1000, 100], options: { sparsity: 0.9, std: 0.01 } },
  },
  {
    name: "varianceScaling", fn: varianceScaling, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "VarianceScaling" },
    law: (s, o) => varianceScalingPlan("varianceScaling", s, o).law,
    example: { shape: [3, 3, 64, 128], options: { scale: 2, mode: "fan_out", distribution: "untruncated_normal" } },
  },
  {
    name: "glorotUniform", fn: glorotUniform, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "GlorotUniform" },
    law: (s, o) => varianceScalingPlan("glorotUniform", s, o, GLOROT_UNIFORM).law,
    example: { shape: [784, 256], options: {} },
  },
  {
    name: "glorotNormal", fn: glorotNormal, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "GlorotNormal" },
    law: (s, o) => varianceScalingPlan("glorotNormal", s, o, GLOROT_NORMAL).law,
    example: { shape: [784, 256], options: {} },
  },
  {
    name: "heUniform", fn: heUniform, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "HeUniform" },
    law: (s, o) => varianceScalingPlan("heUniform", s, o, HE_UNIFORM).law,
    example: { shape: [3, 3, 64, 128], options: {} },
  },
  {
    name: "heNormal", fn: heNormal, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "HeNormal" },
    law: (s, o) => varianceScalingPlan("heNormal", s, o, HE_NORMAL).law,
    example: { shape: [3, 3, 64, 128], options: {} },
  },
  {
    name: "lecunUniform", fn: lecunUniform, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "LecunUniform" },
    law: (s, o) => varianceScalingPlan("lecunUniform", s, o, LECUN_UNIFORM).law,
    example: { shape: [512, 512], options: {} },
  },
  {
    name: "lecunNormal", fn: lecunNormal, kind: "elementwise", draws: true, family: "keras", layout: "keras",
    tfjs: { className: "LecunNormal" },
    law: (s, o) => varianceScalingPlan("lecunNormal", s, o, LECUN_NORMAL).law,
    example: { shape: [512, 512], options: {} },
  },
  {
    name: "identity", fn: identity, kind: "elementwise", draws: false, family: "keras", layout: "keras",
    tfjs: { className: "Identity" },
    law: (s, o) => { const { req, gain } = identityPlan(s, o); return sparsePoints(gain, Math.min(req.dims[0], req.dims[1]), req.numel); },
    example: { shape: [64, 64], options: { gain: 0.5 } },
  },
  {
    name: "deltaOrthogonal", fn: deltaOrthogonal, kind: "whole-tensor", draws: true, family: "jax", layout: "keras",
    tfjs: { className: "DeltaOrthogonal", configShape: [0, 0, 0] },
    law: (s, o) => {
      // Zeros but at the kernel's centre, where an in x out matrix with orthonormal rows sits:
      // its entries are close to N(0, scale^2 / out).
      const { req, scale, fanIn, fanOut } = deltaOrthogonalPlan(s, o);
      return { kind: "zero-or-normal", zeros: req.numel === 0 ? 0 : 1 - (fanIn * fanOut) / req.numel, std: scale / Math.sqrt(fanOut), approximate: true };
    },
    example: { shape: [3, 3, 64, 64], options: {} },
  },
] as const satisfies readonly CatalogEntry<never>[];

/** Every public initializer name. */
export type InitializerName = (typeof catalog)[number]["name"];

/** The catalog entry of initializer `N`, with its function's own types. */
export type EntryOf<N extends InitializerName> = Extract<(typeof catalog)[number], { name: N }>;

/** The options type of initializer `N` (e.g. `OptionsOf<"heNormal">` is `FanOptions`). */
export type OptionsOf<N extends InitializerName> = NonNullable<Parameters<EntryOf<N>["fn"]>[1]>;

/**
 * The catalog entry of the initializer called `name`.
 *
 * @example
 * ```ts
 * import { catalogEntry } from "nninit";
 * const entry = catalogEntry("orthogonal");
 * console.log(entry.kind); // "whole-tensor"
 * const w = entry.fn([4, 4]); // the same function as nninit's orthogonal
 * ```
 */
export function catalogEntry<N extends InitializerName>(name: N): EntryOf<N>;
export function catalogEntry(name: string): CatalogEntry;
export function catalogEntry(name: string): CatalogEntry {
  const fn = "catalogEntry";
  if (typeof name !== "string") throw typeError(fn, "name", "an initializer name such as \"normal\"", name);
  const entry = (catalog as readonly CatalogEntry<never>[]).find((e) => e.name === name);
  if (!entry) throw rangeError(fn, "name", "the name of an nninit initializer (see catalog)", name);
  return entry as CatalogEntry;
}
