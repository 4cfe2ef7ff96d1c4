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

/**
 * `uniform_` (see nninit's `uniform`); default generator: the torch default.
 *
 * @example
 * ```ts
 * import { manualSeed, uniform } from "nninit/torch";
 * manualSeed(0);
 * console.log(uniform([3])); // torch.manual_seed(0); torch.rand(3): [0.4963, 0.7682, 0.0885]
 * ```
 */
export const uniform = torchDefault(uniformAny);
/**
 * `normal_` (see nninit's `normal`).
 *
 * @example
 * ```ts
 * import { manualSeed, normal } from "nninit/torch";
 * manualSeed(0);
 * const w = normal([4], { std: 0.02 }); // torch.manual_seed(0); nn.init.normal_(torch.empty(4), std=0.02)
 * ```
 */
export const normal = torchDefault(normalAny);
/**
 * `trunc_normal_` (see nninit's `truncNormal`; torch >= 2.12 rules unless the generator says version "1.13").
 *
 * @example
 * ```ts
 * import { manualSeed, truncNormal } from "nninit/torch";
 * manualSeed(0);
 * const w = truncNormal([4, 4], { std: 0.02, a: -0.04, b: 0.04 }); // nn.init.trunc_normal_(w, std=0.02, a=-0.04, b=0.04)
 * ```
 */
export const truncNormal = torchDefault(truncNormalAny);
/**
 * `constant_` (draws nothing).
 *
 * @example
 * ```ts
 * import { constant } from "nninit/torch";
 * const w = constant([4], { value: 0.1 }); // nn.init.constant_(torch.empty(4), 0.1)
 * ```
 */
export const constant = torchDefault(constantAny);
/**
 * `ones_` (draws nothing).
 *
 * @example
 * ```ts
 * import { ones } from "nninit/torch";
 * const w = ones([4]); // nn.init.ones_(torch.empty(4))
 * ```
 */
export const ones = torchDefault(onesAny);
/**
 * `zeros_` (draws nothing).
 *
 * @example
 * ```ts
 * import { zeros } from "nninit/torch";
 * const b = zeros([4]); // nn.init.zeros_(torch.empty(4))
 * ```
 */
export const zeros = torchDefault(zerosAny);
/**
 * `xavier_uniform_`.
 *
 * @example
 * ```ts
 * import { manualSeed, xavierUniform } from "nninit/torch";
 * manualSeed(0);
 * const w = xavierUniform([32, 64], { gain: 5 / 3 }); // nn.init.xavier_uniform_(w, gain=calculate_gain("tanh"))
 * ```
 */
export const xavierUniform = torchDefault(xavierUniformAny);
/**
 * `xavier_normal_`.
 *
 * @example
 * ```ts
 * import { manualSeed, xavierNormal } from "nninit/torch";
 * manualSeed(0);
 * const w = xavierNormal([32, 64]); // nn.init.xavier_normal_(torch.empty(32, 64))
 * ```
 */
export const xavierNormal = torchDefault(xavierNormalAny);
/**
 * `kaiming_uniform_`.
 *
 * @example
 * ```ts
 * import { kaimingUniform, manualSeed } from "nninit/torch";
 * manualSeed(0);
 * const w = kaimingUniform([256, 784], { a: Math.sqrt(5) }); // nn.Linear(784, 256).weight after torch.manual_seed(0)
 * ```
 */
export const kaimingUniform = torchDefault(kaimingUniformAny);
/**
 * `kaiming_normal_`.
 *
 * @example
 * ```ts
 * import { kaimingNormal, manualSeed } from "nninit/torch";
 * manualSeed(0);
 * const w = kaimingNormal([64, 3, 3, 3], { mode: "fan_out", nonlinearity: "relu" }); // torchvision's conv init
 * ```
 */
export const kaimingNormal = torchDefault(kaimingNormalAny);
/**
 * `orthogonal_`.
 *
 * @example
 * ```ts
 * import { manualSeed, orthogonal } from "nninit/torch";
 * manualSeed(0);
 * const w = orthogonal([16, 16]); // nn.init.orthogonal_(torch.empty(16, 16))
 * ```
 */
export const orthogonal = torchDefault(orthogonalAny);
/**
 * `sparse_`.
 *
 * @example
 * ```ts
 * import { manualSeed, sparse } from "nninit/torch";
 * manualSeed(0);
 * const w = sparse([10, 20], { sparsity: 0.5 }); // nn.init.sparse_(torch.empty(10, 20), 0.5)
 * ```
 */
export const sparse = torchDefault(sparseAny);
/**
 * `eye_` (draws nothing).
 *
 * @example
 * ```ts
 * import { eye } from "nninit/torch";
 * const w = eye([3, 4]); // nn.init.eye_(torch.empty(3, 4))
 * ```
 */
export const eye = torchDefault(eyeAny);
/**
 * `dirac_` (draws nothing).
 *
 * @example
 * ```ts
 * import { dirac } from "nninit/torch";
 * const w = dirac([8, 8, 3, 3]); // nn.init.dirac_(torch.empty(8, 8, 3, 3)): an identity convolution
 * ```
 */
export const dirac = torchDefault(diracAny);
