// Executes a plan: allocates the tensors that are returned, runs every init call in torch's order
// on the TorchGenerator, and hands back the tensors by torch's names.

import { typeError } from "../../validate.js";
import { draws, type Init, type Plan } from "./plan.js";
import { TorchGenerator, defaultGenerator, uniform, normal, kaimingUniform, kaimingNormal, xavierUniform, xavierNormal } from "./torch-ops.js";
import type { NamedTensors, NamedTensorsWithBuffers, TorchTensor, TorchInt64Tensor } from "./tensor.js";

/** The most elements one returned tensor may have (one Float32Array). */
const MAX_TENSOR_ELEMENTS = 2 ** 31 - 1;

/** Options of every module constructor that draws. */
export interface ModuleOptions {
  /** The generator to draw from (default: the default generator, see `manualSeed`). */
  generator?: TorchGenerator;
}

/** Checks the generator before anything is drawn (so a bad one moves nothing); undefined: the default. */
export function checkGenerator(fn: string, generator: unknown): TorchGenerator {
  if (generator === undefined) return defaultGenerator();
  if (!TorchGenerator.isTorchGenerator(generator)) {
    throw typeError(fn, "generator", "a TorchGenerator made by new TorchGenerator() (not a Proxy or an object made from its prototype)", generator);
  }
  return generator;
}

/**
 * One init call. `out` is where the values go, or undefined when nobody will see them: then the
 * call is made with an empty range, which moves the generator exactly as the full call would
 * without computing or storing the values.
 */
function apply(shape: number[], init: Init, generator: TorchGenerator, out: Float32Array | BigInt64Array | undefined): void {
  if (out instanceof BigInt64Array) {
    if (init.kind !== "constant") throw new Error(`nninit: ${init.kind} on an int64 buffer`);
    out.fill(BigInt(init.value));
    return;
  }
  const target = out === undefined ? { generator, range: [0, 0] as const } : { generator, out };
  switch (init.kind) {
    case "uniform": uniform(shape, { a: init.a, b: init.b, ...target }); return;
    case "normal":
      if (init.std === 0) {
        // normal_(mean, 0) is mean everywhere and draws as any normal_ (transformers' Conv1D with initializer_range 0).
        normal(shape, { mean: init.mean, std: 1, generator, range: [0, 0] });
        out?.fill(init.mean);
        return;
      }
      normal(shape, { mean: init.mean, std: init.std, ...target });
      return;
    case "kaimingUniform": kaimingUniform(shape, { a: init.a, mode: init.mode, nonlinearity: init.nonlinearity, ...target }); return;
    case "kaimingNormal": kaimingNormal(shape, { a: init.a, mode: init.mode, nonlinearity: init.nonlinearity, ...target }); return;
    case "xavierUniform": xavierUniform(shape, { gain: init.gain, ...target }); return;
    case "xavierNormal": xavierNormal(shape, { gain: init.gain, ...target }); return;
    case "constant": out?.fill(init.value); return;
    case "zeroRow": {
      const cols = shape.slice(1).reduce((x, y) => x * y, 1);
      out?.fill(0, init.row * cols, (init.row + 1) * cols);
      return;
    }
    case "tril": {
      if (out === undefined) return;
      const n = shape[shape.length - 1];
      for (let i = 0; i < out.length; i++) out[i] = i % n <= Math.floor(i / n) % n ? 1 : 0;
      return;
    }
  }
}

/**
 * Runs `plan` and returns its parameters (and buffers, if asked) by name. `generator` may be
 * undefined only for plans that draw nothing.
 */
export function execute(fn: string, plan: Plan, generator: TorchGenerator | undefined, buffers = false): NamedTensorsWithBuffers {
  const entries = plan.output(buffers);
  const returned = new Set(entries.map((e) => e.slot));
  const live = plan.liveSteps(returned);
  const arrays = new Map<number, Float32Array | BigInt64Array>();
  plan.slots.forEach(({ shape }, slot) => {
    const n = shape.reduce((x, y) => x * y, 1);
    if (n > MAX_TENSOR_ELEMENTS) {
      const name = plan.entries.find((e) => e.slot === slot)?.name ?? "(drawn, then discarded)";
      throw new RangeError(`${fn}: tensor ${JSON.stringify(name)} would have shape [${shape.join(", ")}] (${n} elements); ` +
        `one typed array holds at most 2^31 - 1, so a size in the arguments or config is too large`);
    }
  });
  for (const slot of returned) {
    const { shape, dtype } = plan.slots[slot];
    const n = shape.reduce((x, y) => x * y, 1);
    try {
      arrays.set(slot, dtype === "int64" ? new BigInt64Array(n) : new Float32Array(n));
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      throw new RangeError(`${fn}: cannot allocate a tensor of shape [${shape.join(", ")}] (${n} elements): ${e.message}`);
    }
  }
  plan.steps.forEach(({ slot, init }, i) => {
    if (!draws(init) && !live[i]) return;
    if (draws(init) && generator === undefined) throw new Error(`nninit: ${fn} draws but has no generator`);
    apply(plan.slots[slot].shape, init, generator!, live[i] ? arrays.get(slot) : undefined);
  });
  const result: NamedTensorsWithBuffers = new Map();
  for (const { name, slot } of entries) {
    const data = arrays.get(slot)!;
    result.set(name, { shape: [...plan.slots[slot].shape], data } as TorchTensor | TorchInt64Tensor);
  }
  return result;
}

/** A module constructor's last step: check the generator (when the module draws) and run. */
export function runModule<T extends NamedTensorsWithBuffers = NamedTensors>(fn: string, plan: Plan, generator: unknown, buffers = false): T {
  const drawsAny = plan.steps.some((s) => draws(s.init));
  const g = drawsAny ? checkGenerator(fn, generator) : undefined;
  return execute(fn, plan, g, buffers) as T;
}
