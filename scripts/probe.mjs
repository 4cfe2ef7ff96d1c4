// `npm run probe -- [--layers 10] [--width 256] [--batch 256] [--activation relu] [--init kaimingNormal]
//   [--options '{"nonlinearity":"relu"}'] [--seed 0] [--steps 3] [--train]`: prints nninit/probe's
// per-layer table for one stack (and, with --train, the training comparison's final losses).
// Runs the built package (npm run build first). A script until nninit has a command (issue 12).
import { parseArgs } from "node:util";
import { probe, formatProbeTable, compareTraining } from "../dist/esm/probe.js";

const { values } = parseArgs({
  options: {
    layers: { type: "string" }, width: { type: "string" }, batch: { type: "string" },
    activation: { type: "string" }, init: { type: "string" }, options: { type: "string" },
    seed: { type: "string" }, steps: { type: "string" }, train: { type: "boolean" },
  },
});
const num = (s) => (s === undefined ? undefined : Number(s));
const name = values.init ?? "kaimingNormal";
const spec = {
  layers: num(values.layers), width: num(values.width), batch: num(values.batch), activation: values.activation,
  init: values.options ? { name, options: JSON.parse(values.options) } : name,
  seed: num(values.seed), steps: num(values.steps),
};
for (const k of Object.keys(spec)) if (spec[k] === undefined) delete spec[k];
try {
  const t0 = performance.now();
  console.log(formatProbeTable(probe(spec)));
  console.log(`(${((performance.now() - t0) / 1000).toFixed(1)} s)`);
  if (values.train) {
    const inits = ["zeros", "xavierNormal", { name: "kaimingNormal", options: { nonlinearity: "relu" } }];
    for (const c of compareTraining({ inits, activation: spec.activation }).curves) {
      console.log(`${c.init.padEnd(40)} seed ${c.seed}: loss ${c.loss[0].toFixed(4)} -> ${c.loss.at(-1).toFixed(4)}, accuracy ${(100 * c.accuracy).toFixed(0)}%`);
    }
  }
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
}
