// What a run measures and for how long: one place for sizes, modes and the time budget.

const argv = process.argv.slice(2);
const flag = (name) => argv.includes(`--${name}`);
const value = (name) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);

export const quick = flag("quick");

/** The jax rows' workload ids (bench/peers/jax.mjs), by law; `--only=jax` names them all. */
export const JAX_WORKLOAD_IDS = { bits: "jaxBits", uniform: "jaxUniform", normal: "jaxNormal", truncatedNormal: "jaxTruncNormal" };

/** `--only=normal,uniform` runs just those workload ids (handy while developing; results go to quick.*); `jax` is the jax rows. */
export const only = value("only")?.split(",").flatMap((id) => (id === "jax" ? Object.values(JAX_WORKLOAD_IDS) : [id])) ?? null;

/** Element counts of the flat and square workloads (all powers of 4, so square shapes are exact). */
export const SIZES = quick ? [1 << 10, 1 << 16] : [1 << 10, 1 << 16, 1 << 20, 1 << 24];

/** Sides of the orthogonal workload (side x side matrices). */
export const ORTHO_SIDES = quick ? [32, 64] : [128, 512, 1024];

/** tfjs orthogonal takes ~60 s at 512² on this machine (one sample), and would take minutes at 1024². */
export const TFJS_ORTHO_MAX_SIDE = 512;

/** The size every target is stated at; a quick run checks targets at its largest size instead. */
export const TARGET_SIZE = SIZES[SIZES.length - 1];

/** Seed for every seeded peer, so a rerun draws the same numbers. */
export const SEED = 20240601;

/**
 * How many samples to take, given an estimate of one call's duration (seconds). benchmark.js
 * stops once it has minSamples and has spent maxTime; each sample lasts at least 50 ms. Slow
 * peers (tfjs at 16M, tfjs orthogonal) get fewer samples so the full run stays near 5 minutes;
 * the table shows n for every row. Above 20 s a call is timed once, directly (see measure.mjs).
 */
export function samplingPlan(seconds) {
  if (seconds > 20) return { once: true };
  if (seconds > 2) return { minSamples: quick ? 1 : 2, maxTime: 0 };
  if (seconds > 0.2) return { minSamples: 3, maxTime: 0 };
  return { minSamples: 5, maxTime: quick ? 0.1 : 0.25 };
}

/** Where results go: a full run writes latest.* (committed evidence), a partial run quick.* (ignored). */
export const RESULT_NAME = quick || only ? "quick" : "latest";
