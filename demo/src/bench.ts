// The live benchmark: n standard normals into a Float32Array, by nninit (WebAssembly), by tfjs
// (`tf.randomNormal`, CPU backend, read back with dataSync) and by plain JavaScript (Box-Muller
// on Math.random). Each runs until it has used about `budgetMs`, after one warm-up call.

import { normal, Generator, activeBuild } from "nninit";
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-backend-cpu";

export interface Contestant {
  name: string;
  detail: string;
  run: (n: number, out: Float32Array) => void;
}

export interface Result {
  name: string;
  detail: string;
  /** Elements per second. */
  rate: number;
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
  for (const c of contestants()) {
    await tick();
    c.run(n, out); // warm-up: compile, allocate
    let runs = 0, elapsed = 0;
    while (elapsed < budgetMs || runs < 2) {
      const t0 = performance.now();
      c.run(n, out);
      elapsed += performance.now() - t0;
      runs++;
      if (runs % 4 === 0) await tick();
    }
    const r = { name: c.name, detail: c.detail, rate: (n * runs) / (elapsed / 1000), ms: elapsed / runs, runs };
    results.push(r);
    onResult(r);
  }
  return results;
}
