// Argument checks shared by the module constructors and model recipes, in the package's one
// message style ("<fn>: <argument> must be <expectation>, got <value>").

import { typeError, rangeError, integer, isPlainObject, ownEntries } from "../../validate.js";

/** A layer size (features, channels, heads...): an integer >= 1. */
export function size(fn: string, name: string, value: unknown): number {
  return integer(fn, name, value, 1);
}

/** An optional boolean option. */
export function flag(fn: string, name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw typeError(fn, name, "a boolean", value);
  return value;
}

/** A kernel size: one integer >= 1 for every spatial axis, or one per axis (torch's `_ntuple`). */
export function kernelSize(fn: string, value: unknown, spatial: number): number[] {
  if (typeof value === "number") return new Array<number>(spatial).fill(size(fn, "kernelSize", value));
  const expected = `an integer >= 1 or an array of ${spatial} such integers`;
  if (!Array.isArray(value)) throw typeError(fn, "kernelSize", expected, value);
  if (value.length !== spatial) throw rangeError(fn, "kernelSize", expected, value);
  return value.map((k: unknown, i) => size(fn, `kernelSize[${i}]`, k));
}

/** `a % b === 0`, or a RangeError naming both (torch raises ValueError there). */
export function divisible(fn: string, name: string, value: number, by: number, byName: string): void {
  if (value % by !== 0) throw rangeError(fn, name, `divisible by ${byName} (${by})`, value);
}

/**
 * A model config, under the package's options rule: a plain object, undefined or null (no config),
 * read once; null values mean absent. Every key must be the model's.
 */
export function configOf<T extends object>(fn: string, model: string, value: unknown, known: readonly string[]): Partial<T> {
  if (isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw new TypeError(`${fn}: unknown config key ${JSON.stringify(key)} for ${JSON.stringify(model)}; known keys are ${known.join(", ")}`);
      }
    }
  }
  return ownEntries(fn, "config", value) as Partial<T>;
}
