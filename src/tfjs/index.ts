/**
 * Every nninit initializer as a TensorFlow.js layers initializer class (`HeNormal`,
 * `GlorotUniform`, `Orthogonal`, ...) for `kernelInitializer`, `biasInitializer` and the like,
 * saved and loaded with the model. Fans are computed in the Keras layout that tfjs-layers uses.
 * Needs `@tensorflow/tfjs-core` and `@tensorflow/tfjs-layers` (peer dependencies).
 *
 * Guide: [TensorFlow.js](https://unpkg.com/nninit@0.2.0/docs/tfjs.md).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import * as tfl from "@tensorflow/tfjs-layers";
 * import { HeNormal, Zeros } from "nninit/tfjs";
 * const model = tfl.sequential({ layers: [
 *   tfl.layers.dense({ inputShape: [784], units: 256, activation: "relu",
 *                      kernelInitializer: new HeNormal({ seed: 1 }), biasInitializer: new Zeros() }),
 * ] });
 * ```
 *
 * @module nninit/tfjs
 */
// nninit/tfjs: every nninit initializer as a TensorFlow.js layers initializer class, for
// `kernelInitializer`, `biasInitializer`, `recurrentInitializer` and the like, saved and loaded
// with the model (`tf.serialization.registerClass`, class names "nninit>HeNormal", ...).
//
// tfjs-layers stores kernels in the Keras layout `[...kernel, in, out]` (Dense [in, out], Conv2D
// [kh, kw, in, out], LSTM kernel [in, 4 units] and recurrent kernel [units, 4 units]), so every
// fan is computed in that layout, including for the torch-named classes (override with `layout`).
//
// The classes come from nninit's catalog: one per entry, with the entry's tfjs mapping (class name,
// Keras layout by default, how a tfjs shape maps onto the function). The exports below name them
// one by one because ES modules need static names; a test checks that they cover the catalog.

import { catalog, catalogEntry, type CatalogEntry, type TfjsMapping, type InitializerName, type OptionsOf, type TensorOptions } from "../index.js";
import { define, type ConfigOf, type Fill, type NninitInitializerClass } from "./initializer.js";

export {
  NninitInitializer, register,
  type NninitInitializerClass, type SeedConfig, type ConfigOf, type Fill,
} from "./initializer.js";

/** `[...a, n]` filled as the matrix `[prod(a), n]`, then reshaped back (Keras's orthogonal). */
const flattenLeading = (fill: Fill<TensorOptions>): Fill<TensorOptions> => (s, o) =>
  fill(s.length < 2 ? s : [s.slice(0, -1).reduce((a, b) => a * b, 1), s[s.length - 1]], o);

/** A 2-D `[in, out]` weight as the transpose of the function's `[out, in]` (torch's sparse: zeros per input). */
const transposed = (fill: Fill<TensorOptions>): Fill<TensorOptions> => (s, o) => {
  if (s.length !== 2) return fill(s, o); // its own error
  const [rows, cols] = s; // [in, out]
  const w = fill([cols, rows], o);
  const t = new Float32Array(w.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[i * cols + j] = w[j * rows + i];
  return t;
};

/** The fill a class runs: the entry's function, with its tfjs mapping applied. */
function fillOf(entry: CatalogEntry): Fill<TensorOptions> {
  const { kerasLayout, adapt } = entry.tfjs;
  // The torch-named initializers default to the torch layout; in tfjs, weights are Keras-shaped.
  const fill: Fill<TensorOptions> = kerasLayout
    ? (s, o) => entry.fn(s, { layout: "keras", ...o } as TensorOptions)
    : (s, o) => entry.fn(s, o);
  return adapt === "flatten-leading" ? flattenLeading(fill) : adapt === "transpose" ? transposed(fill) : fill;
}

/** One class per catalog entry, defined and registered here, by class name. */
const CLASSES = new Map<string, NninitInitializerClass<never>>();
for (const entry of catalog as readonly CatalogEntry<never>[]) {
  const { className, configShape, probe } = entry.tfjs as TfjsMapping;
  const shape = configShape ?? probe;
  CLASSES.set(className, define(className, fillOf(entry as CatalogEntry), shape && [...shape]));
}

/** The class of the initializer `name`, typed with its function's options. */
function classOf<N extends InitializerName>(name: N): NninitInitializerClass<ConfigOf<OptionsOf<N>>> {
  return CLASSES.get(catalogEntry(name).tfjs.className) as NninitInitializerClass<ConfigOf<OptionsOf<N>>>;
}

/**
 * U(a, b) (`uniform`). Config: `a`, `b`, `seed`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Uniform } from "nninit/tfjs";
 * const init = new Uniform({ a: -0.05, b: 0.05, seed: 1 });
 * const w = init.apply([16]); // a bias, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Uniform = classOf("uniform");
/**
 * N(mean, std^2) (`normal`). Config: `mean`, `std`, `seed`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Normal } from "nninit/tfjs";
 * const init = new Normal({ std: 0.02, seed: 1 });
 * const w = init.apply([100, 16]); // an Embedding table [vocab, dim], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Normal = classOf("normal");
/**
 * N(mean, std^2) conditioned on [a, b] (`truncNormal`, torch's absolute bounds).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { TruncNormal } from "nninit/tfjs";
 * const init = new TruncNormal({ std: 0.02, a: -0.04, b: 0.04, seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel [in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const TruncNormal = classOf("truncNormal");
/**
 * Every element `value` (`constant`).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Constant } from "nninit/tfjs";
 * const init = new Constant({ value: 0.1 });
 * const w = init.apply([16]); // a bias, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Constant = classOf("constant");
/**
 * Ones (`ones`).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Ones } from "nninit/tfjs";
 * const init = new Ones({});
 * const w = init.apply([16]); // a LayerNormalization gamma, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Ones = classOf("ones");
/**
 * Zeros (`zeros`).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Zeros } from "nninit/tfjs";
 * const init = new Zeros({});
 * const w = init.apply([16]); // a bias, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Zeros = classOf("zeros");
/**
 * The identity matrix (`eye`), 2-D.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Eye } from "nninit/tfjs";
 * const init = new Eye({});
 * const w = init.apply([16, 16]); // a square Dense kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Eye = classOf("eye");
/**
 * `gain` times the identity matrix (`identity`, Keras `Identity`), rectangular allowed.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Identity } from "nninit/tfjs";
 * const init = new Identity({ gain: 0.5 });
 * const w = init.apply([16, 32]); // a Dense kernel [in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Identity = classOf("identity");
/**
 * The Dirac delta of a 3/4/5-D convolution kernel (`dirac`), Keras layout by default; `groups`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Dirac } from "nninit/tfjs";
 * const init = new Dirac({});
 * const w = init.apply([3, 3, 8, 8]); // an identity Conv2D kernel [kh, kw, in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Dirac = classOf("dirac");
/**
 * torch's Xavier uniform (`xavierUniform`), fans in the Keras layout by default; `gain`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { XavierUniform } from "nninit/tfjs";
 * const init = new XavierUniform({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel [in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const XavierUniform = classOf("xavierUniform");
/**
 * torch's Xavier normal (`xavierNormal`, untruncated), fans in the Keras layout by default; `gain`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { XavierNormal } from "nninit/tfjs";
 * const init = new XavierNormal({ gain: 5 / 3, seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel for tanh, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const XavierNormal = classOf("xavierNormal");
/**
 * torch's Kaiming uniform (`kaimingUniform`), fans in the Keras layout by default; `a`, `mode`, `nonlinearity`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { KaimingUniform } from "nninit/tfjs";
 * const init = new KaimingUniform({ nonlinearity: "relu", seed: 1 });
 * const w = init.apply([3, 3, 8, 16]); // a Conv2D kernel [kh, kw, in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const KaimingUniform = classOf("kaimingUniform");
/**
 * torch's Kaiming normal (`kaimingNormal`, untruncated), fans in the Keras layout by default.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { KaimingNormal } from "nninit/tfjs";
 * const init = new KaimingNormal({ mode: "fan_out", nonlinearity: "relu", seed: 1 });
 * const w = init.apply([3, 3, 8, 16]); // a Conv2D kernel [kh, kw, in, out], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const KaimingNormal = classOf("kaimingNormal");
/**
 * Keras/JAX variance scaling (`varianceScaling`): `scale`, `mode`, `distribution` with nninit's names.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { VarianceScaling } from "nninit/tfjs";
 * const init = new VarianceScaling({ scale: 2, mode: "fan_in", distribution: "uniform", seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const VarianceScaling = classOf("varianceScaling");
/**
 * Glorot uniform (`glorotUniform`): U(-l, l), l = sqrt(6 / (fan_in + fan_out)).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { GlorotUniform } from "nninit/tfjs";
 * const init = new GlorotUniform({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const GlorotUniform = classOf("glorotUniform");
/**
 * Glorot normal (`glorotNormal`): truncated at 2 std with Keras's correction, std = sqrt(2 / (fan_in + fan_out)).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { GlorotNormal } from "nninit/tfjs";
 * const init = new GlorotNormal({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const GlorotNormal = classOf("glorotNormal");
/**
 * He uniform (`heUniform`): U(-l, l), l = sqrt(6 / fan_in).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { HeUniform } from "nninit/tfjs";
 * const init = new HeUniform({ seed: 1 });
 * const w = init.apply([3, 3, 8, 16]); // a Conv2D kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const HeUniform = classOf("heUniform");
/**
 * He normal (`heNormal`): truncated at 2 std with Keras's correction, std = sqrt(2 / fan_in).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { HeNormal } from "nninit/tfjs";
 * const init = new HeNormal({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel for relu, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const HeNormal = classOf("heNormal");
/**
 * LeCun uniform (`lecunUniform`): U(-l, l), l = sqrt(3 / fan_in).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { LecunUniform } from "nninit/tfjs";
 * const init = new LecunUniform({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const LecunUniform = classOf("lecunUniform");
/**
 * LeCun normal (`lecunNormal`): truncated at 2 std with Keras's correction, std = sqrt(1 / fan_in).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { LecunNormal } from "nninit/tfjs";
 * const init = new LecunNormal({ seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel for selu, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const LecunNormal = classOf("lecunNormal");
/**
 * Orthogonal (`orthogonal`) the Keras way: the weight is flattened to
 * [product of all but the last dimension, last dimension] (so a conv kernel has orthonormal
 * output filters), then reshaped back. `gain`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Orthogonal } from "nninit/tfjs";
 * const init = new Orthogonal({ gain: 1, seed: 1 });
 * const w = init.apply([16, 64]); // an LSTM recurrent kernel [units, 4 units], a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Orthogonal = classOf("orthogonal");
/**
 * Delta orthogonal (`deltaOrthogonal`, JAX) of a 3/4/5-D convolution kernel, in <= out; `scale`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { DeltaOrthogonal } from "nninit/tfjs";
 * const init = new DeltaOrthogonal({ seed: 1 });
 * const w = init.apply([3, 3, 8, 16]); // a Conv2D kernel, in <= out, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const DeltaOrthogonal = classOf("deltaOrthogonal");
/**
 * torch's sparse initializer (`sparse`) on a Keras [in, out] kernel: the transpose of
 * `sparse([out, in])`, so that, as in torch, ceil(sparsity * out) of each input's weights are
 * zero. `sparsity` (required), `std`.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import { Sparse } from "nninit/tfjs";
 * const init = new Sparse({ sparsity: 0.5, seed: 1 });
 * const w = init.apply([32, 16]); // a Dense kernel, half of each input's weights zero, a tf.Tensor
 * console.log(w.shape, init.getConfig());
 * ```
 */
export const Sparse = classOf("sparse");
