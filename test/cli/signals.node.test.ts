// Signals, with real processes (the built dist/esm/cli.js): SIGINT once or twice, SIGTERM and
// SIGHUP in the middle of a write leave no temporary file and no file under a final name (one
// file, or a sharded set stopped at 60%), and exit 128 + the signal's number. Run `npm run build`
// first.

import { describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const CLI = join(__dirname, "../../dist/esm/cli.js");
// GPT-2 small in bfloat16 (249 MB) on one thread: long enough to be stopped part way
const ARGS = ["init", "gpt2", "--dtype", "bfloat16", "--threads", "1"];

/** Runs the CLI, sends `signals` once stderr shows `at` percent, resolves to the exit code and stderr. */
function interrupt(args: string[], at: number, signals: NodeJS.Signals[]): Promise<{ code: number | null; signal: string | null; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let err = "", sent = false;
    child.stderr.on("data", (d: Buffer) => {
      err += d;
      const m = [...err.matchAll(/ (\d+)% /g)].map((x) => Number(x[1]));
      if (!sent && m.some((p) => p >= at)) {
        sent = true;
        child.kill(signals[0]);
      }
      // a second signal once the first is being handled (sent together, the system would merge them)
      if (signals.length > 1 && /stopping after the current chunk/.test(err) && !err.includes("#second")) {
        err += "#second";
        child.kill(signals[1]);
      }
    });
    child.on("error", reject);
    child.on("exit", (code, signal) => resolve({ code, signal, err }));
  });
}

describe.skipIf(!existsSync(CLI))("signals end a write cleanly (real processes)", () => {
  it.each([
    ["SIGINT", ["SIGINT"], 130],
    ["SIGINT twice (quits at once)", ["SIGINT", "SIGINT"], 130],
    ["SIGTERM", ["SIGTERM"], 143],
    ["SIGHUP", ["SIGHUP"], 129],
  ] as const)("%s: exit code, no temporary file, no file under its final name, the created directory removed", async (_label, signals, exit) => {
    const parent = mkdtempSync(join(tmpdir(), "nninit-signal-")), dir = join(parent, "m");
    const r = await interrupt([...ARGS, "-o", dir], 20, [...signals]);
    expect(r.code, r.err).toBe(exit);
    expect(r.err).toMatch(/20%/);
    expect(r.err).toMatch(new RegExp(`${signals[0]}: stopping after the current chunk`));
    expect(readdirSync(parent)).toEqual([]);
  }, 60_000);

  it("a sharded write stopped at 60%: no shard under its final name, no index, no temporary", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-signal-"));
    const r = await interrupt([...ARGS, "--max-shard-size", "50MB", "-o", dir], 60, ["SIGINT"]);
    expect(r.code, r.err).toBe(130);
    expect(r.err).toMatch(/interrupted \(SIGINT\); no partial file was left/);
    expect(readdirSync(dir)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CLI))("a closed pipe (real processes)", () => {
  it("`nninit inspect FILE | head` ends quietly with 141 (SIGPIPE's code), no EPIPE stack", async () => {
    const { saveFile } = await import("../../src/checkpoint-node.js");
    const dir = mkdtempSync(join(tmpdir(), "nninit-epipe-"));
    const path = join(dir, "many.safetensors");
    // 5,000 one-value tensors: a table far past a pipe's 64 KiB buffer
    const data = new Float32Array(1);
    await saveFile(path, new Map(Array.from({ length: 5000 }, (_, i) => [`t${i}`, { shape: [1], data }] as const)));
    const { code, err } = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, "inspect", path], { stdio: ["ignore", "pipe", "pipe"] });
      let err = "";
      child.stderr.on("data", (d: Buffer) => { err += d; });
      // `head -1`: read the first chunk, then close our end
      child.stdout.once("data", () => child.stdout.destroy());
      child.on("error", reject);
      child.on("exit", (code) => resolve({ code, err }));
    });
    expect(err).toBe("");
    expect(code).toBe(141);
  }, 60_000);
});
