/**
 * The same weights as JAX: jax.random's keys and samplers, `jax.nn.initializers`, Flax NNX's and
 * Keras 3's (JAX backend) default initial weights, bit for bit as jax 0.10.2 computes them
 * eagerly on CPU; `JaxGenerator` lets every nninit initializer draw JAX's numbers.
 *
 * Guide: [the same weights as JAX](https://unpkg.com/nninit@0.2.0/docs/jax.md).
 *
 * @example
 * ```ts
 * import { initializers, key, split } from "nninit/jax";
 * const [k1, k2] = split(key(0));
 * const w = initializers.lecunNormal()(k1, [784, 128]); // jax.nn.initializers.lecun_normal()(k1, (784, 128))
 * ```
 *
 * @module nninit/jax
 */

export { JaxKey, key, split, foldIn, keyData, wrapKeyData, type JaxSeed } from "./key.js";
export { bits, uniform, normal, truncatedNormal, bernoulli, type DrawOptions, type UniformOptions } from "./random.js";
export { JaxGenerator, type JaxGeneratorState } from "./generator.js";
/**
 * jax.nn.initializers: each function makes an initializer `(key, shape) => Float32Array` that
 * gives eager JAX's values for that key, with JAX's fan conventions (in_axis -2, out_axis -1).
 *
 * @example
 * ```ts
 * import { initializers, key } from "nninit/jax";
 * const init = initializers.heNormal(); // jax.nn.initializers.he_normal()
 * const w = init(key(0), [3, 3, 16, 32]);
 * ```
 */
export * as initializers from "./initializers.js";
/**
 * Flax NNX's layers' default parameters: `new nnx.Rngs(seed)` and the layers' constructors, which
 * take keys from it in the order NNX does.
 *
 * @example
 * ```ts
 * import { nnx } from "nninit/jax";
 * const rngs = new nnx.Rngs(0);
 * const { kernel, bias } = nnx.linear(784, 128, rngs); // nnx.Linear(784, 128, rngs=nnx.Rngs(0))
 * ```
 */
export * as nnx from "./flax.js";
/**
 * Keras 3's initializers on the JAX backend, as `keras.initializers.X(seed=s)(shape)` computes
 * them: each call of one initializer gives the same values.
 *
 * @example
 * ```ts
 * import { keras } from "nninit/jax";
 * const w = keras.GlorotUniform({ seed: 1 })([64, 32]); // keras.initializers.GlorotUniform(seed=1)((64, 32))
 * ```
 */
export * as keras from "./keras.js";
