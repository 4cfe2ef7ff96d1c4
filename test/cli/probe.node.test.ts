// `nninit probe`: the per-layer table of nninit/probe on the terminal, the training comparison
// with --train, and the probe's own spec errors as usage errors (exit 2, nothing on stdout).

import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { probe, formatProbeTable, compareTraining } from "../../src/probe/index.js";

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = "", err = "";
  const stderr = { write: (s: string) => { err += s; return true; }, isTTY: false } as unknown as NodeJS.WriteStream;
  const code = await main(args, { stdout: { write: (s: string) => { out += s; } }, stderr, quiet: false, signal: new AbortController().signal });
  return { code, out, err };
}

describe("nninit probe", () => {
  it("prints formatProbeTable of the same spec: one row per layer", async () => {
    const args = ["--init", "xavierNormal", "--activation", "relu", "--layers", "4", "--width", "32", "--batch", "16", "--seed", "7", "--steps", "1"];
    const { code, out } = await run(["probe", ...args]);
    expect(code).toBe(0);
    const expected = formatProbeTable(probe({ init: "xavierNormal", activation: "relu", layers: 4, width: 32, batch: 16, seed: 7n, steps: 1 }));
    expect(out).toBe(`${expected}\n`);
    expect(out.trim().split("\n")).toHaveLength(2 + 4);
  });

  it("passes --options to the initializer", async () => {
    const { code, out } = await run(["probe", "--init", "kaimingNormal", "--options", '{"nonlinearity":"relu"}', "--layers", "2", "--width", "16", "--batch", "8"]);
    expect(code).toBe(0);
    expect(out).toBe(`${formatProbeTable(probe({ init: { name: "kaimingNormal", options: { nonlinearity: "relu" } }, layers: 2, width: 16, batch: 8 }))}\n`);
  });

  it("--train prints each curve's first and last loss: zeros stays at ln 2", async () => {
    const { code, out } = await run(["probe", "--layers", "2", "--width", "8", "--batch", "8", "--train"]);
    expect(code).toBe(0);
    const training = compareTraining({ inits: ["zeros", "xavierNormal", { name: "kaimingNormal", options: { nonlinearity: "relu" } }], activation: "tanh" });
    for (const c of training.curves) expect(out).toContain(`seed ${c.seed}: loss ${c.loss[0]!.toFixed(4)} -> ${c.loss.at(-1)!.toFixed(4)}`);
    expect(out).toMatch(/zeros\s+seed 0: loss 0\.6931 -> 0\.6931/);
  });

  it.each([
    [["--init", "nope"], /init/],
    [["--activation", "softsign"], /activation/],
    [["--layers", "0"], /--layers must be an integer >= 1/],
    [["--width", "9999"], /width/],
    [["--options", "[1]"], /--options must be a JSON object/],
    [["--options", "{"], /--options must be a JSON object/],
    [["--seed", "x"], /--seed must be an integer/],
    [["--depth", "3"], /unknown option --depth/],
    [["extra"], /unexpected argument "extra"/],
  ])("bad input %j: exit 2, a message naming it, nothing on stdout", async (args, message) => {
    const { code, out, err } = await run(["probe", ...args]);
    expect(code).toBe(2);
    expect(out).toBe("");
    expect(err).toMatch(/^nninit probe: /);
    expect(err).toMatch(message);
  });

  it("--help prints its usage", async () => {
    const { code, out } = await run(["probe", "--help"]);
    expect(code).toBe(0);
    expect(out).toMatch(/^nninit probe \[--init NAME\]/);
  });
});
