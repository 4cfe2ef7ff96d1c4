// Command-line parsing for nninit: `--flag value`, `--flag=value`, `-o value`, repeated --set.
// Usage errors are UsageError (exit code 2).

export class UsageError extends Error {
  override name = "UsageError";
}

export interface Parsed {
  positional: string[];
  flags: Map<string, string[]>;
}

/** Flags that take no value. */
const BOOLEAN = new Set(["torch", "quiet", "json", "help", "version", "no-progress", "train", "force", "dry-run", "verbose"]);
const ALIASES: Record<string, string> = { o: "output", q: "quiet", h: "help", V: "version" };

export function parseArgs(argv: readonly string[], known: readonly string[]): Parsed {
  const positional: string[] = [];
  const flags = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") { positional.push(...argv.slice(i + 1)); break; }
    const m = /^(?:--([a-z][a-z0-9-]*)|-([a-zA-Z]))(?:=(.*))?$/s.exec(arg);
    if (!m) { positional.push(arg); continue; }
    const name = m[1] ?? ALIASES[m[2]] ?? m[2];
    if (!known.includes(name)) throw new UsageError(`unknown option ${arg.split("=")[0]}; options here: ${known.map((k) => `--${k}`).join(", ")}`);
    let value: string;
    if (BOOLEAN.has(name)) {
      if (m[3] !== undefined) throw new UsageError(`--${name} takes no value`);
      value = "true";
    } else if (m[3] !== undefined) {
      value = m[3];
    } else {
      if (i + 1 >= argv.length) throw new UsageError(`--${name} needs a value`);
      value = argv[++i];
    }
    flags.set(name, [...(flags.get(name) ?? []), value]);
  }
  return { positional, flags };
}

/** The last value of a flag (undefined when absent). */
export function flag(p: Parsed, name: string): string | undefined {
  const v = p.flags.get(name);
  return v?.[v.length - 1];
}

/** An integer flag in [min, max]. */
export function intFlag(p: Parsed, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const v = flag(p, name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be an integer${max === Number.MAX_SAFE_INTEGER ? ` >= ${min}` : ` in [${min}, ${max}]`}, got ${JSON.stringify(v)}`);
  }
  return n;
}

/** A --set key=value: the value parsed as JSON when it is JSON (numbers, true, null, arrays), else kept as a string. */
export function parseSet(text: string): [string, unknown] {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new UsageError(`--set needs key=value, got ${JSON.stringify(text)}`);
  const key = text.slice(0, eq), raw = text.slice(eq + 1);
  try {
    return [key, JSON.parse(raw)];
  } catch {
    return [key, raw];
  }
}
