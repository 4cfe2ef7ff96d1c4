// A small training comparison: the same tiny network (2 -> hidden -> hidden -> 1, logistic
// output) trained on two interleaved spirals from each initializer and seed, full batch, with
// Adam written here in float64. Deterministic: the same spec gives the same curves.
//
// see: Kingma & Ba, "Adam", ICLR 2015, Algorithm 1 (bias-corrected moments).

import { Generator, type Seed } from "../random/generator.js";
import { normal } from "../initializers/distributions.js";
import { integer, oneOf, numberOption, rangeError, typeError, ownEntries } from "../validate.js";
import { activationOf, ACTIVATIONS, type Activation } from "./activations.js";
import { resolveInit, type InitSpec, type ResolvedInit } from "./initializer.js";

/** What {@link compareTraining} trains: the initializers and seeds to compare, the steps, the network and the data (every field optional). */
export interface TrainSpec {
  /** Initializers to compare (default zeros, xavierNormal, kaimingNormal), 1..8. */
  inits?: readonly InitSpec[];
  /** Seeds of the weights, one curve per initializer and seed (default [0, 1]), 1..16 of them. */
  seeds?: readonly Seed[];
  /** Adam steps (default 300), 1..100000. */
  steps?: number;
  /** Units in each of the two hidden layers (default 16), 1..256. */
  hidden?: number;
  /** Hidden activation (default "tanh"). */
  activation?: Activation;
  /** Points in the data set, half per spiral (default 200), 2..100000, even. */
  points?: number;
  /** Adam's step size (default 0.01). */
  learningRate?: number;
}

/** One run of {@link compareTraining}: an initializer and a seed, its loss after each step and its final accuracy. */
export interface TrainCurve {
  init: string;
  seed: string;
  /** Loss (mean binary cross-entropy) before each step, then after the last: steps + 1 values. */
  loss: number[];
  /** Fraction of points classified right after the last step. */
  accuracy: number;
}

/** What {@link compareTraining} returns: the settings it ran with and one {@link TrainCurve} per initializer and seed. */
export interface TrainReport {
  steps: number;
  hidden: number;
  activation: Activation;
  points: number;
  curves: TrainCurve[];
}

const FN = "compareTraining";
const DATA_SEED = 20100513; // AISTATS 2010, the spirals' own stream: the same points for every init

/**
 * Two spirals, 1.5 turns each, radius 0..1, noise N(0, 0.03^2); labels 0 and 1 alternate.
 *
 * @example
 * ```ts
 * import { twoSpirals } from "nninit/probe";
 * const { x, y } = twoSpirals(200); // x: 200 points [x0, y0, x1, y1, ...], y: labels 0 and 1 alternating
 * console.log(x.length, y.slice(0, 4)); // 400 Float64Array(4) [ 0, 1, 0, 1 ]
 * ```
 */
export function twoSpirals(points: number): { x: Float64Array; y: Float64Array } {
  const noise = normal([points, 2], { std: 0.03, generator: new Generator(DATA_SEED) });
  const x = new Float64Array(points * 2), y = new Float64Array(points);
  const half = points / 2;
  for (let i = 0; i < points; i++) {
    const c = i % 2, k = (i - c) / 2, r = (k + 1) / half;
    const angle = 3 * Math.PI * r + c * Math.PI;
    x[2 * i] = r * Math.cos(angle) + noise[2 * i]!;
    x[2 * i + 1] = r * Math.sin(angle) + noise[2 * i + 1]!;
    y[i] = c;
  }
  return { x, y };
}

interface Layer { w: Float64Array; b: Float64Array; out: number; inp: number }

/** Trains one network and returns its curve. */
function trainOne(init: ResolvedInit, seed: Seed, c: { steps: number; hidden: number; activation: Activation; lr: number },
  data: { x: Float64Array; y: Float64Array }): TrainCurve {
  const generator = new Generator(seed);
  const sizes: [number, number][] = [[c.hidden, 2], [c.hidden, c.hidden], [1, c.hidden]];
  const layers: Layer[] = sizes.map(([out, inp]) => ({ w: Float64Array.from(init.draw(out, inp, generator)), b: new Float64Array(out), out, inp }));
  const params = layers.flatMap((l) => [l.w, l.b]);
  const m = params.map((p) => new Float64Array(p.length)), v = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const { f, df } = activationOf(c.activation, 0.01);
  const N = data.y.length;
  const loss: number[] = [];
  let correct = 0;
  const acts = layers.map((l) => new Float64Array(N * l.out));
  const pres = layers.map((l) => new Float64Array(N * l.out));

  for (let step = 0; step <= c.steps; step++) {
    // Forward, layer by layer over the whole batch.
    let input = data.x;
    layers.forEach((l, li) => {
      const pre = pres[li]!, act = acts[li]!, last = li === layers.length - 1;
      for (let n = 0; n < N; n++) {
        for (let o = 0; o < l.out; o++) {
          let s = l.b[o]!;
          for (let i = 0; i < l.inp; i++) s += l.w[o * l.inp + i]! * input[n * l.inp + i]!;
          pre[n * l.out + o] = s;
          act[n * l.out + o] = last ? s : f(s);
        }
      }
      input = act;
    });
    const z = acts[layers.length - 1]!;
    let total = 0;
    correct = 0;
    const dz = new Float64Array(N);
    for (let n = 0; n < N; n++) {
      const zn = z[n]!, yn = data.y[n]!;
      total += Math.max(zn, 0) - zn * yn + Math.log1p(Math.exp(-Math.abs(zn)));
      dz[n] = (1 / (1 + Math.exp(-zn)) - yn) / N;
      if ((zn > 0 ? 1 : 0) === yn) correct++;
    }
    loss.push(total / N);
    if (step === c.steps) break;

    // Backward: d holds dL/dpre of the current layer.
    let d = dz;
    for (let li = layers.length - 1; li >= 0; li--) {
      const l = layers[li]!, below = li === 0 ? data.x : acts[li - 1]!;
      const gw = grads[2 * li]!, gb = grads[2 * li + 1]!;
      gw.fill(0); gb.fill(0);
      const dBelow = new Float64Array(N * l.inp);
      for (let n = 0; n < N; n++) {
        for (let o = 0; o < l.out; o++) {
          const g = d[n * l.out + o]!;
          gb[o] += g;
          for (let i = 0; i < l.inp; i++) {
            gw[o * l.inp + i] += g * below[n * l.inp + i]!;
            dBelow[n * l.inp + i] += g * l.w[o * l.inp + i]!;
          }
        }
      }
      if (li > 0) {
        const pre = pres[li - 1]!;
        for (let k = 0; k < dBelow.length; k++) dBelow[k] = dBelow[k]! * df(pre[k]!);
      }
      d = dBelow;
    }
    // Adam.
    const t = step + 1, c1 = 1 - 0.9 ** t, c2 = 1 - 0.999 ** t;
    params.forEach((p, pi) => {
      const g = grads[pi]!, mp = m[pi]!, vp = v[pi]!;
      for (let k = 0; k < p.length; k++) {
        mp[k] = 0.9 * mp[k]! + 0.1 * g[k]!;
        vp[k] = 0.999 * vp[k]! + 0.001 * g[k]! * g[k]!;
        p[k] = p[k]! - (c.lr * (mp[k]! / c1)) / (Math.sqrt(vp[k]! / c2) + 1e-8);
      }
    });
  }
  return { init: init.label, seed: String(seed), loss, accuracy: correct / N };
}

/**
 * Trains the same small network from each initializer and seed and returns the loss curves: zero
 * (or constant) weights stay at their first loss, since every unit of a layer gets the same
 * gradient (here exactly zero), while Xavier and He descend.
 *
 * @example
 * ```ts
 * import { compareTraining } from "nninit/probe";
 * const { curves } = compareTraining({ inits: ["zeros", "xavierNormal"], steps: 50, points: 100 });
 * for (const c of curves) console.log(c.init, c.loss[0], c.loss.at(-1)); // zeros stays put, Xavier descends
 * ```
 */
export function compareTraining(spec?: TrainSpec): TrainReport {
  const own = ownEntries(FN, "spec", spec ?? {}) as Partial<Record<keyof TrainSpec, unknown>>;
  const known = ["inits", "seeds", "steps", "hidden", "activation", "points", "learningRate"];
  for (const key of Object.keys(own)) if (!known.includes(key)) throw rangeError(FN, "spec", `one of ${known.join(", ")}`, key);
  const initsIn = own.inits ?? ["zeros", "xavierNormal", "kaimingNormal"];
  if (!Array.isArray(initsIn) || initsIn.length < 1 || initsIn.length > 8) throw typeError(FN, "inits", "an array of 1 to 8 initializers", initsIn);
  const inits = initsIn.map((s, i) => resolveInit(FN, `inits[${i}]`, s));
  const seeds = own.seeds ?? [0, 1];
  if (!Array.isArray(seeds) || seeds.length < 1 || seeds.length > 16) throw typeError(FN, "seeds", "an array of 1 to 16 seeds", seeds);
  seeds.forEach((s, i) => { if (typeof s !== "number" && typeof s !== "bigint") throw typeError(FN, `seeds[${i}]`, "a number or bigint", s); });
  for (const s of seeds) new Generator(s as Seed); // the generator's own check of each seed, before any work
  const points = integer(FN, "points", own.points ?? 200, 2, 100000);
  if (points % 2 !== 0) throw rangeError(FN, "points", "an even number", points);
  const c = {
    steps: integer(FN, "steps", own.steps ?? 300, 1, 100000),
    hidden: integer(FN, "hidden", own.hidden ?? 16, 1, 256),
    activation: oneOf(FN, "activation", own.activation ?? "tanh", ACTIVATIONS),
    lr: numberOption(FN, "learningRate", own.learningRate, 0.01),
  };
  const data = twoSpirals(points);
  const curves = inits.flatMap((init) => (seeds as Seed[]).map((seed) => trainOne(init, seed, c, data)));
  return { steps: c.steps, hidden: c.hidden, activation: c.activation, points, curves };
}
