// Runs one case of scripts/jax-reference.py's format through nninit/jax, giving its result in
// the script's format (float32 as uint32 bit patterns), so that a test compares the two as data.

import * as J from "../../src/jax/index.js";

export interface Case {
  op: string;
  [k: string]: unknown;
  result?: unknown;
}

const bitsOf = (a: Float32Array) => Array.from(new Uint32Array(a.buffer, a.byteOffset, a.length));
const snake = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type Init = (k: J.JaxKey, shape: number[]) => Float32Array;

function initializer(name: string, kw: Record<string, unknown>): Init {
  const I = J.initializers as unknown as Record<string, unknown>;
  const f = I[snake(name)];
  if (name === "zeros" || name === "ones") return f as Init;
  const g = f as (...a: unknown[]) => Init;
  switch (name) {
    case "constant": return g(kw.value);
    case "uniform": return g(kw.scale);
    case "normal": return g(kw.stddev);
    case "truncated_normal": return g(kw.stddev, kw.lower, kw.upper);
    case "orthogonal": case "delta_orthogonal": return g(kw.scale, kw.column_axis);
    case "variance_scaling": return g(kw.scale, kw.mode, kw.distribution, { inAxis: kw.in_axis, outAxis: kw.out_axis, batchAxis: kw.batch_axis });
    default: return g({ inAxis: kw.in_axis, outAxis: kw.out_axis, batchAxis: kw.batch_axis });
  }
}

function flax(c: Case): Record<string, number[]> {
  const rngs = new J.nnx.Rngs(c.seed as number);
  const args = (c.args ?? []) as number[];
  const kw = (c.kwargs ?? {}) as Record<string, unknown>;
  let params: Record<string, Float32Array | undefined>;
  switch (c.layer) {
    case "Linear": params = J.nnx.linear(args[0], args[1], rngs); break;
    case "Conv": params = J.nnx.conv(args[0], args[1], kw.kernel_size as number[], rngs); break;
    case "Embed": params = J.nnx.embed(args[0], args[1], rngs); break;
    case "LayerNorm": params = J.nnx.layerNorm(args[0], rngs); break;
    default: throw new Error(`unknown layer ${String(c.layer)}`);
  }
  // Sorted by name, as the script's JSON (Python sorts the state's paths).
  return Object.fromEntries(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, bitsOf(v as Float32Array)]));
}

export function run(c: Case): unknown {
  const key = () => J.wrapKeyData(c.key as number[]);
  const shape = (c.shape ?? []) as number[];
  switch (c.op) {
    case "key": return Array.from(J.keyData(J.key(BigInt(c.seed as string))));
    case "split": return J.split(key(), c.num as number).map((k) => Array.from(J.keyData(k)));
    case "fold_in": return Array.from(J.keyData(J.foldIn(key(), c.data as number)));
    case "bits": return Array.from(J.bits(key(), shape));
    case "uniform": return bitsOf(J.uniform(key(), shape, { minval: c.minval as number, maxval: c.maxval as number }));
    case "normal": return bitsOf(J.normal(key(), shape));
    case "bernoulli": return Array.from(J.bernoulli(key(), c.p as number, shape));
    case "truncated_normal": return bitsOf(J.truncatedNormal(key(), c.lower as number, c.upper as number, shape));
    case "init": return bitsOf(initializer(c.name as string, (c.kwargs ?? {}) as Record<string, unknown>)(key(), shape));
    case "flax": return flax(c);
    case "keras": {
      const K = J.keras as unknown as Record<string, (o: object) => (s: number[]) => Float32Array>;
      return bitsOf(K[c.name as string]({ ...(c.seed === undefined ? {} : { seed: c.seed }), ...(c.kwargs as object) })(shape));
    }
    default: throw new Error(`unknown op ${c.op}`);
  }
}

/** The first case whose result differs, described, or null when all agree. */
export function firstMismatch(cases: Case[]): string | null {
  for (const c of cases) {
    const mine = JSON.stringify(run(c)), theirs = JSON.stringify(c.result);
    if (mine !== theirs) {
      const { result: _, ...what } = c;
      return `${JSON.stringify(what)}\n  nninit: ${mine.slice(0, 300)}\n  jax:    ${theirs.slice(0, 300)}`;
    }
  }
  return null;
}
