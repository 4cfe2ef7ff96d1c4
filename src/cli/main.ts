// The `nninit` command. Exit codes (the same in every command):
//   0    success
//   1    failure: an I/O error (the message names the path as given and what to do), a malformed
//        file (inspect), a file verify cannot regenerate, an internal error
//   2    usage error: unknown command or option, bad value, bad config, a config past
//        --size-limit, an -o that holds files (without --force) or names a non-safetensors file;
//        nothing is written
//   3    inspect: some tensor does not match its recipe's law; verify: a byte differs from its
//        regeneration (the first differing tensor is named)
//   129, 130, 143  interrupted by SIGHUP, SIGINT (Ctrl-C), SIGTERM: the run stops at the next
//        chunk; temporary files are removed and no file of an incomplete set is left under its
//        final name (a --force run leaves the previous set as it was)

import { MODELS, buildRecipe, resolveConfig, parameterCount, modelDescription, supportsTorch } from "../models/index.js";
import { NNINIT_VERSION } from "../version.js";
import { parseArgs, UsageError } from "./args.js";
import { INIT_USAGE } from "./init.js";
import { runInit } from "./init-run.js";
import { runInspect, INSPECT_USAGE } from "./inspect.js";
import { runProbe, PROBE_USAGE } from "./probe.js";
import { runVerify, VERIFY_USAGE } from "./verify.js";
import { Interrupted, type Context } from "./context.js";

const MODELS_USAGE = `nninit models [--json]    the built-in models and their parameter counts`;

export const EXIT_CODES = `exit codes: 0 ok; 1 failure (I/O, malformed file, internal); 2 usage error (nothing written);
  3 inspect: a tensor off its law / verify: a byte differs; 129, 130, 143 interrupted (SIGHUP, SIGINT, SIGTERM)`;

const USAGES: Record<string, string> = { init: INIT_USAGE, verify: VERIFY_USAGE, inspect: INSPECT_USAGE, models: MODELS_USAGE, probe: PROBE_USAGE };

const USAGE = `nninit ${NNINIT_VERSION}: neural-network weights, initialized and written as safetensors

usage:
  ${INIT_USAGE.replace(/\n/g, "\n  ")}

  ${VERIFY_USAGE.replace(/\n/g, "\n  ")}

  ${INSPECT_USAGE.replace(/\n/g, "\n  ")}

  ${MODELS_USAGE}

  ${PROBE_USAGE.replace(/\n/g, "\n  ")}

  nninit help <command>, nninit <command> --help, nninit --version (-V)

${EXIT_CODES}`;

function runModels(argv: readonly string[], ctx: Context): void {
  const p = parseArgs(argv, ["json", "help", "quiet"]);
  if (p.positional.length > 0) throw new UsageError(`models takes no argument, got ${JSON.stringify(p.positional[0])}`);
  const rows = Object.keys(MODELS).map((name) => {
    const recipe = buildRecipe(resolveConfig(name));
    return { name, parameters: parameterCount(recipe), description: modelDescription(name), torch: supportsTorch(recipe.config) };
  });
  if (p.flags.has("json")) {
    ctx.stdout.write(`${JSON.stringify(rows)}\n`);
    return;
  }
  const cells = rows.map((r) => [r.name, r.parameters.toLocaleString("en-US"), r.description + (r.torch ? " (--torch)" : "")]);
  const w0 = Math.max(...cells.map((r) => r[0].length)), w1 = Math.max(...cells.map((r) => r[1].length));
  ctx.stdout.write(`${cells.map((r) => `${r[0].padEnd(w0)}  ${r[1].padStart(w1)}  ${r[2]}`).join("\n")}\n`);
}

/** Runs one command line; resolves to the exit code. */
export async function main(argv: readonly string[], ctx: Context): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === "--help" || command === "-h") {
      ctx.stdout.write(`${USAGE}\n`);
      return command === undefined ? 2 : 0;
    }
    if (command === "help") {
      if (rest.length > 0 && !Object.hasOwn(USAGES, rest[0])) throw new UsageError(`no command ${JSON.stringify(rest[0])}; commands: ${Object.keys(USAGES).join(", ")}`);
      ctx.stdout.write(`${rest.length > 0 ? USAGES[rest[0]] : USAGE}\n`);
      return 0;
    }
    if (command === "--version" || command === "-V") {
      ctx.stdout.write(`${NNINIT_VERSION}\n`);
      return 0;
    }
    if (Object.hasOwn(USAGES, command) && (rest.includes("--help") || rest.includes("-h"))) {
      ctx.stdout.write(`${USAGES[command]}\n\n${EXIT_CODES}\n`);
      return 0;
    }
    const quiet = rest.includes("--quiet") || rest.includes("-q");
    const c = { ...ctx, quiet };
    switch (command) {
      case "init": await runInit(rest, c); return 0;
      case "verify": return await runVerify(rest, c);
      case "inspect": return await runInspect(rest, c);
      case "models": runModels(rest, c); return 0;
      case "probe": runProbe(rest, c); return 0;
      default: throw new UsageError(`unknown command ${JSON.stringify(command)}; commands: ${Object.keys(USAGES).join(", ")} (nninit --help)`);
    }
  } catch (error) {
    if (ctx.signal.aborted) {
      const reason = ctx.signal.reason;
      // only init writes files; inspect, verify and probe only read, so they promise nothing
      const left = command === "init" ? "; no partial file was left" : "";
      ctx.stderr.write(`\nnninit: interrupted${reason instanceof Interrupted ? ` (${reason.signalName})` : ""}${left}\n`);
      return reason instanceof Interrupted ? reason.exitCode : 130;
    }
    const usage = error instanceof UsageError;
    // an error of the library names its function ("probe: ..."): the command already says it
    const message = String((error as Error).message ?? error).replace(new RegExp(`^${command}: `), "");
    ctx.stderr.write(`nninit ${command}: ${message}${usage ? ` (nninit help ${Object.hasOwn(USAGES, command) ? command : ""})`.replace(" )", ")") : ""}\n`);
    return usage ? 2 : 1;
  }
}
