// `nninit probe`: nninit/probe's per-layer table for one stack of random layers (activation
// statistics, gradient std and a histogram sparkline per layer), and with --train the training
// comparison's losses. The probe validates its spec itself; its TypeError/RangeError is a usage
// error here (exit 2).

import { probe, formatProbeTable, compareTraining, ACTIVATIONS, type ProbeSpec, type Activation, type InitSpec } from "../probe/index.js";
import { parseArgs, flag, intFlag, UsageError } from "./args.js";
import type { Context } from "./context.js";

export const PROBE_FLAGS = ["layers", "width", "batch", "activation", "init", "options", "seed", "steps", "train", "json", "help", "quiet"];
export const PROBE_USAGE = `nninit probe [--init NAME] [--options JSON] [--activation A] [--layers N] [--width N]
             [--batch N] [--seed N] [--steps N] [--train] [--json]

  --init NAME     the weights' initializer (default kaimingNormal), any nninit initializer name
  --options JSON  its options, e.g. '{"nonlinearity":"relu"}'
  --activation A  ${ACTIVATIONS.join(", ")} (default tanh)
  --layers N      weight layers (default 10); --width N units per layer (default 256)
  --batch N       inputs (default 256); --seed N the probe's seed (default 0)
  --steps N       gradient steps before units are counted (default 3)
  --train         also train a tiny network on two spirals from zeros, xavierNormal and
                  kaimingNormal(relu) with this activation, and print each curve's losses
  --json          the report (and the training curves) as JSON on stdout`;

/** JSON with typed arrays as arrays. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_k, v) => (ArrayBuffer.isView(v) ? Array.from(v as unknown as ArrayLike<number>) : typeof v === "bigint" ? String(v) : v));
}

/** The initializers --train compares. */
const TRAINING_INITS: InitSpec[] = ["zeros", "xavierNormal", { name: "kaimingNormal", options: { nonlinearity: "relu" } }];

/** The --options flag: a JSON object. */
function initOptions(text: string | undefined): Record<string, unknown> | undefined {
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new UsageError(`--options must be a JSON object, got ${JSON.stringify(text)}`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new UsageError(`--options must be a JSON object, got ${text}`);
  return value as Record<string, unknown>;
}

/** The probe's own errors (bad spec) are usage errors. */
function asUsage<T>(run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof TypeError || error instanceof RangeError) throw new UsageError(error.message);
    throw error;
  }
}

export function runProbe(argv: readonly string[], ctx: Context): void {
  const p = parseArgs(argv, PROBE_FLAGS);
  if (p.positional.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(p.positional[0])}`);
  const name = flag(p, "init") ?? "kaimingNormal";
  const options = initOptions(flag(p, "options"));
  const init: InitSpec = options ? { name, options } : name;
  const activation = flag(p, "activation") as Activation | undefined;
  const spec: ProbeSpec = { init };
  const ints = { layers: intFlag(p, "layers", 1), width: intFlag(p, "width", 1), batch: intFlag(p, "batch", 1), steps: intFlag(p, "steps", 0) };
  for (const [k, v] of Object.entries(ints)) if (v !== undefined) (spec as Record<string, unknown>)[k] = v;
  if (activation !== undefined) spec.activation = activation;
  const seed = flag(p, "seed");
  if (seed !== undefined) {
    if (!/^-?\d+$/.test(seed)) throw new UsageError(`--seed must be an integer, got ${JSON.stringify(seed)}`);
    spec.seed = BigInt(seed);
  }

  const t0 = performance.now();
  const report = asUsage(() => probe(spec));
  if (p.flags.has("json")) {
    const training = p.flags.has("train") ? asUsage(() => compareTraining({ inits: TRAINING_INITS, activation: report.activation })) : undefined;
    ctx.stdout.write(`${toJson(training ? { ...report, training } : report)}\n`);
    return;
  }
  ctx.stdout.write(`${formatProbeTable(report)}\n`);
  if (!ctx.quiet) ctx.stderr.write(`probe: ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  if (flag(p, "train") !== undefined) {
    const training = asUsage(() => compareTraining({ inits: TRAINING_INITS, activation: report.activation }));
    ctx.stdout.write(`\ntwo spirals, ${training.steps} Adam steps, ${training.hidden} x ${training.hidden} ${training.activation} hidden units:\n`);
    const width = Math.max(...training.curves.map((c) => c.init.length));
    for (const c of training.curves) {
      ctx.stdout.write(`${c.init.padEnd(width)}  seed ${c.seed}: loss ${c.loss[0]!.toFixed(4)} -> ${c.loss.at(-1)!.toFixed(4)}, accuracy ${(100 * c.accuracy).toFixed(0)}%\n`);
    }
  }
}
