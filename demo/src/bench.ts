// The live benchmark: n standard normals into a Float32Array, by nninit (WebAssembly), by tfjs
// (`tf.randomNormal`, CPU backend, read back with dataSync) and by plain JavaScript (Box-Muller
// on Math.random). Each runs until it has used about `budgetMs`, after one warm-up call.

import { normal, Generator, activeBuild } from "nninit";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";
import { clockStep, rateRange, rateText } from "./timing.js";

export interface Contestant {
  name: string;
  detail: string;
  run: (n: number, out: Float32Array) => void;
}

export interface Result {
  name: string;
  detail: string;
  /** Elements per second (the low end of the range the clock allows: finite even on a frozen clock). */
  rate: number;
  /** The rate as shown: "512 M/s", "480–530 M/s" or "> 900 M/s". */
  rateText: string;
  /** Milliseconds per fill of n. */
  ms: number;
  runs: number;
}

/** Box-Muller: two normals from two uniforms, the textbook way. */
function boxMuller(n: number, out: Float32Array): void {
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - Math.random(), u2 = Math.random();
    const r = Math.sqrt(-2 * Math.log(u1)), t = 2 * Math.PI * u2;
    out[i] = r * Math.cos(t);
    if (i + 1 < n) out[i + 1] = r * Math.sin(t);
  }
}

export function contestants(): Contestant[] {
  const generator = new Generator(1);
  return [
    { name: "nninit", detail: `normal(), ${activeBuild()} build`, run: (n, out) => normal(n, { generator, out }) },
    {
      name: "tfjs",
      detail: `tf.randomNormal, ${tf.getBackend()} backend`,
      run: (n, out) => {
        const t = tf.randomNormal([n]);
        out.set(t.dataSync() as Float32Array);
        t.dispose();
      },
    },
    { name: "plain JS", detail: "Box-Muller on Math.random", run: boxMuller },
  ];
}

const tick = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs each contestant on n elements; `onResult` after each one (the page repaints in between). */
export async function runBenchmark(n: number, budgetMs: number, onResult: (r: Result) => void): Promise<Result[]> {
  await tf.setBackend("cpu");
  const out = new Float32Array(n), results: Result[] = [];
  const step = clockStep();
  for (const c of contestants()) {
    await tick();
    c.run(n, out); // warm-up: compile, allocate
    // Batches of 4 runs, timed each, with a repaint between batches, until the budget has passed
    // on the clock (or 10^5 runs on a clock that does not move: the rate then reads "> X"). Each
    // batch's time is off by at most the clock's step, so the total by batches x step.
    let runs = 0, elapsed = 0, batches = 0;
    while ((elapsed < budgetMs || runs < 2) && runs < 100_000) {
      const t0 = performance.now();
      for (let i = 0; i < 4; i++) c.run(n, out);
      elapsed += performance.now() - t0;
      runs += 4;
      batches++;
      await tick();
    }
    const timing = { runs, ms: elapsed, step: batches * step };
    const r = { name: c.name, detail: c.detail, rate: rateRange(n, timing).low, rateText: rateText(n, timing, "M/s"), ms: elapsed / runs, runs };
    results.push(r);
    onResult(r);
  }
  return results;
}
