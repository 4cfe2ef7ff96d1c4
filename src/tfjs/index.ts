// nninit/tfjs: every nninit initializer as a TensorFlow.js layers initializer class, for
// `kernelInitializer`, `biasInitializer`, `recurrentInitializer` and the like, saved and loaded
// with the model (`tf.serialization.registerClass`, class names "nninit>HeNormal", ...).
//
// tfjs-layers stores kernels in the Keras layout `[...kernel, in, out]` (Dense [in, out], Conv2D
// [kh, kw, in, out], LSTM kernel [in, 4 units] and recurrent kernel [units, 4 units]), so every
// fan is computed in that layout, including for the torch-named classes (override with `layout`).
//
// @example
// import * as tf from "@tensorflow/tfjs";
// import { HeNormal, Zeros } from "nninit/tfjs";
// const model = tf.sequential({ layers: [
//   tf.layers.dense({ inputShape: [784], units: 256, activation: "relu",
//                     kernelInitializer: new HeNormal({ seed: 1 }), biasInitializer: new Zeros() }),
// ] });

import {
  uniform, normal, truncNormal, constant, ones, zeros, eye, dirac, identity,
  xavierUniform, xavierNormal, kaimingUniform, kaimingNormal, orthogonal, deltaOrthogonal, sparse,
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal,
  type UniformOptions, type NormalOptions, type TruncNormalOptions, type ConstantOptions, type TensorOptions,
  type DiracOptions, type IdentityOptions, type XavierOptions, type KaimingOptions, type OrthogonalOptions,
  type DeltaOrthogonalOptions, type SparseOptions, type VarianceScalingOptions, type FanOptions,
} from "../index.js";
import { define } from "./initializer.js";

export {
  NninitInitializer, register,
  type NninitInitializerClass, type SeedConfig, type ConfigOf, type Fill,
} from "./initializer.js";

// The torch-named initializers default to the torch layout; in tfjs, weights are Keras-shaped.
const keras = <O extends { layout?: unknown }>(o: O): O => ({ layout: "keras", ...o });

/** U(a, b) (`uniform`). Config: `a`, `b`, `seed`. */
export const Uniform = define<UniformOptions>("Uniform", uniform);
/** N(mean, std^2) (`normal`). Config: `mean`, `std`, `seed`. */
export const Normal = define<NormalOptions>("Normal", normal);
/** N(mean, std^2) conditioned on [a, b] (`truncNormal`, torch's absolute bounds). */
export const TruncNormal = define<TruncNormalOptions>("TruncNormal", truncNormal);
/** Every element `value` (`constant`). */
export const Constant = define<ConstantOptions>("Constant", constant);
/** Ones (`ones`). */
export const Ones = define<TensorOptions>("Ones", ones);
/** Zeros (`zeros`). */
export const Zeros = define<TensorOptions>("Zeros", zeros);
/** The identity matrix (`eye`), 2-D. */
export const Eye = define<TensorOptions>("Eye", eye);
/** `gain` times the identity matrix (`identity`, Keras `Identity`), rectangular allowed. */
export const Identity = define<IdentityOptions>("Identity", identity);
/** The Dirac delta of a 3/4/5-D convolution kernel (`dirac`), Keras layout by default; `groups`. */
export const Dirac = define<DiracOptions>("Dirac", (s, o) => dirac(s, keras(o)), [0, 0, 0]);
/** torch's Xavier uniform (`xavierUniform`), fans in the Keras layout by default; `gain`. */
export const XavierUniform = define<XavierOptions>("XavierUniform", (s, o) => xavierUniform(s, keras(o)));
/** torch's Xavier normal (`xavierNormal`, untruncated), fans in the Keras layout by default; `gain`. */
export const XavierNormal = define<XavierOptions>("XavierNormal", (s, o) => xavierNormal(s, keras(o)));
/** torch's Kaiming uniform (`kaimingUniform`), fans in the Keras layout by default; `a`, `mode`, `nonlinearity`. */
export const KaimingUniform = define<KaimingOptions>("KaimingUniform", (s, o) => kaimingUniform(s, keras(o)));
/** torch's Kaiming normal (`kaimingNormal`, untruncated), fans in the Keras layout by default. */
export const KaimingNormal = define<KaimingOptions>("KaimingNormal", (s, o) => kaimingNormal(s, keras(o)));
/** Keras/JAX variance scaling (`varianceScaling`): `scale`, `mode`, `distribution` with nninit's names. */
export const VarianceScaling = define<VarianceScalingOptions>("VarianceScaling", varianceScaling);
/** Glorot uniform (`glorotUniform`): U(-l, l), l = sqrt(6 / (fan_in + fan_out)). */
export const GlorotUniform = define<FanOptions>("GlorotUniform", glorotUniform);
/** Glorot normal (`glorotNormal`): truncated at 2 std with Keras's correction, std = sqrt(2 / (fan_in + fan_out)). */
export const GlorotNormal = define<FanOptions>("GlorotNormal", glorotNormal);
/** He uniform (`heUniform`): U(-l, l), l = sqrt(6 / fan_in). */
export const HeUniform = define<FanOptions>("HeUniform", heUniform);
/** He normal (`heNormal`): truncated at 2 std with Keras's correction, std = sqrt(2 / fan_in). */
export const HeNormal = define<FanOptions>("HeNormal", heNormal);
/** LeCun uniform (`lecunUniform`): U(-l, l), l = sqrt(3 / fan_in). */
export const LecunUniform = define<FanOptions>("LecunUniform", lecunUniform);
/** LeCun normal (`lecunNormal`): truncated at 2 std with Keras's correction, std = sqrt(1 / fan_in). */
export const LecunNormal = define<FanOptions>("LecunNormal", lecunNormal);

/**
 * Orthogonal (`orthogonal`) the Keras way: the weight is flattened to
 * [product of all but the last dimension, last dimension] (so a conv kernel has orthonormal
 * output filters), then reshaped back. `gain`.
 */
export const Orthogonal = define<OrthogonalOptions>("Orthogonal", (s, o) =>
  orthogonal(s.length < 2 ? s : [s.slice(0, -1).reduce((a, b) => a * b, 1), s[s.length - 1]], o));

/** Delta orthogonal (`deltaOrthogonal`, JAX) of a 3/4/5-D convolution kernel, in <= out; `scale`. */
export const DeltaOrthogonal = define<DeltaOrthogonalOptions>("DeltaOrthogonal", deltaOrthogonal, [0, 0, 0]);

/**
 * torch's sparse initializer (`sparse`) on a Keras [in, out] kernel: the transpose of
 * `sparse([out, in])`, so that, as in torch, ceil(sparsity * out) of each input's weights are
 * zero. `sparsity` (required), `std`.
 */
export const Sparse = define<SparseOptions>("Sparse", (s, o) => {
  if (s.length !== 2) return sparse(s, o); // its own error
  const [rows, cols] = s; // [in, out]
  const w = sparse([cols, rows], o);
  const t = new Float32Array(w.length);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) t[i * cols + j] = w[j * rows + i];
  return t;
});
