// The whole-model workload: initialize every tensor of GPT-2 small in one go, with nninit
// (into preallocated arrays, one Generator for the model) and with the tfjs initializers
// (each tensor allocated, read back and disposed).

import { sink } from "../check.mjs";
import { SEED } from "../config.mjs";
import { nninit, selectBuild } from "../peers/nninit.mjs";
import { tf } from "../peers/tfjs.mjs";
import { WEIGHT_STD, numelOf, tensorExpect } from "./gpt2.mjs";

const LABEL = { simd: "nninit SIMD", scalar: "nninit scalar" };

const report = (tensors, arrays) => tensors.map((t, i) => ({ name: t.name, data: arrays[i], expect: tensorExpect(t.init) }));

export function nninitModel(build, tensors) {
  return {
    id: `nninit-${build}`,
    label: LABEL[build],
    call: "normal / ones / zeros (shape, {out}) per tensor",
    allocates: false,
    primary: build === "simd",
    minSamples: 3, // the first call page-faults 500 MB of fresh arrays and would plan too few samples
    prepare: () => selectBuild(build),
    make() {
      const outs = tensors.map((t) => new Float32Array(numelOf(t.shape)));
      const generator = new nninit.Generator(SEED);
      const calls = tensors.map((t, i) =>
        t.init === "normal" ? [nninit.normal, { std: WEIGHT_STD, generator, out: outs[i] }] : [nninit[t.init], { out: outs[i] }]);
      let k = 0;
      return {
        run() {
          for (let i = 0; i < tensors.length; i++) calls[i][0](tensors[i].shape, calls[i][1]);
          k = (k + 7919) % outs[0].length;
          sink.value += outs[0][k];
        },
        output: () => report(tensors, outs),
      };
    },
  };
}

export function tfjsModel(tensors) {
  const init = { normal: (seed) => tf.initializers.randomNormal({ mean: 0, stddev: WEIGHT_STD, seed }), ones: () => tf.initializers.ones(), zeros: () => tf.initializers.zeros() };
  return {
    id: "tfjs",
    label: "tfjs (cpu)",
    call: "tf.initializers.randomNormal / ones / zeros .apply(shape) + dataSync per tensor",
    allocates: true,
    estRate: 1e7, // ~12 s per GPT-2 small here: too slow to spend a warm-up call on
    make() {
      let seed = SEED;
      const last = new Array(tensors.length);
      return {
        run() {
          for (let i = 0; i < tensors.length; i++) {
            const t = init[tensors[i].init](seed++).apply(tensors[i].shape, "float32");
            last[i] = t.dataSync();
            t.dispose();
          }
          sink.value += last[0][seed % last[0].length];
        },
        output: () => report(tensors, last),
      };
    },
  };
}

/**
 * The same model through a pool of `threads` workers: every tensor's fill started at once
 * (Promise.all, one generator, so the same bits as the loop), into preallocated shared arrays.
 */
export function nninitPoolModel(threads, tensors, { poolOf, label }) {
  return {
    id: `nninit-pool-${threads}`,
    label,
    call: "await Promise.all(tensors.map(t => pool.fill(normal / ones / zeros, shape, {out})))",
    allocates: false,
    minSamples: 3,
    estRate: 5e8,
    async prepare() { this.pool = await poolOf(threads); },
    make() {
      const outs = tensors.map((t) => new Float32Array(new SharedArrayBuffer(numelOf(t.shape) * 4)));
      const pool = this.pool;
      let k = 0;
      return {
        async runAsync() {
          const generator = new nninit.Generator(SEED);
          await Promise.all(tensors.map((t, i) => pool.fill(nninit[t.init], t.shape,
            t.init === "normal" ? { std: WEIGHT_STD, generator, out: outs[i] } : { out: outs[i] })));
          k = (k + 7919) % outs[0].length;
          sink.value += outs[0][k];
        },
        output: () => report(tensors, outs),
      };
    },
  };
}
