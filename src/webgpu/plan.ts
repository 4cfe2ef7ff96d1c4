// What a GPU fill computes, decided and checked on the CPU by the initializers' own code: the
// catalog names the initializer, its function checks the shape and every option exactly as a CPU
// call would (fans, gains, layouts, dtype reach), and hands its law to the generator it is given.
// Here that generator is a recorder: it keeps the law and moves nothing. The sampler parameters
// are then derived from the law as the CPU samplers derive theirs (src/random/sample.ts).

import { catalog, catalogEntry, type CatalogEntry } from "../initializers/catalog.js";
import { request } from "../initializers/tensor-options.js";
import { DRAW, type Draw, type DrawLaw, type RandomGenerator } from "../random/draw.js";
import { Generator, defaultGenerator } from "../random/generator.js";
import { intervalMass } from "../random/normal-cdf.js";
import { ownEntries, typeError, oneOf, show } from "../validate.js";
import type { Dtype } from "../dtype.js";
import type { Shape } from "../shape.js";
import type { KernelKind, Precision } from "./shader.js";

/** Options of a GPU fill that the CPU initializers do not take. */
export const GPU_KEYS = ["offset", "encoder", "precision"] as const;

/** A checked fill, ready to run. */
export interface Plan {
  entry: CatalogEntry;
  /** "gpu": a sampler or a constant in a shader; "cpu": values computed here and uploaded. */
  path: "gpu" | "cpu";
  kind: KernelKind;
  dtype: Dtype;
  numel: number;
  start: number;
  end: number;
  /** Byte offset in the buffer. */
  offset: number;
  precision: Precision;
  /** The sampler's p0..p7 as float32 values (gpu path). */
  params: number[];
  /** The tape generator to read and advance (samplers), or null. */
  generator: InstanceType<typeof Generator> | null;
  /** The options for the CPU function (cpu path): the caller's, without the GPU ones. */
  cpuOptions: Record<string, unknown>;
  shape: Shape;
  encoder: unknown;
}

/** The catalog entry of an initializer given as its function or its name. */
export function entryOf(fn: string, initializer: unknown): CatalogEntry {
  if (typeof initializer === "string") return catalogEntry(initializer);
  const entry = (catalog as readonly CatalogEntry<never>[]).find((e) => e.fn === initializer);
  if (!entry) throw typeError(fn, "initializer", "an nninit initializer function or its catalog name (such as \"kaimingNormal\")", initializer);
  return entry as CatalogEntry;
}

/** A generator that records the law an initializer asks it for, and moves nowhere. */
function recorder(): { gen: RandomGenerator; law: () => DrawLaw | undefined } {
  let law: DrawLaw | undefined;
  const gen: RandomGenerator = {
    [DRAW]: (d: Draw) => { law = d.law; },
    clone() { return gen; },
    getState() { return {}; },
    setState() { return gen; },
  };
  return { gen, law: () => law };
}

/** The constant initializers a shader fills with one value. */
const CONSTANTS = new Set(["constant", "ones", "zeros"]);

export function plan(fn: string, initializer: unknown, shape: Shape, options: unknown): Plan {
  const entry = entryOf(fn, initializer);
  const all = ownEntries(fn, "options", options);
  const cpuOptions: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(all)) if (!(GPU_KEYS as readonly string[]).includes(k)) cpuOptions[k] = v;
  const precision = all.precision === undefined ? "exact" : oneOf(fn, "precision", all.precision, ["exact", "fast"] as const);
  // The shape, range and dtype, checked by the initializer's shared option code (nothing drawn).
  const { req } = request(entry.name, shape, { range: cpuOptions.range, dtype: cpuOptions.dtype }, []);
  const offset = all.offset === undefined ? 0 : all.offset;
  const base = { entry, dtype: req.dtype, numel: req.numel, start: req.start, end: req.end, offset: offset as number, precision, cpuOptions, shape, encoder: all.encoder };
  const sampled = entry.kind === "elementwise" && entry.draws;
  if (!sampled && !CONSTANTS.has(entry.name)) {
    // Whole-tensor initializers (and eye, identity, dirac): checked now by their law (the same
    // option code, nothing drawn), computed on the CPU when the fill runs.
    entry.law(shape, cpuOptions);
    return { ...base, path: "cpu", kind: "copy", params: [], generator: null };
  }
  if (!sampled) {
    // constant, ones, zeros: the function checks its options; its first value is the constant.
    entry.fn(shape, { ...cpuOptions, range: [0, 0] });
    const value = req.numel > 0 ? entry.fn(shape, { ...cpuOptions, dtype: "float32", range: [0, 1] })[0] : 0;
    return { ...base, path: "gpu", kind: "constant", params: [value], generator: null };
  }
  const given = cpuOptions.generator;
  const generator = given === undefined ? defaultGenerator : given;
  if (!Generator.isGenerator(generator)) {
    throw typeError(entry.name, "generator", "a Generator (new Generator(seed)) on the GPU: only the tape's words can be computed there, " +
      "a TorchGenerator replays PyTorch's sequential CPU generator", generator);
  }
  const rec = recorder();
  entry.fn(shape, { ...cpuOptions, generator: rec.gen, range: [0, 0] });
  const law = rec.law();
  if (req.numel === 0 || law === undefined) return { ...base, path: "gpu", kind: "constant", params: [0], generator };
  return { ...base, path: "gpu", ...samplerOf(law), generator };
}

/** The kernel and its p0..p7 for a law, as src/random/sample.ts passes them to the CPU kernels. */
function samplerOf(law: DrawLaw): { kind: KernelKind; params: number[] } {
  const f = Math.fround;
  switch (law.kind) {
    case "uniform": {
      const a = f(law.a), b = f(law.b);
      return { kind: "uniform", params: [a, f(b - a), b] };
    }
    case "normal": return { kind: "normal", params: [law.mean, law.std] };
    case "truncNormal": {
      const m = intervalMass((law.a - law.mean) / law.std, (law.b - law.mean) / law.std);
      return { kind: "truncNormal", params: [law.mean, law.std, law.a, law.b, m.cLo, m.pLo, m.qHi, m.w] };
    }
    default: throw new Error(`nninit/webgpu: no GPU sampler for the law ${show(law.kind)}`);
  }
}
