/**
 * Neural-network weight initializers (torch.nn.init's, Keras's and JAX's) as functions
 * `f(shape, options)` that return a `Float32Array` (or the `Uint16Array` bits of float16 and
 * bfloat16), computed by WebAssembly SIMD kernels: the same seed gives the same bits on every
 * engine and CPU, whatever the chunking, offset or thread count. Also the `Generator`, the
 * fan and gain helpers, the `catalog` of every initializer, `fillAsync` and the worker `Pool`.
 *
 * Guides: [initializers and choosing one](https://unpkg.com/nninit@0.2.0/docs/initializers.md), [the stream contract and sharding](https://unpkg.com/nninit@0.2.0/docs/stream.md),
 * [workers and the pool](https://unpkg.com/nninit@0.2.0/docs/pool.md), [browsers, CSP and bundlers](https://unpkg.com/nninit@0.2.0/docs/browsers.md).
 *
 * @example
 * ```ts
 * import { Generator, kaimingNormal, zeros } from "nninit";
 * const g = new Generator(42);
 * const w = kaimingNormal([256, 784], { nonlinearity: "relu", generator: g }); // He for ReLU
 * const b = zeros([256]);
 * ```
 *
 * @module nninit
 */

export { Generator, defaultGenerator, manualSeed, isGenerator, DEFAULT_SEED, type Seed, type GeneratorState } from "./random/generator.js";
export { DRAW, type Draw, type DrawLaw, type RandomGenerator } from "./random/draw.js";
export type { Shape } from "./shape.js";
export type { TensorOptions, Output, HalfArray } from "./initializers/tensor-options.js";
export { DTYPES, float16Bits, bfloat16Bits, float16Value, bfloat16Value, type Dtype } from "./dtype.js";
export {
  uniform, normal, truncNormal, constant, ones, zeros,
  type UniformOptions, type NormalOptions, type TruncNormalOptions, type ConstantOptions,
} from "./initializers/distributions.js";
export { ready, useBuild, activeBuild, type BuildName } from "./runtime.js";
export { fillAsync, DEFAULT_CHUNK_SIZE, WHOLE_TENSOR_INITIALIZERS, type FillAsyncOptions, type Initializer } from "./async.js";
export type { KeySampler, KeySamplerOptions } from "./stream/entries.js";
export {
  calculateFanInAndFanOut, calculateGain, type Layout, type Nonlinearity,
} from "./fan.js";
export {
  xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, type XavierOptions, type KaimingOptions,
} from "./initializers/torch.js";
export { eye, dirac, identity, type DiracOptions, type IdentityOptions } from "./initializers/identity.js";
export { orthogonal, deltaOrthogonal, type OrthogonalOptions, type DeltaOrthogonalOptions } from "./initializers/orthogonal.js";
export { sparse, type SparseOptions } from "./initializers/sparse.js";
export {
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal,
  TRUNCATED_STD, type VarianceScalingOptions, type VarianceScalingMode, type VarianceScalingDistribution, type FanOptions,
} from "./initializers/keras.js";
export {
  catalog, catalogEntry, type CatalogEntry, type TfjsMapping, type InitializerName, type EntryOf, type OptionsOf,
} from "./initializers/catalog.js";
export type { Law, PointMass } from "./initializers/law.js";
export { createPool, Pool, MAX_THREADS, type PoolOptions, type PoolFillOptions } from "./parallel/pool.js";
