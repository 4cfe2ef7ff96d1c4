// Argument checks, one message style for the whole package:
//   "<fn>: <argument> must be <expectation>, got <value>"
// A wrong type throws TypeError, a value of the right type outside its domain RangeError.
// Every public function runs all its checks before it writes anything or moves a generator.

/** Largest finite float32. */
export const F32_MAX = 3.4028234663852886e38;

/** A short, unambiguous rendering of any value for error messages. */
export function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number") return Object.is(value, -0) ? "-0" : String(value);
  if (value === null || value === undefined || typeof value === "boolean") return String(value);
  if (typeof value === "function") return "a function";
  if (Array.isArray(value)) {
    const items = value.slice(0, 8).map(show).join(", ");
    return `[${items}${value.length > 8 ? ", ..." : ""}]`;
  }
  if (ArrayBuffer.isView(value)) {
    const length = (value as unknown as { length?: number }).length;
    return `${value.constructor.name}(${length ?? value.byteLength})`;
  }
  const name = (value as object).constructor?.name;
  return name && name !== "Object" ? `a ${name}` : "an object";
}

export function typeError(fn: string, name: string, expected: string, value: unknown): TypeError {
  return new TypeError(`${fn}: ${name} must be ${expected}, got ${show(value)}`);
}

export function rangeError(fn: string, name: string, expected: string, value: unknown): RangeError {
  return new RangeError(`${fn}: ${name} must be ${expected}, got ${show(value)}`);
}

/** A finite number that float32 can hold. */
export function finiteNumber(fn: string, name: string, value: unknown): number {
  if (typeof value !== "number") throw typeError(fn, name, "a number", value);
  if (!Number.isFinite(value) || Math.abs(value) > F32_MAX) {
    throw rangeError(fn, name, "a finite number within float32 range", value);
  }
  return value;
}

/** An optional number option: `fallback` when undefined. */
export function numberOption(fn: string, name: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : finiteNumber(fn, name, value);
}

export function nonNegative(fn: string, name: string, value: unknown): number {
  const x = finiteNumber(fn, name, value);
  if (x < 0) throw rangeError(fn, name, "a finite number >= 0", value);
  return x;
}

export function positive(fn: string, name: string, value: unknown): number {
  const x = finiteNumber(fn, name, value);
  if (!(x > 0)) throw rangeError(fn, name, "a finite number > 0", value);
  return x;
}

/** A safe integer in [min, max]. */
export function integer(fn: string, name: string, value: unknown, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== "number") throw typeError(fn, name, "an integer", value);
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    const expected = max === Number.MAX_SAFE_INTEGER ? `an integer >= ${min}` : `an integer in [${min}, ${max}]`;
    throw rangeError(fn, name, expected, value);
  }
  return value;
}

/** One of the listed strings. */
export function oneOf<T extends string>(fn: string, name: string, value: unknown, choices: readonly T[]): T {
  const expected = `one of ${choices.map((c) => JSON.stringify(c)).join(", ")}`;
  if (typeof value !== "string") throw typeError(fn, name, expected, value);
  if (!(choices as readonly string[]).includes(value)) throw rangeError(fn, name, expected, value);
  return value as T;
}

/**
 * Whether `value` is a plain object: made by an object literal, `Object.create(null)` or
 * `JSON.parse` (in any realm), not a Map, Date, array, class instance or an object whose
 * prototype is another object.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === null) return true;
  // Object.prototype of this realm or of another one (an iframe, a vm context).
  return Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: unknown } }).constructor?.name === "Object";
}

/**
 * A snapshot of a plain object's own enumerable properties, read once each, into an object with
 * no prototype (so inherited keys, even on a polluted Object.prototype, are never seen).
 * `undefined` and `null` both mean "absent": such properties are left out, so every option
 * falls back to its default (or, when required, is reported missing) the same way.
 */
export function ownEntries(fn: string, name: string, value: unknown, expected = "a plain object or undefined"): Record<string, unknown> {
  const copy = Object.create(null) as Record<string, unknown>;
  if (value === undefined || value === null) return copy;
  if (!isPlainObject(value)) throw typeError(fn, name, expected, value);
  for (const key of Object.keys(value)) {
    const v = value[key];
    if (v !== undefined && v !== null) copy[key] = v;
  }
  return copy;
}

/**
 * An options object (undefined or null: none) whose keys are all known: catches typos like
 * `{ sdt: 1 }`. Reads own properties only, once; see ownEntries.
 */
export function options<T extends object>(fn: string, value: unknown, known: readonly string[]): Partial<T> {
  if (value !== undefined && value !== null && isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (!known.includes(key)) {
        throw new TypeError(`${fn}: unknown option ${JSON.stringify(key)}; known options are ${known.join(", ")}`);
      }
    }
  }
  return ownEntries(fn, "options", value) as Partial<T>;
}

/**
 * Whether an ArrayBuffer was detached (transferred, or a wasm memory that grew); such a buffer
 * reads as length 0. `ArrayBuffer.prototype.detached` where the engine has it (Node 22+, recent
 * browsers), otherwise: only a detached buffer refuses a new view.
 */
export function isDetached(buffer: ArrayBufferLike): boolean {
  if (typeof SharedArrayBuffer === "function" && buffer instanceof SharedArrayBuffer) return false;
  const flag = (buffer as { detached?: unknown }).detached;
  if (typeof flag === "boolean") return flag;
  try {
    new Uint8Array(buffer, 0, 0);
    return false;
  } catch {
    return true;
  }
}
