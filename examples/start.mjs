// npm start: the main job on an embedded default. Writes GPT-2 small (Hugging Face's
// GPT2LMHeadModel: names, shapes and init of transformers' _init_weights) as a bfloat16
// safetensors checkpoint with config.json into ./output/gpt2 (gitignored), then inspects it:
// each tensor's statistics against the law its recipe names (the old demo's per-layer check),
// and prints the write throughput: the whole-model init with the default thread count (chosen
// by the work's size: one thread for GPT-2 small's 124M values, where a pool costs more than it
// gains) against one thread (--threads 1, written to a scratch file, compared byte for byte,
// removed). --force: each run replaces the previous run's output/gpt2.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/esm/cli.js");
const output = join(root, "output/gpt2");
const run = (args) => execFileSync(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

/** Runs `nninit init gpt2` with these extra arguments; resolves to its output and the command's wall time (process start-up included). */
function init(args) {
  const t0 = performance.now();
  const wrote = run(["init", "gpt2", "--dtype", "bfloat16", ...args]);
  return { wrote, seconds: (performance.now() - t0) / 1000 };
}
const sha = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const threads = availableParallelism();

console.log(`$ nninit init gpt2 --dtype bfloat16 --force -o output/gpt2     # the default --threads`);
const pooled = init(["--force", "-o", output]);
process.stdout.write(pooled.wrote);
const used = Number(/, (\d+) threads?, /.exec(pooled.wrote)?.[1] ?? threads);
const seconds = pooled.seconds;

console.log(`\n$ nninit init gpt2 --dtype bfloat16 --threads 1 -q --force -o output/gpt2-one-thread.safetensors`);
const scratch = join(root, "output/gpt2-one-thread.safetensors");
const single = init(["--threads", "1", "-q", "--force", "-o", scratch]);
const same = sha(scratch) === sha(join(output, "model.safetensors"));
rmSync(scratch);
const workers = used > 1 ? `the calling thread + ${used - 1} worker${used > 2 ? "s" : ""}` : "the calling thread";
console.log(`one thread ${single.seconds.toFixed(2)} s, the default (${used} thread${used > 1 ? "s" : ""}: ${workers}) ${seconds.toFixed(2)} s: ${(single.seconds / seconds).toFixed(2)}x; ` +
  `same bytes: ${same ? "yes" : "NO"}`);
if (!same) process.exitCode = 1;

console.log(`\n$ nninit inspect output/gpt2`);
let report;
try {
  report = run(["inspect", output]);
} catch (error) {
  report = error.stdout; // exit 3: some tensor is off its law
  process.exitCode = error.status;
}
process.stdout.write(report);

const params = 124_439_808;
console.log(`\nthroughput: ${(params / seconds / 1e6).toFixed(0)} M parameters/s, ${(2 * params / seconds / 1e6).toFixed(0)} MB/s of bfloat16 ` +
  `(whole command with ${used} thread${used > 1 ? "s" : ""}: start-up, wasm compile, generation, rounding, writing)`);
