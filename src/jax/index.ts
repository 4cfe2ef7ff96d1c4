// nninit/jax: JAX's random numbers, jax.nn.initializers, Flax NNX's and Keras 3's default
// initial weights, bit for bit as jax 0.10.2 computes them eagerly on CPU (docs/jax.md).
export { JaxKey, key, split, foldIn, keyData, wrapKeyData, type JaxSeed } from "./key.js";
export { bits, uniform, normal, truncatedNormal, bernoulli, type DrawOptions, type UniformOptions } from "./random.js";
export { JaxGenerator, type JaxGeneratorState } from "./generator.js";
export * as initializers from "./initializers.js";
export * as nnx from "./flax.js";
export * as keras from "./keras.js";
