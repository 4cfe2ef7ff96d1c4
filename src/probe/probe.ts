// probe(spec): how a signal and its gradient propagate through a deep fully connected stack at
// initialization. The forward pass of a batch of N(0, 1) inputs, the backward pass of a random
// linear readout, per-layer statistics, and how many distinct units remain after a few gradient
// steps (1 for a constant initialization: the symmetry no step can break).
//
// see: Glorot & Bengio, "Understanding the difficulty of training deep feedforward neural
//      networks", AISTATS 2010 (activation histograms per layer, the fan_avg rule);
//      He et al., "Delving Deep into Rectifiers", ICCV 2015, 2.2 (forward and backward variance
//      of a rectifier stack: Var[y_l] = n_l Var[w_l] E[x_l^2]).

import { Generator, type Seed } from "../random/generator.js";
import { normal } from "../initializers/distributions.js";
import { integer, oneOf, numberOption, rangeError, typeError, ownEntries } from "../validate.js";
import { activationOf, saturationOf, ACTIVATIONS, type Activation } from "./activations.js";
import { resolveInit, type InitSpec } from "./initializer.js";
import { matmul, transpose } from "./matmul.js";
import { meanStd, fraction, histogram, distinctColumns, type Histogram } from "./stats.js";

/** What {@link probe} propagates: the stack's depth and width, the batch, the activation, the initializer and the seed (every field optional). */
export interface ProbeSpec {
  /** Number of weight layers (default 10), 1..1000. */
  layers?: number;
  /** Units per layer, also the input size (default 256), 1..8192. */
  width?: number;
  /** The nonlinearity after every layer (default "tanh"). */
  activation?: Activation;
  /** leaky_relu's negative slope (default 0.01). */
  negativeSlope?: number;
  /** The weights' initializer (default "kaimingNormal"): a name or { name, options }. */
  init?: InitSpec;
  /** Inputs per batch (default 256), 1..65536. */
  batch?: number;
  /** Seed of the probe's own generator: inputs, then each layer's weights, then the readout (default 0). */
  seed?: Seed;
  /** Histogram bins (default 32), 1..1024. */
  bins?: number;
  /** Plain gradient steps taken before units are counted (default 3), 0..100. */
  steps?: number;
  /** Their learning rate (default 0.1). */
  learningRate?: number;
}

/** One layer's statistics at initialization (the last two after `steps` steps). */
export interface LayerReport {
  /** 1-based layer index. */
  layer: number;
  /** Mean and std of the layer's activations f(x W^T) over batch x width. */
  mean: number;
  std: number;
  /** Fraction of activations exactly 0. */
  zeros: number;
  /** Fraction saturated (|tanh| > 0.99, sigmoid outside [0.01, 0.99]); null for activations that don't saturate. */
  saturated: number | null;
  histogram: Histogram;
  /** Std of the loss gradient with respect to the layer's weights. */
  gradWeightStd: number;
  /** Std of the loss gradient with respect to the layer's inputs (the previous layer's activations). */
  gradInputStd: number;
  /** Distinct units (activation columns over the batch) after `steps` gradient steps. */
  distinctUnits: number;
}

/** What {@link probe} measured: the spec it ran and one {@link LayerReport} per layer. */
export interface ProbeReport {
  layers: number;
  width: number;
  batch: number;
  activation: Activation;
  /** The initializer, e.g. `kaimingNormal({"nonlinearity":"relu"})`. */
  init: string;
  seed: string;
  steps: number;
  /** Std of the inputs (about 1). */
  inputStd: number;
  /** Std of the loss gradient at the output (the readout: about 1 / batch). */
  outputGradStd: number;
  /** The loss, sum(readout * output) / batch, at initialization and after each step (steps + 1 values). */
  loss: number[];
  perLayer: LayerReport[];
}

const FN = "probe";

interface Checked {
  layers: number; width: number; batch: number; bins: number; steps: number;
  activation: Activation; slope: number; lr: number; seed: Seed;
  init: ReturnType<typeof resolveInit>;
}

function check(spec: unknown): Checked {
  const own = ownEntries(FN, "spec", spec ?? {}) as Partial<Record<keyof ProbeSpec, unknown>>;
  const known = ["layers", "width", "activation", "negativeSlope", "init", "batch", "seed", "bins", "steps", "learningRate"];
  for (const key of Object.keys(own)) if (!known.includes(key)) throw rangeError(FN, "spec", `one of ${known.join(", ")}`, key);
  const seed = own.seed ?? 0;
  if (typeof seed !== "number" && typeof seed !== "bigint") throw typeError(FN, "seed", "a number or bigint", seed);
  return {
    layers: integer(FN, "layers", own.layers ?? 10, 1, 1000),
    width: integer(FN, "width", own.width ?? 256, 1, 8192),
    batch: integer(FN, "batch", own.batch ?? 256, 1, 65536),
    bins: integer(FN, "bins", own.bins ?? 32, 1, 1024),
    steps: integer(FN, "steps", own.steps ?? 3, 0, 100),
    activation: oneOf(FN, "activation", own.activation ?? "tanh", ACTIVATIONS),
    slope: numberOption(FN, "negativeSlope", own.negativeSlope, 0.01),
    lr: numberOption(FN, "learningRate", own.learningRate, 0.1),
    seed,
    init: resolveInit(FN, "init", own.init ?? "kaimingNormal"),
  };
}

/**
 * Propagates a batch through `layers` fully connected layers of `width` units drawn by `init`,
 * and back, and reports per layer what the signal and its gradient look like.
 *
 * @example
 * ```ts
 * import { probe } from "nninit/probe";
 * const report = probe({ layers: 6, width: 128, activation: "relu", init: "xavierNormal" });
 * console.log(report.perLayer.map((l) => l.std)); // shrinks by about 1/sqrt(2) a layer
 * ```
 */
export function probe(spec?: ProbeSpec): ProbeReport {
  const c = check(spec);
  const { layers: L, width: n, batch: B } = c;
  const generator = new Generator(c.seed);
  const x0 = normal([B, n], { generator });
  const weights: Float32Array[] = [];
  for (let l = 0; l < L; l++) weights.push(c.init.draw(n, n, generator));
  const readout = normal([B, n], { generator });
  const { f, df } = activationOf(c.activation, c.slope);
  const saturated = saturationOf(c.activation);

  // Forward: pre[l] = x[l] W_l^T, x[l + 1] = f(pre[l]); x[0] the inputs.
  const xs: Float32Array[] = [x0];
  const pres: Float32Array[] = [];
  const forward = (): void => {
    xs.length = 1; pres.length = 0;
    const wt = new Float32Array(n * n);
    for (let l = 0; l < L; l++) {
      const pre = matmul(xs[l]!, transpose(weights[l]!, n, n, wt), B, n, n);
      const y = new Float32Array(B * n);
      for (let i = 0; i < y.length; i++) y[i] = f(pre[i]!);
      pres.push(pre); xs.push(y);
    }
  };
  // Backward of loss = sum(readout * x[L]) / B: gW[l] = dpre^T x[l], dx[l] = dpre W_l.
  const gradW: Float32Array[] = new Array(L);
  const gradX: Float32Array[] = new Array(L);
  const dOut = new Float32Array(B * n);
  for (let i = 0; i < dOut.length; i++) dOut[i] = readout[i]! / B;
  const backward = (): void => {
    let dx: Float32Array = dOut;
    const dpreT = new Float32Array(n * B);
    for (let l = L - 1; l >= 0; l--) {
      const pre = pres[l]!;
      const dpre = new Float32Array(B * n);
      for (let i = 0; i < dpre.length; i++) dpre[i] = dx[i]! * df(pre[i]!);
      gradW[l] = matmul(transpose(dpre, B, n, dpreT), xs[l]!, n, n, B);
      dx = gradX[l] = matmul(dpre, weights[l]!, B, n, n);
    }
  };

  const loss: number[] = [];
  const lossOf = (y: Float32Array): number => {
    let s = 0;
    for (let i = 0; i < y.length; i++) s += readout[i]! * y[i]!;
    return s / B;
  };
  forward();
  loss.push(lossOf(xs[L]!));
  const perLayer: LayerReport[] = [];
  for (let l = 0; l < L; l++) {
    const y = xs[l + 1]!;
    const { mean, std } = meanStd(y);
    perLayer.push({
      layer: l + 1, mean, std,
      zeros: fraction(y, (v) => v === 0),
      saturated: saturated === null ? null : fraction(y, saturated),
      histogram: histogram(y, c.bins),
      gradWeightStd: NaN, gradInputStd: NaN, distinctUnits: 0,
    });
  }
  backward();
  for (let l = 0; l < L; l++) {
    perLayer[l]!.gradWeightStd = meanStd(gradW[l]!).std;
    perLayer[l]!.gradInputStd = meanStd(gradX[l]!).std;
  }
  for (let s = 0; s < c.steps; s++) {
    for (let l = 0; l < L; l++) {
      const w = weights[l]!, g = gradW[l]!;
      for (let i = 0; i < w.length; i++) w[i] = w[i]! - c.lr * g[i]!;
    }
    forward();
    loss.push(lossOf(xs[L]!));
    if (s + 1 < c.steps) backward();
  }
  for (let l = 0; l < L; l++) perLayer[l]!.distinctUnits = distinctColumns(xs[l + 1]!, B, n);

  return {
    layers: L, width: n, batch: B, activation: c.activation, init: c.init.label,
    seed: String(c.seed), steps: c.steps,
    inputStd: meanStd(x0).std, outputGradStd: meanStd(dOut).std, loss, perLayer,
  };
}
