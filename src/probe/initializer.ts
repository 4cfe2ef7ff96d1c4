// "Any nninit initializer with its options", by name: the probe and the training comparison take
// an initializer as a name (or { name, options }) so that specs are plain data (a Worker message,
// a command line).

import type { Shape } from "../shape.js";
import type { Generator } from "../random/generator.js";
import { typeError, rangeError, isPlainObject } from "../validate.js";
import { catalog } from "../initializers/catalog.js";

type Fill = (shape: Shape, options?: object) => Float32Array;

/**
 * Names `probe` and `compareTraining` accept: every initializer of the catalog (those that need more than 2 dimensions, such as dirac, refuse the [out, in] weight with their own message).
 *
 * @example
 * ```ts
 * import { PROBE_INITIALIZERS, probe } from "nninit/probe";
 * console.log(PROBE_INITIALIZERS.includes("kaimingNormal")); // true
 * const report = probe({ layers: 3, width: 32, init: { name: "kaimingNormal", options: { nonlinearity: "relu" } } });
 * ```
 */
export const PROBE_INITIALIZERS: readonly string[] = catalog.map((e) => e.name);

function fillOf(name: string): Fill | undefined {
  return (catalog as readonly { name: string; fn: unknown }[]).find((e) => e.name === name)?.fn as Fill | undefined;
}

/** An initializer as the probe takes it: a name, or a name with its options. */
export type InitSpec = string | { readonly name: string; readonly options?: Readonly<Record<string, unknown>> };

/** A checked initializer: its label and a function drawing an [out, in] weight from a generator. */
export interface ResolvedInit {
  readonly name: string;
  readonly options: Readonly<Record<string, unknown>>;
  /** e.g. `kaimingNormal({"nonlinearity":"relu"})`, or the bare name without options. */
  readonly label: string;
  draw(out: number, inp: number, generator: Generator): Float32Array;
}

/** Checks an {@link InitSpec} (`fn`, `arg` name the caller in messages); draws nothing. */
export function resolveInit(fn: string, arg: string, spec: unknown): ResolvedInit {
  let name: unknown, options: unknown;
  if (typeof spec === "string") name = spec;
  else if (isPlainObject(spec)) ({ name, options } = spec as { name?: unknown; options?: unknown });
  else throw typeError(fn, arg, "an initializer name or { name, options }", spec);
  if (typeof name !== "string") throw typeError(fn, `${arg}.name`, "a string", name);
  const fill = fillOf(name);
  if (fill === undefined) throw rangeError(fn, `${arg}.name`, `one of ${PROBE_INITIALIZERS.join(", ")}`, name);
  if (options !== undefined && options !== null && !isPlainObject(options)) {
    throw typeError(fn, `${arg}.options`, "a plain object or undefined", options);
  }
  const own: Record<string, unknown> = { ...(options ?? {}) };
  for (const key of ["generator", "out", "range"]) {
    if (key in own) throw rangeError(fn, `${arg}.options.${key}`, "absent (the probe sets it)", own[key]);
  }
  // A zero-size draw checks the options now, with the initializer's own message.
  fill([0, 0], own);
  const label = Object.keys(own).length === 0 ? name : `${name}(${JSON.stringify(own)})`;
  return {
    name, options: own, label,
    draw: (out, inp, generator) => fill([out, inp], { ...own, generator }),
  };
}
