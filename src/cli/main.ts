// The `nninit` command. Exit codes:
//   0    success
//   1    failure: an I/O error, a malformed file (inspect), an internal error
//   2    usage error: unknown command or option, bad value, bad config (nothing is written)
//   3    inspect: some tensor does not match its recipe's law
//   130  interrupted (Ctrl-C): files being written are removed, none is left under its final name

import { MODELS, buildRecipe, resolveConfig, parameterCount, modelDescription, supportsTorch } from "../models/index.js";
import { NNINIT_VERSION } from "../version.js";
import { parseArgs, UsageError } from "./args.js";
import { runInit, INIT_USAGE } from "./init.js";
import { runInspect, INSPECT_USAGE } from "./inspect.js";
import { runProbe, PROBE_USAGE } from "./probe.js";
import type { Context } from "./context.js";

const USAGE = `nninit ${NNINIT_VERSION}: neural-network weights, initialized and written as safetensors

usage:
  ${INIT_USAGE.replace(/\n/g, "\n  ")}

  ${INSPECT_USAGE.replace(/\n/g, "\n  ")}

  nninit models        the built-in models and their parameter counts

  ${PROBE_USAGE.replace(/\n/g, "\n  ")}

  nninit --version

exit codes: 0 ok, 1 failure, 2 usage error, 3 inspect found a tensor off its law, 130 interrupted`;

function runModels(ctx: Context): void {
  const rows = Object.keys(MODELS).map((name) => {
    const recipe = buildRecipe(resolveConfig(name));
    return [name, parameterCount(recipe).toLocaleString("en-US"), modelDescription(name) + (supportsTorch(recipe.config) ? " (--torch)" : "")];
  });
  const w0 = Math.max(...rows.map((r) => r[0].length)), w1 = Math.max(...rows.map((r) => r[1].length));
  ctx.stdout.write(`${rows.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`).join("\n")}\n`);
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "help" || command === "--help" || command === "-h") {
      ctx.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === "--version") {
      ctx.stdout.write(`${NNINIT_VERSION}\n`);
      return 0;
    }
    if (rest.includes("--help") || rest.includes("-h")) {
      const usage: Record<string, string> = { init: INIT_USAGE, inspect: INSPECT_USAGE, probe: PROBE_USAGE };
      ctx.stdout.write(`${usage[command] ?? USAGE}\n`);
      return 0;
    }
    const quiet = rest.includes("--quiet") || rest.includes("-q");
    const c = { ...ctx, quiet };
    switch (command) {
      case "init": await runInit(rest, c); return 0;
      case "inspect": return await runInspect(rest, c);
      case "models": parseArgs(rest, []); runModels(c); return 0;
      case "probe": runProbe(rest, c); return 0;
      default: throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: init, inspect, models, probe (nninit --help)`);
    }
  } catch (error) {
    if (ctx.signal.aborted) {
      ctx.stderr.write(`\nnninit: interrupted; no partial file was left\n`);
      return 130;
    }
    const usage = error instanceof UsageError;
    ctx.stderr.write(`nninit ${command}: ${(error as Error).message ?? String(error)}\n`);
    return usage ? 2 : 1;
  }
}
