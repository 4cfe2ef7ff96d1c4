// Compares nninit's module constructors and stateDict with reference data written by real torch
// (scripts/torch-models-reference.py): names and order, shapes, a SHA-256 of every tensor's bytes,
// sampled values, and the generator's next draws after a module (words consumed, cached normal).

/** One tensor as the reference script describes it. */
export interface RefTensor {
  shape: number[];
  sha256?: string;
  samples?: [number, number][];
  dtype?: "int64";
  values?: number[];
}

export interface ModuleCase {
  kind: "module";
  fn: string;
  args: unknown[];
  options: Record<string, unknown>;
  seed: number;
  build: "avx2" | "default";
  tensors: Record<string, RefTensor>;
  after: { uniform: number[]; normal: number[] };
}

export interface ModelCase {
  kind: "model";
  model: string;
  config: Record<string, unknown>;
  seed: number;
  build: "avx2" | "default";
  parameters: string[];
  tensors: Record<string, RefTensor>;
}

export type Case = ModuleCase | ModelCase;

export interface References {
  torch: string;
  torchvision: string;
  cases: Case[];
}

type Tensor = { shape: number[]; data: Float32Array | BigInt64Array };

/** The first 16 hex digits of the SHA-256 of a float32 array's little-endian bytes (as the script). */
export async function sha16(data: Float32Array): Promise<string> {
  const bytes = new Uint8Array(data.buffer, data.byteOffset, data.byteLength) as Uint8Array<ArrayBuffer>;
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest.slice(0, 8)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Distance in float32 units in the last place between two float32 values (same sign assumed near). */
export function ulps(a: number, b: number): number {
  const f = new Float32Array([a, b]);
  const i = new Int32Array(f.buffer);
  const key = (x: number) => (x < 0 ? -(x & 0x7fffffff) : x);
  return Math.abs(key(i[0]) - key(i[1]));
}

/** A readable label of a case. */
export function label(c: Case): string {
  const what = c.kind === "module" ? `${c.fn}(${JSON.stringify(c.args).slice(1, -1)}, ${JSON.stringify(c.options)})` : `${c.model} ${JSON.stringify(c.config)}`;
  return `${what} seed=${c.seed} build=${c.build}`;
}

/**
 * Every difference between `got` and the reference tensors, as messages (empty when equal).
 * `tolerance(name)` gives the ulp bound allowed for a tensor whose bytes differ (0: exact).
 */
export async function differences(c: Case, got: Map<string, Tensor>, tolerance: (name: string) => number = () => 0): Promise<string[]> {
  const out: string[] = [];
  const want = Object.keys(c.tensors);
  const have = [...got.keys()];
  if (JSON.stringify(want) !== JSON.stringify(have)) out.push(`names: want ${JSON.stringify(want)}, got ${JSON.stringify(have)}`);
  for (const name of want) {
    const ref = c.tensors[name];
    const t = got.get(name);
    if (t === undefined) continue;
    if (JSON.stringify(ref.shape) !== JSON.stringify(t.shape)) out.push(`${name}: shape ${JSON.stringify(t.shape)}, want ${JSON.stringify(ref.shape)}`);
    if (ref.dtype === "int64") {
      const values = t.data instanceof BigInt64Array ? [...t.data].map(Number) : null;
      if (JSON.stringify(values) !== JSON.stringify(ref.values)) out.push(`${name}: int64 values ${JSON.stringify(values)}, want ${JSON.stringify(ref.values)}`);
      continue;
    }
    if (!(t.data instanceof Float32Array)) { out.push(`${name}: not a Float32Array`); continue; }
    if ((await sha16(t.data)) === ref.sha256) continue;
    const bound = tolerance(name);
    const bad = (ref.samples ?? []).filter(([i, v]) => !(ulps(t.data[i] as number, v) <= bound));
    if (bound === 0 || bad.length > 0) {
      const [i, v] = bad[0] ?? ref.samples![0];
      out.push(`${name}: bytes differ (${bound} ulp allowed); e.g. [${i}] = ${t.data[i]}, want ${v} (${ulps(t.data[i] as number, v)} ulp)`);
    }
  }
  return out;
}
