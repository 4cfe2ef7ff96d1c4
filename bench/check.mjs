// What keeps the timed work honest, all of it done outside the timed region:
// - the sink: every timed call adds one element of its output to `sink.value` (a sampled read
//   the JIT cannot drop), and the total is printed and saved with the results;
// - the moments check: after each measurement the last output's mean and std are compared with
//   the law the workload promises. A wrong distribution fails the run loudly.

export const sink = { value: 0 };

/** Mean, standard deviation (population), min and max, accumulated in float64 (two passes). */
export function moments(x) {
  const n = x.length;
  let sum = 0, min = Infinity, max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = x[i];
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - mean) ** 2;
  return { n, mean, std: Math.sqrt(ss / n), min, max };
}

/**
 * Problems with moments `m` against `expect` = { mean, std, lo?, hi? }: empty when it passes.
 * Tolerances are 6 standard errors (a false alarm about once in 10^9 checks), so a wrong scale
 * of a few percent is caught at 64K elements and up, and a wrong law at any size.
 */
export function checkMoments(m, expect) {
  const problems = [];
  const se = expect.std / Math.sqrt(m.n);
  const exact = 1e-6 * Math.max(1, Math.abs(expect.mean), expect.std);
  if (!(Math.abs(m.mean - expect.mean) <= 6 * se + exact)) problems.push(`mean ${m.mean.toPrecision(5)}, expected ${expect.mean.toPrecision(5)} ± ${(6 * se + exact).toPrecision(2)}`);
  if (!(Math.abs(m.std - expect.std) <= 6 * se + exact)) problems.push(`std ${m.std.toPrecision(5)}, expected ${expect.std.toPrecision(5)} ± ${(6 * se + exact).toPrecision(2)}`);
  if (expect.lo !== undefined && !(m.min >= expect.lo)) problems.push(`min ${m.min} below ${expect.lo}`);
  if (expect.hi !== undefined && !(m.max <= expect.hi)) problems.push(`max ${m.max} above ${expect.hi}`);
  return problems;
}

/**
 * Largest |row_i · row_j − δ_ij| over a few sampled pairs of rows of a side×side matrix (with
 * unit gain): a cheap orthogonality check that costs O(pairs·side), not O(side³).
 */
export function orthogonalityError(q, side, pairs = 24) {
  let worst = 0;
  for (let p = 0; p < pairs; p++) {
    const i = (p * 7919) % side;
    const j = p % 3 === 0 ? i : (p * 104729 + 1) % side;
    let dot = 0;
    for (let k = 0; k < side; k++) dot += q[i * side + k] * q[j * side + k];
    worst = Math.max(worst, Math.abs(dot - (i === j ? 1 : 0)));
  }
  return worst;
}

/** The float32 tolerance issue 3 sets for QᵀQ = I: 1e-5·n. */
export const orthogonalityTolerance = (side) => 1e-5 * side;
