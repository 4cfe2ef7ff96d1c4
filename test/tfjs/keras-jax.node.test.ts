// nninit/tfjs with keras: "jax" against the real keras 3.15.1 (JAX backend, the reference venv)
// at seeds, shapes and parameters the committed vectors do not hold, bit for bit: each class
// alone, and a tfjs-layers model (Dense, Conv2D) against the same Keras layers built with the
// same seeded initializers. Orthogonal agrees to float32 rounding only (nninit's QR, not LAPACK's).

import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";
import * as nt from "../../src/tfjs/index.js";
import { hasModules, runReference } from "../python/venv.js";
import { bits } from "../helpers.js";
import { tfjsCase, type KerasCase } from "./keras-jax-cases.js";

const JAX_REFERENCE = new URL("../../scripts/jax-reference.py", import.meta.url).pathname;
const MODEL_REFERENCE = new URL("../../scripts/keras-model-reference.py", import.meta.url).pathname;

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

const SEEDS = [0, 12345, 4294967295];
const SHAPES = [[3, 3, 5, 7], [17, 9], [2, 4, 11]];
const KERAS: [string, Record<string, unknown>][] = [
  ["RandomNormal", { mean: -0.25, stddev: 0.3 }], ["RandomUniform", { minval: -0.7, maxval: 0.1 }], ["TruncatedNormal", { mean: 1, stddev: 0.125 }],
  ["VarianceScaling", { scale: 1.7, mode: "fan_avg", distribution: "uniform" }], ["VarianceScaling", { scale: 0.4, mode: "fan_in", distribution: "truncated_normal" }],
  ["GlorotNormal", {}], ["GlorotUniform", {}], ["HeNormal", {}], ["HeUniform", {}], ["LecunNormal", {}], ["LecunUniform", {}],
];

describe.skipIf(!hasModules("keras", "jax"))('nninit/tfjs keras: "jax" against live keras 3', () => {
  it("every class, at held-out seeds and shapes, bit for bit", () => {
    const cases: (KerasCase & { op: string })[] = SEEDS.flatMap((seed, i) =>
      KERAS.map(([name, kwargs], j) => ({ op: "keras", name, kwargs, seed, shape: SHAPES[(i + j) % SHAPES.length] })));
    const answered = JSON.parse(runReference(JAX_REFERENCE, [], JSON.stringify(cases))) as (KerasCase & { result: number[] })[];
    for (const c of answered) {
      const { cls, config } = tfjsCase(c);
      expect(Array.from(bits(new cls(config).apply(c.shape).dataSync() as Float32Array)), JSON.stringify({ ...c, result: undefined })).toEqual(c.result);
    }
  });

  it("a tfjs model's Dense and Conv2D weights are the Keras model's", () => {
    const spec = [
      { layer: "Conv2D", args: [8, [3, 3]], input: [10, 10, 5], init: { kernel_initializer: { name: "HeUniform", seed: 77 }, bias_initializer: { name: "Constant", kwargs: { value: 0.1 } } } },
      { layer: "Dense", args: [13], input: [29], init: { kernel_initializer: { name: "GlorotNormal", seed: 78 }, bias_initializer: { name: "RandomNormal", kwargs: { stddev: 0.01 }, seed: 79 } } },
    ];
    const keras = JSON.parse(runReference(MODEL_REFERENCE, [], JSON.stringify(spec))) as Record<string, number[]>[];
    const conv = tfl.sequential({ layers: [tfl.layers.conv2d({
      inputShape: [10, 10, 5], filters: 8, kernelSize: 3,
      kernelInitializer: new nt.HeUniform({ seed: 77, keras: "jax" }), biasInitializer: new nt.Constant({ value: 0.1, keras: "jax" }),
    })] });
    const dense = tfl.sequential({ layers: [tfl.layers.dense({
      inputShape: [29], units: 13,
      kernelInitializer: new nt.GlorotNormal({ seed: 78, keras: "jax" }), biasInitializer: new nt.Normal({ std: 0.01, seed: 79, keras: "jax" }),
    })] });
    const ours = [conv, dense].map((m) => m.getWeights().map((w) => Array.from(bits(w.dataSync() as Float32Array))));
    expect(ours).toEqual(keras.map((k) => [k.kernel, k.bias]));
  });

  it("Orthogonal: Keras's values to float32 rounding", () => {
    const shape = [3, 3, 4, 6];
    const [c] = JSON.parse(runReference(JAX_REFERENCE, [], JSON.stringify([{ op: "keras", name: "Orthogonal", kwargs: { gain: 1.5 }, seed: 31, shape }]))) as { result: number[] }[];
    const theirs = new Float32Array(Uint32Array.from(c.result).buffer);
    const ours = new nt.Orthogonal({ gain: 1.5, seed: 31, keras: "jax" }).apply(shape).dataSync() as Float32Array;
    const worst = ours.reduce((m, x, i) => Math.max(m, Math.abs(x - theirs[i])), 0);
    expect(worst).toBeLessThan(1e-5);
  });
});
