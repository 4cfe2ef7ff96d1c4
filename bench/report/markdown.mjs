// The full results page (bench/results/latest.md): context, targets, noise, one table per workload.

import { cells, markdownTable, rowNotes, failures } from "./table.mjs";
import { targetLines } from "./targets.mjs";
import { gpuSection } from "../peers/gpu.mjs";

export function context(report) {
  const m = report.machine;
  const np = report.numpy;
  const numpyLine = np.ok
    ? `numpy ${np.numpy} (python ${np.python}), BLAS ${np.blas.name} ${np.blas.version}, kernel ${np.blas.corename ?? "unknown"}, ${np.blas.threads ?? "?"} BLAS threads (from ${np.blas.source}); OPENBLAS_CORETYPE/OPENBLAS_L2_SIZE unset for numpy's process`
    : np.note;
  const jax = report.jax?.all;
  const jaxLine = !jax ? null : jax.ok
    ? `jax ${jax.jax} (python ${jax.python}) on CPU, eager: ${jax.threads} threads (XLA's CPU thread pool is sized by the cores the process may run on), and pinned to 1 core (taskset -c 0) for the per-core rows`
    : jax.note;
  return [
    `- Command: \`${report.command}\`${report.quick ? " (quick smoke run: small sizes, not the target sizes)" : ""}`,
    `- Date: ${m.date}`,
    `- Machine: ${m.cpu}, ${m.cores} cores${m.avx512 ? " (AVX-512)" : ""}, ${m.memoryGiB} GiB, ${m.os}`,
    `- Node ${m.node}, V8 ${m.v8}; nninit builds measured: SIMD and scalar (\`useBuild\`), one thread`,
    `- Peers: @tensorflow/tfjs ${report.versions.tfjs} (cpu backend), ${report.versions.others}`,
    `- ${numpyLine}`,
    ...(jaxLine ? [`- ${jaxLine}`] : []),
    `- Run time: ${report.seconds.toFixed(0)} s`,
  ].join("\n");
}

export const LEGEND =
  "median: median time per call over n samples (benchmark.js; each sample lasts ≥ 50 ms or one call). " +
  "spread: benchmark.js's relative margin of error of the mean (95%). throughput: elements / median. " +
  "nninit ×: this row's median ÷ the nninit SIMD row's median at the same size in the same run, i.e. how many times " +
  "faster nninit is (below 1× the row is faster). allocates: the call returns a new array each time; the others fill a " +
  "preallocated array. check: the last output's mean/std (and bounds, orthogonality) against the law, outside the timed region.";

function workloadSection(title, rows) {
  const body = rows.map((r) => {
    const c = cells(r);
    return [r.size, r.label, `\`${r.call}\``, r.allocates ? "yes" : "no", c.median, c.spread, c.rate, c.ratio, c.check];
  });
  return `### ${title}\n\n${markdownTable(["size", "library", "call", "allocates", "median", "spread", "throughput", "nninit ×", "check"], body)}`;
}

export function markdown(report) {
  const byWorkload = [...new Set(report.rows.map((r) => r.workload))].map((w) => report.rows.filter((r) => r.workload === w));
  const failed = failures(report.rows);
  const notes = rowNotes(report.rows);
  return [
    "# nninit benchmarks",
    context(report),
    report.noise.sentence,
    `![throughput per workload, log scale](${report.name}.svg)`,
    "## Targets",
    targetLines(report.targets).join("\n"),
    "## Results",
    LEGEND,
    ...byWorkload.map((rows) => workloadSection(rows[0].title, rows)),
    notes.length ? `Notes:\n\n${notes.map((n) => `- ${n}`).join("\n")}` : "",
    gpuSection(report.gpu),
    failed.length
      ? `## FAILED CHECKS\n\n${failed.map((r) => `- ${r.workload} ${r.size} ${r.label}: ${r.problems.join("; ")}`).join("\n")}`
      : "All outputs passed their distribution checks.",
    `Sink (sum of one sampled element per timed call, printed so no call can be dropped): ${report.sink}`,
  ].filter(Boolean).join("\n\n") + "\n";
}
