// `--shard auto`: this task's place in a job array, from the scheduler's environment, with no
// coordinator. Task i of n writes the shards k with (k - 1) mod n = i; the task owning shard 1
// (i = 0) also writes config.json and the index. Every shard is a pure function of the config,
// seed and split, so the directory equals a single-process run byte for byte.
//   SLURM (sbatch --array=A-B, a contiguous range): i = SLURM_ARRAY_TASK_ID - SLURM_ARRAY_TASK_MIN,
//     n = SLURM_ARRAY_TASK_COUNT.
//   Kubernetes Indexed Job: i = JOB_COMPLETION_INDEX (set by Kubernetes), n = JOB_COMPLETIONS
//     (set it in the pod's env to the Job's spec.completions; Kubernetes does not).

import { UsageError } from "./args.js";

export interface TaskPlace {
  index: number;
  count: number;
  /** Where the place came from, for messages. */
  from: string;
}

function int(env: Record<string, string | undefined>, name: string): number {
  const v = env[name];
  if (v === undefined || !/^\d+$/.test(v.trim())) throw new UsageError(`--shard auto: ${name} must be a non-negative integer, got ${v === undefined ? "nothing (it is not set)" : JSON.stringify(v)}`);
  return Number(v);
}

/** The task's place from SLURM's or Kubernetes' variables; a usage error when neither is set. */
export function taskPlace(env: Record<string, string | undefined>): TaskPlace {
  let place: TaskPlace;
  if (env.SLURM_ARRAY_TASK_ID !== undefined) {
    place = { index: int(env, "SLURM_ARRAY_TASK_ID") - int(env, "SLURM_ARRAY_TASK_MIN"), count: int(env, "SLURM_ARRAY_TASK_COUNT"), from: "SLURM" };
  } else if (env.JOB_COMPLETION_INDEX !== undefined) {
    place = { index: int(env, "JOB_COMPLETION_INDEX"), count: int(env, "JOB_COMPLETIONS"), from: "Kubernetes" };
  } else {
    throw new UsageError("--shard auto needs a job array: SLURM_ARRAY_TASK_ID (sbatch --array) or JOB_COMPLETION_INDEX with JOB_COMPLETIONS (a Kubernetes Indexed Job); see examples/");
  }
  if (place.count < 1 || place.index < 0 || place.index >= place.count) {
    throw new UsageError(`--shard auto: task ${place.index} of ${place.count} (${place.from}) is not a place in the array (a contiguous array is needed: --array=0-N)`);
  }
  return place;
}

/** Whether task `place` writes shard k (1-based). */
export function ownsShard(place: TaskPlace, k: number): boolean {
  return (k - 1) % place.count === place.index;
}
