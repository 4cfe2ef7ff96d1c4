// `--shard auto`: N processes of a job array (SLURM's or a Kubernetes Indexed Job's variables),
// run concurrently into one directory, write a directory equal byte for byte to a single-process
// run: each its shards (k - 1 ≡ its place mod N), the task owning shard 1 config.json and the
// index. Real processes of the built CLI (run `npm run build` first).

import { describe, expect, it } from "vitest";
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { taskPlace, ownsShard } from "../../src/cli/job-array.js";
import { main } from "../../src/cli/main.js";

const CLI = join(__dirname, "../../dist/esm/cli.js");
const ARGS = ["init", "gpt2", "--set", "n_layer=2", "--set", "n_embd=64", "--set", "n_head=4", "--set", "vocab_size=1000", "--set", "n_positions=128",
  "--dtype", "bfloat16", "--seed", "9", "--max-shard-size", "50kB", "-q"];
const run = promisify(execFile);
const snapshot = (dir: string) => Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));

describe("the task's place", () => {
  it("SLURM: task id - min of count; Kubernetes: JOB_COMPLETION_INDEX of JOB_COMPLETIONS; 3 tasks share 7 shards", () => {
    expect(taskPlace({ SLURM_ARRAY_TASK_ID: "5", SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_COUNT: "3" })).toEqual({ index: 1, count: 3, from: "SLURM" });
    expect(taskPlace({ JOB_COMPLETION_INDEX: "2", JOB_COMPLETIONS: "3" })).toEqual({ index: 2, count: 3, from: "Kubernetes" });
    const shares = [0, 1, 2].map((index) => [1, 2, 3, 4, 5, 6, 7].filter((k) => ownsShard({ index, count: 3, from: "" }, k)));
    expect(shares).toEqual([[1, 4, 7], [2, 5], [3, 6]]);
  });

  it.each([
    [{}, /--shard auto needs a job array/],
    [{ JOB_COMPLETION_INDEX: "0" }, /JOB_COMPLETIONS must be a non-negative integer, got nothing/],
    [{ SLURM_ARRAY_TASK_ID: "9", SLURM_ARRAY_TASK_MIN: "0", SLURM_ARRAY_TASK_COUNT: "3" }, /task 9 of 3 \(SLURM\) is not a place in the array/],
  ])("%j: a usage error", (env, message) => {
    expect(() => taskPlace(env)).toThrow(message);
  });

  it("--shard auto outside a job array: exit 2", async () => {
    let err = "";
    const saved = { ...process.env };
    for (const k of ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]) delete process.env[k];
    try {
      const code = await main([...ARGS, "--shard", "auto", "-o", join(mkdtempSync(join(tmpdir(), "nninit-array-")), "m")],
        { stdout: { write: () => true }, stderr: { write: (s: string) => { err += s; return true; } } as unknown as NodeJS.WriteStream, quiet: true, signal: new AbortController().signal });
      expect(code).toBe(2);
      expect(err).toMatch(/--shard auto needs a job array/);
    } finally {
      process.env = saved;
    }
  });
});

describe.skipIf(!existsSync(CLI))("a job array writes the single-process directory (concurrent real processes)", () => {
  it.each([
    ["SLURM, 3 tasks (--array=4-6)", 3, (i: number) => ({ SLURM_ARRAY_TASK_ID: String(4 + i), SLURM_ARRAY_TASK_MIN: "4", SLURM_ARRAY_TASK_COUNT: "3" })],
    ["Kubernetes Indexed Job, 4 tasks", 4, (i: number) => ({ JOB_COMPLETION_INDEX: String(i), JOB_COMPLETIONS: "4" })],
  ])("%s", async (_label, n, env) => {
    const single = join(mkdtempSync(join(tmpdir(), "nninit-array-")), "m"), shared = join(mkdtempSync(join(tmpdir(), "nninit-array-")), "m");
    await run(process.execPath, [CLI, ...ARGS, "-o", single]);
    const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("SLURM_") && !k.startsWith("JOB_COMPLETION")));
    await Promise.all(Array.from({ length: n }, (_, i) => run(process.execPath, [CLI, ...ARGS, "--shard", "auto", "-o", shared], { env: { ...clean, ...env(i) } })));
    const want = snapshot(single);
    expect(Object.keys(want).length).toBeGreaterThan(n + 2); // more shards than tasks, + index + config
    expect(snapshot(shared)).toEqual(want);
  }, 60_000);
});
