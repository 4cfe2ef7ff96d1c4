// nninit: neural-network weight initializers in WebAssembly SIMD.

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
