// Honest rates from a clock that may be coarse or frozen. Browsers round performance.now() (to
// 5 us, 100 us, 1 ms or more with fingerprinting protection), so a fast fill can time as 0 ms,
// and n / 0 is "Infinity M elements/s". Here a measurement is repeated until the clock has
// clearly moved, and a rate is shown as the range the clock's granularity allows, or as
// "> X" when the clock never moved at all.

/** A clock in milliseconds (performance.now by default; tests pass a fake one). */
export type Clock = () => number;

/** The smallest step the clock takes (its granularity), in ms; 0 if it did not move in `spins`. */
export function clockStep(now: Clock = () => performance.now(), spins = 1e6): number {
  let step = Infinity;
  let last = now();
  for (let i = 0, seen = 0; i < spins && seen < 3; i++) {
    const t = now();
    if (t !== last) {
      step = Math.min(step, t - last);
      last = t;
      seen++;
    }
  }
  return step === Infinity ? 0 : step;
}

const steps = new WeakMap<Clock, number>();
/** clockStep, measured once per clock. */
function stepOf(now: Clock): number {
  let step = steps.get(now);
  if (step === undefined) steps.set(now, (step = clockStep(now, 1e5)));
  return step;
}

const PERFORMANCE_NOW: Clock = () => performance.now();

/** Runs done and the elapsed time on the clock, with the clock's step. */
export interface Timing {
  runs: number;
  ms: number;
  step: number;
}

/**
 * Calls `run` until at least `minMs` (and `minRuns` runs) have passed on the clock, or
 * `maxRuns` runs were made; `firstMs` is the time of a run already made, counted as one.
 */
export function timeRuns(run: () => void, { minMs = 10, minRuns = 1, maxRuns = 10_000, firstMs = undefined as number | undefined, now = PERFORMANCE_NOW } = {}): Timing {
  let runs = 0, ms = 0;
  if (firstMs !== undefined) { runs = 1; ms = firstMs; }
  const t0 = now() - ms;
  while ((ms < minMs || runs < minRuns) && runs < maxRuns) {
    run();
    runs++;
    ms = now() - t0;
  }
  return { runs, ms, step: stepOf(now) };
}

/** The range of elements per second `n` elements per run allow, given the clock's step. */
export function rateRange(n: number, t: Timing): { low: number; high: number } {
  const elements = n * t.runs;
  const step = Math.max(t.step, 0);
  const low = elements / ((t.ms + step) / 1000);
  const high = t.ms > step ? elements / ((t.ms - step) / 1000) : Infinity;
  return { low, high };
}

/** "512 M elements/s", "480-530 M elements/s" or "> 900 M elements/s"; never Infinity. */
export function rateText(n: number, t: Timing, unit = "M elements/s"): string {
  const { low, high } = rateRange(n, t);
  const m = (x: number) => (x / 1e6 >= 10 ? (x / 1e6).toFixed(0) : (x / 1e6).toPrecision(2));
  if (!Number.isFinite(low) || low <= 0) return `n/a (the clock did not move)`;
  if (high === Infinity) return `> ${m(low)} ${unit}`;
  if (high / low < 1.05) return `${m(Math.sqrt(low * high))} ${unit}`;
  return `${m(low)}–${m(high)} ${unit}`;
}
