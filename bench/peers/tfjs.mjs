// @tensorflow/tfjs 4.22.0 on its pure-JS CPU backend (tfjs-node would download a native binary).
// Every call allocates a tensor, reads it back with dataSync() (a user needs the numbers) and
// disposes it, so tfjs's own memory stays flat across thousands of calls.

import * as tf from "@tensorflow/tfjs";
import { sink } from "../check.mjs";
import { SEED } from "../config.mjs";

// tfjs prints a "use tfjs-node" banner and a slowness warning for big orthogonal matrices;
// both are advice, not results, and would interleave with the progress log.
const QUIET = [/tfjs-node/, /Hi, looks like you are running TensorFlow/, /Orthogonal initializer is being called/, /^=+$/];
for (const method of ["warn", "log"]) {
  const original = console[method];
  console[method] = (...args) => {
    if (typeof args[0] === "string" && QUIET.some((re) => re.test(args[0]))) return;
    original(...args);
  };
}

await tf.setBackend("cpu");
await tf.ready();

export const tfjsVersion = tf.version.tfjs;

/**
 * A candidate timing `produce(shape, seed)` + dataSync + dispose. The seed changes every call,
 * so no two calls return the same numbers.
 */
export function tfjsCandidate(call, produce, extra = {}) {
  return {
    id: "tfjs",
    label: "tfjs (cpu)",
    call,
    allocates: true,
    ...extra,
    make({ shape }) {
      let seed = SEED, last;
      return {
        run() {
          const t = produce(shape, seed++);
          last = t.dataSync();
          t.dispose();
          sink.value += last[seed % last.length];
        },
        output: () => last,
      };
    },
  };
}

export const tfjsUniform = () => tfjsCandidate("tf.randomUniform(shape, 0, 1)", (s, seed) => tf.randomUniform(s, 0, 1, "float32", seed));
export const tfjsNormal = () => tfjsCandidate("tf.randomNormal(shape, 0, 1)", (s, seed) => tf.randomNormal(s, 0, 1, "float32", seed));
export const tfjsTruncNormal = () => tfjsCandidate("tf.truncatedNormal(shape, 0, 1)", (s, seed) => tf.truncatedNormal(s, 0, 1, "float32", seed));

/** A tfjs layers initializer by name (glorotNormal, heUniform, orthogonal, ...). */
export function tfjsInitializer(name, args = {}, extra = {}) {
  const argText = Object.keys(args).length ? `{${Object.entries(args).map(([k, v]) => `${k}: ${v}`).join(", ")}, seed}` : "{seed}";
  return tfjsCandidate(`tf.initializers.${name}(${argText}).apply(shape)`,
    (s, seed) => tf.initializers[name]({ ...args, seed }).apply(s, "float32"), extra);
}

export { tf };
