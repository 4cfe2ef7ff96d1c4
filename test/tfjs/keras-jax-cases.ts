// Keras 3's initializers and the nninit/tfjs classes that give their values with keras: "jax":
// a Keras case (name, Keras kwargs, seed, shape) as a tfjs class and config, for the committed
// and live tests.

import * as nt from "../../src/tfjs/index.js";

export interface KerasCase {
  name: string;
  kwargs?: Record<string, unknown>;
  seed?: number;
  shape: number[];
}

type Cls = new (config?: object) => nt.NninitInitializer;
const num = (v: unknown, d: number) => (v === undefined ? d : (v as number));

/** Keras initializer name -> the tfjs class and its config from Keras's kwargs (Keras's defaults made explicit). */
export const KERAS_TFJS: Record<string, [unknown, (kw: Record<string, unknown>) => object]> = {
  RandomNormal: [nt.Normal, (kw) => ({ mean: num(kw.mean, 0), std: num(kw.stddev, 0.05) })],
  RandomUniform: [nt.Uniform, (kw) => ({ a: num(kw.minval, -0.05), b: num(kw.maxval, 0.05) })],
  TruncatedNormal: [nt.TruncNormal, (kw) => {
    const mean = num(kw.mean, 0), std = num(kw.stddev, 0.05);
    return { mean, std, a: mean - 2 * std, b: mean + 2 * std };
  }],
  VarianceScaling: [nt.VarianceScaling, (kw) => kw],
  GlorotNormal: [nt.GlorotNormal, () => ({})],
  GlorotUniform: [nt.GlorotUniform, () => ({})],
  HeNormal: [nt.HeNormal, () => ({})],
  HeUniform: [nt.HeUniform, () => ({})],
  LecunNormal: [nt.LecunNormal, () => ({})],
  LecunUniform: [nt.LecunUniform, () => ({})],
  Orthogonal: [nt.Orthogonal, (kw) => ({ gain: num(kw.gain, 1) })],
  Identity: [nt.Identity, (kw) => ({ gain: num(kw.gain, 1) })],
  Constant: [nt.Constant, (kw) => ({ value: num(kw.value, 0) })],
  Zeros: [nt.Zeros, () => ({})],
  Ones: [nt.Ones, () => ({})],
};

/** The tfjs class and config (with keras: "jax" and the seed) of a Keras case. */
export function tfjsCase(c: KerasCase): { cls: Cls; config: object } {
  const [cls, config] = KERAS_TFJS[c.name];
  return { cls: cls as Cls, config: { ...config(c.kwargs ?? {}), ...(c.seed === undefined ? {} : { seed: c.seed }), keras: "jax" } };
}
