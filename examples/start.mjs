// npm start: the main job on an embedded default. Writes GPT-2 small (Hugging Face's
// GPT2LMHeadModel: names, shapes and init of transformers' _init_weights) as a bfloat16
// safetensors checkpoint with config.json into ./output/gpt2 (gitignored), then inspects it:
// each tensor's statistics against the law its recipe names (the old demo's per-layer check),
// and prints the write throughput.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { join, dirname } from "node:path";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const cli = join(root, "dist/esm/cli.js");
const output = join(root, "output/gpt2");
const run = (args) => execFileSync(process.execPath, [cli, ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });

console.log(`$ nninit init gpt2 --dtype bfloat16 -o output/gpt2`);
const t0 = performance.now();
const wrote = run(["init", "gpt2", "--dtype", "bfloat16", "-o", output]);
const seconds = (performance.now() - t0) / 1000;
process.stdout.write(wrote);

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
  `(whole command: start-up, wasm compile, generation, rounding, writing; one thread)`);
