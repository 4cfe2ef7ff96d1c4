// `{ keras: "jax", seed }` on nninit/tfjs classes: the weights Keras 3 (JAX backend) gives, bit
// for bit, against the committed keras 3.15.1 vectors (test/jax/reference.json), through the
// classes and through a tfjs-layers model; the option survives getConfig/fromConfig and a
// model's JSON; bad configs fail at construction naming the option. The live comparison with
// keras at other seeds and shapes, and with a real Keras model, is keras-jax.node.test.ts.

import { beforeAll, describe, expect, it } from "vitest";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import * as tfl from "@tensorflow/tfjs-layers";
import * as nt from "../../src/tfjs/index.js";
import reference from "../jax/reference.json" with { type: "json" };
import { bits } from "../helpers.js";
import { KERAS_TFJS, tfjsCase, type KerasCase } from "./keras-jax-cases.js";

beforeAll(async () => {
  tf.env().set("IS_TEST", true);
  await tf.setBackend("cpu");
});

const cases = (reference as { cases: (KerasCase & { op: string; result: number[] })[] }).cases.filter((c) => c.op === "keras");

describe('nninit/tfjs with keras: "jax": committed keras 3.15.1 vectors', () => {
  it("covers every Keras initializer the classes map to", () => {
    expect([...new Set(cases.map((c) => c.name))].sort()).toEqual(Object.keys(KERAS_TFJS).filter((n) => n !== "Orthogonal").sort());
  });

  it.each(cases.map((c) => [c.name, c] as const))("%s: bit for bit, on every call", (_, c) => {
    const { cls, config } = tfjsCase(c);
    const init = new cls(config);
    expect(Array.from(bits(init.apply(c.shape).dataSync() as Float32Array))).toEqual(c.result);
    // Keras reuses the seed's key: the second weight of one initializer is the first again.
    expect(Array.from(bits(init.apply(c.shape).dataSync() as Float32Array))).toEqual(c.result);
  });

  it("in a tfjs-layers model: the kernels Keras gives the same layers, and the model's JSON keeps the option", async () => {
    const he = cases.find((c) => c.name === "HeNormal")!, glorot = cases.find((c) => c.name === "GlorotUniform")!;
    const model = tfl.sequential({
      layers: [
        tfl.layers.dense({ inputShape: [4], units: 6, kernelInitializer: new nt.HeNormal({ seed: 5, keras: "jax" }), biasInitializer: new nt.Zeros({ keras: "jax" }) }),
        tfl.layers.dense({ units: 6, kernelInitializer: new nt.HeNormal({ seed: 5, keras: "jax" }), useBias: false }),
      ],
    });
    const [k1, b1, k2] = model.getWeights().map((w) => Array.from(bits(w.dataSync() as Float32Array)));
    expect(k1).toEqual(he.result); // [4, 6]
    expect(b1).toEqual(new Array(6).fill(0));
    expect(k2).toEqual(Array.from(bits(new nt.HeNormal({ seed: 5, keras: "jax" }).apply([6, 6]).dataSync() as Float32Array)));
    const json = model.toJSON(null, false) as { config: { layers: { config: { kernel_initializer: { config: object } } }[] } };
    expect(json.config.layers[0].config.kernel_initializer.config).toEqual({ seed: 5, keras: "jax" });
    // Loaded back from its JSON (tfjs camel-cases config strings), the model rebuilds the same weights.
    const loaded = await tfl.models.modelFromJSON({ modelTopology: json } as never);
    expect(Array.from(bits(loaded.getWeights()[0].dataSync() as Float32Array))).toEqual(he.result);
    // Another class, outside a model: the same committed values.
    expect(Array.from(bits(new nt.GlorotUniform({ seed: 5, keras: "jax" }).apply(glorot.shape).dataSync() as Float32Array))).toEqual(glorot.result);
  });

  it("getConfig -> fromConfig keeps keras and the options (tfjs's camel-cased strings too)", () => {
    const vs = new nt.VarianceScaling({ seed: 9, keras: "jax", scale: 0.3, mode: "fan_out", distribution: "untruncated_normal" });
    expect(vs.getConfig()).toEqual({ seed: 9, keras: "jax", scale: 0.3, mode: "fan_out", distribution: "untruncated_normal" });
    const back = nt.VarianceScaling.fromConfig(nt.VarianceScaling as never, { ...vs.getConfig(), mode: "fanOut", distribution: "untruncatedNormal" } as never) as nt.NninitInitializer;
    expect(bits(back.apply([5, 3]).dataSync() as Float32Array)).toEqual(bits(vs.apply([5, 3]).dataSync() as Float32Array));
  });
});

describe('bad configs with keras: "jax": a TypeError or RangeError at construction, naming the option', () => {
  const bad: [string, () => unknown, string | RegExp, ErrorConstructor][] = [
    ["keras other than jax", () => new nt.HeNormal({ seed: 1, keras: "tensorflow" as never }), 'nninit/tfjs HeNormal: config.keras must be "jax" (Keras 3 on the JAX backend) or absent, got "tensorflow"', TypeError],
    ["a class without a Keras counterpart", () => new nt.XavierUniform({ seed: 1, keras: "jax" }), /^nninit\/tfjs XavierUniform: config.keras is not accepted: XavierUniform has no Keras 3 counterpart \(those that do: Uniform, Normal, /, TypeError],
    ["no seed", () => new nt.GlorotNormal({ keras: "jax" }), 'nninit/tfjs GlorotNormal: with keras: "jax", seed must be an integer in [0, 4294967295] (Keras\'s integer seed), got null', TypeError],
    ["a negative seed", () => new nt.Normal({ seed: -1, keras: "jax" }), /^nninit\/tfjs Normal: with keras: "jax", seed must be an integer in \[0, 4294967295\].*got -1$/, RangeError],
    ["a seed past 2^32", () => new nt.Normal({ seed: 2 ** 32, keras: "jax" }), /got 4294967296$/, RangeError],
    ["TruncNormal not cut at 2 std", () => new nt.TruncNormal({ seed: 1, keras: "jax", std: 0.5, a: -0.5, b: 1 }), /^nninit\/tfjs TruncNormal: with keras: "jax", a and b must be mean -\+ 2 std/, RangeError],
    ["an option Keras has not", () => new nt.HeNormal({ seed: 1, keras: "jax", layout: "torch" } as never), 'nninit/tfjs HeNormal: config.layout is not accepted with keras: "jax" (Keras\'s HeNormal has no such parameter)', TypeError],
    ["a bad option value: nninit's own message", () => new nt.Normal({ seed: 1, keras: "jax", std: -2 }), /^normal: std must be/, RangeError],
  ];
  it.each(bad)("%s", (_, make, message, type) => {
    expect(make).toThrow(type);
    expect(make).toThrow(message);
  });
});
