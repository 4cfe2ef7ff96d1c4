// nninit's pool (createPool): the same fills on 1, 2 and all of the machine's threads, into a
// preallocated SharedArrayBuffer-backed out (workers write in place), each call awaited. One
// pool per thread count, created once and reused by every row (an idle pool lets Node exit).

import { availableParallelism } from "node:os";
import { SEED } from "../config.mjs";
import { sink } from "../check.mjs";
import { nninit, nninitHas } from "./nninit.mjs";
import { nninitPoolModel } from "../models/whole-model.mjs";

/** 1, 2 and all threads, without repeats (on a 2-core machine "all" is 2). */
export const POOL_THREADS = [...new Set([1, 2, availableParallelism()])];

const pools = new Map();
/** The pool of `threads` workers, started and ready. */
export async function poolOf(threads) {
  if (!pools.has(threads)) {
    const pool = nninit.createPool({ threads });
    pools.set(threads, pool);
    await pool.ready();
  }
  return pools.get(threads);
}

const label = (threads) => `nninit pool ×${threads}${threads === availableParallelism() ? " (all)" : ""}`;

/** A candidate timing `await pool.fill(fn, shape, { ...params, generator, out })`. */
export function nninitPoolCandidate(fn, params, threads) {
  const base = {
    id: `nninit-pool-${threads}`,
    label: label(threads),
    call: `await pool.fill(${fn}, shape, {${Object.keys(params).concat("out").join(", ")}})`,
    allocates: false,
  };
  if (!nninitHas(fn) || !nninitHas("createPool")) return { ...base, unavailable: `not available: nninit does not export ${fn} or createPool` };
  let pool;
  return {
    ...base,
    estRate: 5e8, // skip the planning call: the pool's first fill would include worker start-up
    async prepare() { pool = await poolOf(threads); },
    make(spec) {
      const out = new Float32Array(new SharedArrayBuffer(spec.n * 4));
      const options = { ...params, generator: new nninit.Generator(SEED), out };
      const f = nninit[fn];
      let k = 0;
      return {
        async runAsync() {
          await pool.fill(f, spec.shape, options);
          k = (k + 7919) % spec.n;
          sink.value += out[k];
        },
        output: () => out,
      };
    },
  };
}

/** The pool rows of a workload: 1, 2 and all threads. */
export const nninitPools = (fn, params) => POOL_THREADS.map((threads) => nninitPoolCandidate(fn, params, threads));

/** The pool rows of the whole-model workload. */
export const nninitPoolModels = (tensors) => POOL_THREADS.map((threads) => nninitPoolModel(threads, tensors, { poolOf, label: label(threads) }));
