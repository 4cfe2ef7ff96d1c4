// nninit/tfjs in a real tfjs-layers model (conv2d + LSTM + dense, CPU backend): each weight
// follows its law with the fans of its Keras-layout shape, the bits are nninit's, seeds
// reproduce, and the model saves and loads with the nninit classes in its JSON.

import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";
import {
  Generator, manualSeed, TRUNCATED_STD, heNormal, glorotUniform, kaimingNormal, varianceScaling, orthogonal, uniform,
} from "../../src/index.js";
import {
  HeNormal, GlorotUniform, Orthogonal, KaimingNormal, VarianceScaling, Zeros, Constant, NninitInitializer,
} from "../../src/tfjs/index.js";
import { expectLaw, orthogonalityError } from "../initializers/support.js";
import { bits } from "../helpers.js";

beforeAll(async () => {
  tf.env().set("IS_TEST", true); // no "install tfjs-node" banner
  await tf.setBackend("cpu");
});

const sqrt = Math.sqrt;
/** conv [3, 3, 16, 64] -> reshape [16, 64] -> LSTM(64) -> dense 128 -> dense 32. */
const SHAPES = {
  conv: [3, 3, 16, 64], lstmKernel: [64, 256], lstmRecurrent: [64, 256], dense: [64, 128], head: [128, 32],
};

/** The model, with every initializer seeded from `seed` (or unseeded: nninit's default generator). */
function buildModel(seed: number | null): tfl.Sequential {
  const s = (k: number) => (seed === null ? {} : { seed: seed + k });
  return tfl.sequential({
    layers: [
      tfl.layers.conv2d({ inputShape: [6, 6, 16], filters: 64, kernelSize: 3, activation: "relu", kernelInitializer: new HeNormal(s(1)), biasInitializer: new Zeros() }),
      tfl.layers.reshape({ targetShape: [16, 64] }),
      tfl.layers.lstm({ units: 64, kernelInitializer: new GlorotUniform(s(2)), recurrentInitializer: new Orthogonal(s(3)), biasInitializer: new Zeros(), unitForgetBias: true }),
      tfl.layers.dense({ units: 128, activation: "relu", kernelInitializer: new KaimingNormal({ ...s(4), mode: "fan_out", nonlinearity: "leaky_relu", a: 0.1 }), biasInitializer: new Constant({ value: 0.1 }) }),
      tfl.layers.dense({ units: 32, kernelInitializer: new VarianceScaling({ ...s(5), scale: 2, mode: "fan_avg", distribution: "untruncated_normal" }) }),
    ],
  });
}

/** Each weight's values, in the model's order (kernel, bias per layer; LSTM kernel, recurrent, bias). */
function weightsOf(model: tfl.LayersModel): Float32Array[] {
  return model.getWeights().map((w) => w.dataSync() as Float32Array);
}

describe("nninit/tfjs in a tfjs-layers model", () => {
  it("has the expected shapes and each weight follows its law with Keras-layout fans", () => {
    const model = buildModel(100);
    const [conv, convBias, lstmKernel, lstmRecurrent, lstmBias, dense, denseBias, head, headBias] = model.getWeights();
    expect([conv, lstmKernel, lstmRecurrent, dense, head].map((w) => w.shape)).toEqual(Object.values(SHAPES));
    const f64 = (t: tf.Tensor) => Float64Array.from(t.dataSync());
    // HeNormal: truncated at 2 std, std sqrt(2 / fan_in), fan_in = 3 * 3 * 16.
    expectLaw(f64(conv), { law: "truncated", std: sqrt(2 / 144) / TRUNCATED_STD });
    // GlorotUniform on the LSTM kernel [in, 4 units]: fans 64 and 256.
    expectLaw(f64(lstmKernel), { law: "uniform", bound: sqrt(6 / (64 + 256)) });
    // Orthogonal recurrent kernel [64, 256]: orthonormal rows.
    expect(orthogonalityError(lstmRecurrent.dataSync() as Float32Array, 64, 256, true)).toBeLessThan(1e-5);
    // KaimingNormal (torch law, untruncated) in the Keras layout: fan_out = 128, leaky_relu gain.
    expectLaw(f64(dense), { law: "normal", std: sqrt(2 / (1 + 0.01)) / sqrt(128) });
    // VarianceScaling fan_avg, untruncated: std sqrt(2 / ((128 + 32) / 2)).
    expectLaw(f64(head), { law: "normal", std: sqrt(2 / 80) });
    // LSTM's unit forget bias wraps our Zeros: [0 x 64, 1 x 64, 0 x 128].
    const b = lstmBias.dataSync();
    expect(Array.from(b).map((x, i) => x === (i >= 64 && i < 128 ? 1 : 0)).every(Boolean)).toBe(true);
    expect(Array.from(convBias.dataSync()).every((x) => x === 0)).toBe(true);
    expect(Array.from(denseBias.dataSync()).every((x) => x === Math.fround(0.1))).toBe(true);
    expect(headBias.shape).toEqual([32]);
  });

  it("gives the bits of the nninit function with a Generator of the seed, in the Keras layout", () => {
    const [conv, , lstmKernel, lstmRecurrent, , dense, , head] = weightsOf(buildModel(100));
    const g = (k: number) => ({ generator: new Generator(100 + k) });
    expect(bits(conv)).toEqual(bits(heNormal(SHAPES.conv, g(1))));
    expect(bits(lstmKernel)).toEqual(bits(glorotUniform(SHAPES.lstmKernel, g(2))));
    expect(bits(lstmRecurrent)).toEqual(bits(orthogonal(SHAPES.lstmRecurrent, g(3))));
    expect(bits(dense)).toEqual(bits(kaimingNormal(SHAPES.dense, { ...g(4), layout: "keras", mode: "fan_out", nonlinearity: "leaky_relu", a: 0.1 })));
    expect(bits(head)).toEqual(bits(varianceScaling(SHAPES.head, { ...g(5), scale: 2, mode: "fan_avg", distribution: "untruncated_normal" })));
  });

  it("same seeds, same weights; other seeds, other weights", () => {
    const a = weightsOf(buildModel(100)), b = weightsOf(buildModel(100)), c = weightsOf(buildModel(200));
    a.forEach((w, i) => {
      expect(bits(b[i])).toEqual(bits(w));
    });
    expect(bits(c[0])).not.toEqual(bits(a[0]));
  });

  it("one seeded instance on several layers continues its tape: each layer gets new values", () => {
    const init = new HeNormal({ seed: 3 });
    const first = init.apply([8, 8]).dataSync(), second = init.apply([8, 8]).dataSync();
    expect(bits(second as Float32Array)).not.toEqual(bits(first as Float32Array));
    expect(init.generator.position).toBe(128);
    const generator = new Generator(3);
    expect(bits(first as Float32Array)).toEqual(bits(heNormal([8, 8], { generator })));
    expect(bits(second as Float32Array)).toEqual(bits(heNormal([8, 8], { generator })));
  });

  it("unseeded: draws from nninit's default generator, so manualSeed reproduces the model", () => {
    manualSeed(7);
    const a = weightsOf(buildModel(null));
    manualSeed(7);
    const b = weightsOf(buildModel(null));
    a.forEach((w, i) => {
      expect(bits(b[i])).toEqual(bits(w));
    });
    manualSeed(7);
    expect(bits(a[0])).toEqual(bits(heNormal(SHAPES.conv)));
  });

  it("saves to memory and loads back with the nninit classes, weights and predictions intact", async () => {
    const model = buildModel(100);
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: "JSON" } };
    }));
    const json = JSON.stringify(artifacts!.modelTopology);
    for (const name of ["HeNormal", "GlorotUniform", "Orthogonal", "KaimingNormal", "VarianceScaling", "Zeros", "Constant"]) {
      expect(json).toContain(`"class_name":"nninit>${name}"`);
    }
    const loaded = await tfl.loadLayersModel(tf.io.fromMemory(artifacts!));
    const before = weightsOf(model), after = weightsOf(loaded);
    after.forEach((w, i) => {
      expect(bits(w)).toEqual(bits(before[i]));
    });
    const x = tf.tensor(uniform([2, 6, 6, 16], { generator: new Generator(1) }), [2, 6, 6, 16]);
    const [y0, y1] = [model, loaded].map((m) => (m.predict(x) as tf.Tensor).dataSync() as Float32Array);
    expect(bits(y1)).toEqual(bits(y0));
    // The loaded layers hold nninit initializers with the original configs (tfjs camel-cases
    // every string of a loaded config; the classes take both spellings).
    const dense = loaded.layers[3] as unknown as { kernelInitializer: NninitInitializer };
    expect(dense.kernelInitializer).toBeInstanceOf(NninitInitializer);
    expect(dense.kernelInitializer.getClassName()).toBe("nninit>KaimingNormal");
    expect(dense.kernelInitializer.getConfig()).toEqual({ seed: 104, mode: "fan_out", nonlinearity: "leaky_relu", a: 0.1 });
    const head = loaded.layers[4] as unknown as { kernelInitializer: NninitInitializer };
    expect(head.kernelInitializer.getConfig()).toEqual({ seed: 105, scale: 2, mode: "fan_avg", distribution: "untruncated_normal" });
  });
});
