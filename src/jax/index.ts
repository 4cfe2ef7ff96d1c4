// nninit/jax: JAX's random numbers and jax.nn.initializers, bit for bit as jax 0.10.2 on CPU.
export { JaxKey, key, split, foldIn, keyData, wrapKeyData, type JaxSeed } from "./key.js";
export { bits, uniform, normal, truncatedNormal, type DrawOptions, type UniformOptions } from "./random.js";
