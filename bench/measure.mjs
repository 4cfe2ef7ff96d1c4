// One measurement: a candidate at one size, timed by benchmark.js, then checked.
//
// A candidate is { id, label, call, allocates, primary?, unavailable?, skip?(spec), estRate?, minSamples?,
// prepare?() (may be async), make(spec) -> { run() or runAsync(), output(), verify?() }, expect?(spec), precomputed?(spec) }.
// `run` (or `runAsync`, awaited) is the timed call; everything else (allocation of `out`, the build switch, the checks)
// happens outside the timed region.

import Benchmark from "benchmark";
import { samplingPlan } from "./config.mjs";
import { moments, checkMoments, orthogonalityError, orthogonalityTolerance } from "./check.mjs";
import { summarize } from "./stats.mjs";

const now = () => performance.now() / 1e3;
const collect = () => globalThis.gc?.(); // with --expose-gc: the previous row's garbage is not billed to this one

/** Elements/s measured for each candidate at its previous size, to predict the next one. */
const lastRate = new Map();

/** Problems with a job's output: the candidate's own verify, else moments against the law. */
function verify(workload, cand, spec, job) {
  if (job.verify) return job.verify();
  const out = job.output();
  if (Array.isArray(out)) return out.flatMap((t) => checkMoments(moments(t.data), t.expect).map((p) => `${t.name}: ${p}`));
  const law = (cand.expect ?? workload.expect)(spec);
  const problems = checkMoments(moments(out), law);
  if (workload.orthogonal) problems.push(...orthogonalProblems(orthogonalityError(out, spec.side), spec.side));
  return problems;
}

function orthogonalProblems(err, side) {
  return err <= orthogonalityTolerance(side) ? [] : [`|QᵀQ − I| = ${err.toExponential(2)} > ${orthogonalityTolerance(side).toExponential(1)}`];
}

/** Rows for measurements made in another process (numpy): same summary, same checks. */
function fromPrecomputed(workload, cand, spec) {
  const r = cand.precomputed(spec);
  if (!r) return { note: "not measured" };
  const problems = checkMoments(r.moments, (cand.expect ?? workload.expect)(spec));
  if (workload.orthogonal) problems.push(...orthogonalProblems(r.orthoError, spec.side));
  return { stats: summarize(r.samples), problems };
}

/**
 * One call timed with performance.now, for calls so slow (tfjs orthogonal at 512²: a minute or
 * more) that benchmark.js's untimed pre-test call would double the row's cost. Reported as a
 * single sample.
 */
async function timeOnce(job) {
  collect();
  const t0 = now();
  await (job.runAsync ?? job.run)();
  return summarize([now() - t0]);
}

/**
 * benchmark.js over `job.run` (synchronous), or over `job.runAsync` as a deferred benchmark
 * (the pool's fills resolve on a later task; each call is awaited before the next starts).
 */
function benchmarkOf(name, job, options) {
  if (!job.runAsync) return new Benchmark(name, job.run, options);
  return new Benchmark(name, { ...options, defer: true, fn: (deferred) => job.runAsync().then(() => deferred.resolve()) });
}

async function time(workload, cand, spec) {
  const key = `${workload.id}/${cand.id}/${cand.label}`;
  await cand.prepare?.();
  const job = cand.make(spec);
  let estimate = lastRate.has(key) ? spec.n / lastRate.get(key) : cand.estRate ? spec.n / cand.estRate : null;
  if (estimate === null) {
    // Plan from one call. No other warm-up is needed: benchmark.js makes an untimed pre-test call
    // and calibration cycles before its first sample (JIT, first touch of `out`, wasm compile).
    collect();
    const t0 = now();
    await (job.runAsync ?? job.run)();
    estimate = now() - t0;
  }
  const plan = samplingPlan(estimate);
  if (plan.once) {
    const stats = await timeOnce(job);
    lastRate.set(key, spec.n / stats.median);
    return { stats, problems: verify(workload, cand, spec, job), timer: "performance.now, one call" };
  }
  plan.minSamples = Math.max(plan.minSamples, cand.minSamples ?? 1);
  collect();
  const bench = benchmarkOf(`${workload.id} ${spec.label} ${cand.label}`, job, { minSamples: plan.minSamples, maxTime: plan.maxTime, initCount: 1 });
  await new Promise((resolve) => { bench.on("complete", resolve); bench.run({ async: !!job.runAsync }); });
  if (bench.error) throw bench.error;
  const stats = summarize(bench.stats.sample);
  // benchmark.js's own mean and rme, kept as it reports them.
  Object.assign(stats, { mean: bench.stats.mean, rme: stats.samples > 1 ? bench.stats.rme : NaN });
  lastRate.set(key, spec.n / stats.median);
  return { stats, problems: verify(workload, cand, spec, job), timer: "benchmark.js" };
}

/** The row for `cand` at `spec`; never throws, so one broken peer cannot sink the run. */
export async function measure(workload, cand, spec) {
  const row = {
    workload: workload.id, title: workload.title, size: spec.label, n: spec.n,
    id: cand.id, label: cand.label, call: cand.call, allocates: cand.allocates, primary: !!cand.primary, note: cand.note,
  };
  const skipped = cand.unavailable || cand.skip?.(spec);
  if (skipped) return { ...row, note: skipped };
  const start = now();
  try {
    const { stats, problems, note, timer } = cand.precomputed ? fromPrecomputed(workload, cand, spec) : await time(workload, cand, spec);
    if (note) return { ...row, note };
    row.timer = timer ?? "python time.perf_counter loop";
    // wallSeconds: what the row cost this process (warm-up, samples, checks), to keep the budget honest.
    return { ...row, ...stats, rate: spec.n / stats.median, problems, wallSeconds: cand.precomputed ? undefined : Math.round((now() - start) * 100) / 100 };
  } catch (e) {
    return { ...row, problems: [`threw: ${e?.stack ?? e}`] };
  }
}
