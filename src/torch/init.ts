// nninit's torch.nn.init counterparts, drawing from nninit/torch's default generator when no
// `generator` is given: `manualSeed(0); kaimingUniform([4, 8])` is
// `torch.manual_seed(0); nn.init.kaiming_uniform_(torch.empty(4, 8))`. With a `generator` they are
// nninit's own functions, unchanged.

import {
  uniform as uniformAny, normal as normalAny, truncNormal as truncNormalAny, constant as constantAny,
  ones as onesAny, zeros as zerosAny, xavierUniform as xavierUniformAny, xavierNormal as xavierNormalAny,
  kaimingUniform as kaimingUniformAny, kaimingNormal as kaimingNormalAny, orthogonal as orthogonalAny,
  sparse as sparseAny, eye as eyeAny, dirac as diracAny,
} from "../index.js";
import { isPlainObject } from "../validate.js";
import { defaultGenerator } from "./default-generator.js";

/** `options` with the default generator added when it names none (anything else goes through unchanged, to be refused by the initializer). */
function withDefault(options: unknown): unknown {
  if (options === undefined || options === null) return { generator: defaultGenerator() };
  if (!isPlainObject(options)) return options;
  const copy: Record<string, unknown> = { ...options };
  if (copy.generator === undefined || copy.generator === null) copy.generator = defaultGenerator();
  return copy;
}

// biome-ignore lint/suspicious/noExplicitAny: the wrapped function keeps its own overloads.
function torchDefault<F extends (shape: any, options?: any) => unknown>(f: F): F {
  return ((shape: unknown, options?: unknown) => f(shape, withDefault(options))) as F;
}

/** `uniform_` (see nninit's `uniform`); default generator: the torch default. */
export const uniform = torchDefault(uniformAny);
/** `normal_` (see nninit's `normal`). */
export const normal = torchDefault(normalAny);
/** `trunc_normal_` (see nninit's `truncNormal`; torch >= 2.12 rules unless the generator says version "1.13"). */
export const truncNormal = torchDefault(truncNormalAny);
/** `constant_` (draws nothing). */
export const constant = torchDefault(constantAny);
/** `ones_` (draws nothing). */
export const ones = torchDefault(onesAny);
/** `zeros_` (draws nothing). */
export const zeros = torchDefault(zerosAny);
/** `xavier_uniform_`. */
export const xavierUniform = torchDefault(xavierUniformAny);
/** `xavier_normal_`. */
export const xavierNormal = torchDefault(xavierNormalAny);
/** `kaiming_uniform_`. */
export const kaimingUniform = torchDefault(kaimingUniformAny);
/** `kaiming_normal_`. */
export const kaimingNormal = torchDefault(kaimingNormalAny);
/** `orthogonal_`. */
export const orthogonal = torchDefault(orthogonalAny);
/** `sparse_`. */
export const sparse = torchDefault(sparseAny);
/** `eye_` (draws nothing). */
export const eye = torchDefault(eyeAny);
/** `dirac_` (draws nothing). */
export const dirac = torchDefault(diracAny);
