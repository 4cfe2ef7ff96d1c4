// "Any nninit initializer with its options", by name: the probe and the training comparison take
// an initializer as a name (or { name, options }) so that specs are plain data (a Worker message,
// a command line).

import type { Shape } from "../shape.js";
import type { Generator } from "../random/generator.js";
import { typeError, rangeError, isPlainObject } from "../validate.js";
import { uniform, normal, truncNormal, constant, ones, zeros } from "../initializers/distributions.js";
import { xavierUniform, xavierNormal, kaimingUniform, kaimingNormal } from "../initializers/torch.js";
import { varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal } from "../initializers/keras.js";
import { eye, identity } from "../initializers/identity.js";
import { orthogonal } from "../initializers/orthogonal.js";
import { sparse } from "../initializers/sparse.js";

type Fill = (shape: Shape, options?: object) => Float32Array;

/** The initializers that can fill a 2-D [out, in] weight. */
const BY_NAME: Readonly<Record<string, Fill>> = {
  uniform, normal, truncNormal, constant, ones, zeros, eye, identity, orthogonal, sparse,
  xavierUniform, xavierNormal, kaimingUniform, kaimingNormal,
  varianceScaling, glorotUniform, glorotNormal, heUniform, heNormal, lecunUniform, lecunNormal,
} as Record<string, Fill>;

/** Names `probe` and `compareTraining` accept. */
export const PROBE_INITIALIZERS: readonly string[] = Object.keys(BY_NAME);

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
  const fill = Object.hasOwn(BY_NAME, name) ? BY_NAME[name] : undefined;
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
