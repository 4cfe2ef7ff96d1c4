// One reservation of a segment of a generator's stream: the one protocol behind every fill that
// is not one synchronous call (fillAsync's chunks, the pool's workers, a checkpoint's tensors).
//
// It rests on the stream contract: element i of an elementwise initializer depends only on the
// generator's state and i, and every initializer honours `range: [start, end]` exactly. So a
// reservation checks the call (the initializer itself on an empty range, from a copy of the
// generator: same checks, same messages, and it tells where the generator ends), moves the
// generator there at once (later fills draw the words after this tensor, as with synchronous
// calls), and keeps the start state, from which `fill(start, end, out)` computes any part, in
// any order, on any thread (for a portable generator kind, see ./kinds.ts). `cancel()` puts the
// generator back unless something drew from it meanwhile (then the segment stays consumed, so
// no two fills ever share words).
//
// Clients: fillAsync (../async.ts), the pool (../parallel/), the recipes' tensor sources
// (../models/recipe.ts) and through them the CLI's pool sources.

import type { Shape } from "../shape.js";
import { request, optionsOf, type TensorOptions, type HalfArray } from "../initializers/tensor-options.js";
import type { Dtype } from "../dtype.js";
import type { RandomGenerator } from "../random/draw.js";
import { allocate, allocateShared } from "../typed-array.js";
import { typeError, show, isPlainObject } from "../validate.js";
import { kindOf, kindByName, type GeneratorKind } from "./kinds.js";

/** Any initializer of this package: `f(shape, options)`, honouring `generator`, `range`, `out` and `dtype`. */
export type AnyInitializer = (shape: any, options?: any) => ArrayBufferView;

/** The options a reservation reads for its client, beside the initializer's own. */
export interface StreamOptions {
  /** Called after each part with the elements written so far and the total. */
  onProgress?: (done: number, total: number) => void;
  /** Stops the fill: the client rejects with `signal.reason`, the generator does not move. */
  signal?: AbortSignal;
}

/** A reservation's words: float32 values, or the bits of a half dtype. */
export type Words = Float32Array | Uint16Array;

/**
 * A segment as plain data, for a worker: the initializer's shape and own options (copies), the
 * generator kind's name and the start state. {@link fillSegment} computes any part of it.
 */
export interface SegmentSource {
  shape: Shape;
  options: Record<string, unknown>;
  kind: string;
  state: unknown;
}

/** What to reserve. */
export interface ReserveSpec<K extends string = never> {
  /** The client, for its own options' messages ("fillAsync", "pool.fill"). */
  fn: string;
  /** Whose messages the initializer's shared options (shape, generator, out, range, dtype) carry (default `fn`). */
  name?: string;
  initializer: AnyInitializer;
  shape: Shape;
  options: unknown;
  /** The client's own option names: taken out of the options and given to `check`. */
  clientKeys?: readonly K[];
  /** Checks the client's options, before anything is read further or moved. */
  check?: (client: Partial<Record<K, unknown>>) => void;
  /** Refuse generators whose kind is not portable (the pool: workers restart the segment). */
  portable?: boolean;
}

/** One reserved segment: elements [start, end) of the initializer's tensor. */
export interface Reservation {
  readonly fn: string;
  /** The tensor's dimensions (a copy: the caller's shape may change after the call). */
  readonly dims: readonly number[];
  readonly start: number;
  readonly end: number;
  /** end - start. */
  readonly total: number;
  readonly dtype: Dtype;
  /** The caller's `out` as words (a Float16Array seen as its bits), if given. */
  readonly out: Words | undefined;
  /** The caller's `out` as given (what a fill resolves to), if given. */
  readonly given: Float32Array | Uint16Array | HalfArray | undefined;
  readonly onProgress: ((done: number, total: number) => void) | undefined;
  readonly signal: AbortSignal | undefined;
  readonly generator: RandomGenerator;
  readonly kind: GeneratorKind;
  /** The generator's state at the call, and where the synchronous call leaves it (where it is now). */
  readonly before: unknown;
  readonly after: unknown;
  /** Elements [start, end) of the tensor into `out` (or a new array if none), from the start state. */
  fill(start: number, end: number, out?: Words): Words;
  /** A new generator at the start state (a copy: the caller's generator is already past the segment). */
  origin(): RandomGenerator;
  /** The segment as plain data for a worker (a portable kind's). */
  source(): SegmentSource;
  /** The caller's `out`, or a new array (in shared memory if `shared`); on failure, cancels and throws a clear RangeError. */
  allocate(shared: boolean): Words;
  /** Puts the generator back at `before`, unless something drew from it since; once. */
  cancel(): void;
}

/**
 * Reserves the segment `initializer(shape, options)` would draw, and moves the generator past
 * it. Throws, moving nothing, on what the synchronous call rejects, on bad client options
 * (onProgress, signal, `clientKeys`), or with the signal's reason if it is already aborted.
 */
export function reserve<K extends string = never>(spec: ReserveSpec<K>): Reservation & { client: Partial<Record<K, unknown>> } {
  const { fn, initializer } = spec;
  const name = spec.name ?? fn;
  const parsed = optionsOf<TensorOptions & StreamOptions & Record<string, unknown>>(name, spec.options);
  const client: Partial<Record<K, unknown>> = {};
  for (const key of spec.clientKeys ?? []) {
    client[key] = parsed[key];
    delete parsed[key];
  }
  const { onProgress, signal, generator, out, range, dtype, ...rest } = parsed;
  if (onProgress !== undefined && typeof onProgress !== "function") throw typeError(fn, "onProgress", "a function", onProgress);
  if (signal !== undefined && (signal === null || typeof signal !== "object" || typeof signal.aborted !== "boolean")) {
    throw typeError(fn, "signal", "an AbortSignal", signal);
  }
  spec.check?.(client);
  if (signal?.aborted) throw abortReason(fn, signal);

  // Everything is read and copied now, at the call: the shape, the options and any object or
  // array inside them (a layout), so that changing them during the fill changes nothing. `out`
  // and `generator` stay the caller's, as in the synchronous call.
  const { req } = request(name, spec.shape, { generator, out, range, dtype }, []);
  const kind = kindOf(req.generator);
  if (spec.portable && !kind.portable) {
    throw typeError(fn, "generator", "a tape Generator (new Generator(seed)) or a JaxGenerator; other generators draw sequentially, so call the initializer directly", req.generator);
  }
  const half = req.dtype !== "float32";
  const options = snapshot(rest) as Record<string, unknown>;
  if (half) options.dtype = req.dtype;
  const dims = [...req.dims];
  const shapeArg = (): Shape => typeof spec.shape === "number" ? spec.shape : [...dims];
  const call = (g: RandomGenerator, start: number, end: number, target: Words | undefined): Words => {
    const got = initializer(shapeArg(), { ...options, generator: g, range: [start, end], out: target });
    if (target !== undefined && got !== target) {
      throw new TypeError(`${fn}: ${initializer.name || "the initializer"} must fill options.out and return it, got ${show(got)}`);
    }
    return got as Words;
  };
  // An empty range checks the initializer's own options and tells where the synchronous call leaves the generator.
  const origin = kind.state(req.generator);
  const trial = kind.restore(origin);
  call(trial, req.start, req.start, half ? new Uint16Array(0) : new Float32Array(0));
  const before = req.generator.getState();
  const after = trial.getState();
  req.generator.setState(after as never);

  let cancelled = false;
  const reservation = {
    fn, dims, start: req.start, end: req.end, total: req.end - req.start, dtype: req.dtype,
    out: half ? req.halfOut : req.out, given: half ? req.halfResult : req.out,
    onProgress: onProgress as StreamOptions["onProgress"], signal, generator: req.generator, kind, before, after, client,
    fill: (start: number, end: number, target?: Words) => call(kind.restore(origin), start, end, target),
    origin: () => kind.restore(origin),
    source: (): SegmentSource => ({ shape: shapeArg(), options, kind: kind.name, state: origin }),
    allocate(shared: boolean): Words {
      if (reservation.out) return reservation.out;
      try {
        const n = reservation.total;
        if (half) return shared ? allocateShared(fn, dims, n, Uint16Array) : allocate(fn, dims, n, Uint16Array);
        return shared ? allocateShared(fn, dims, n, Float32Array) : allocate(fn, dims, n, Float32Array);
      } catch (error) {
        reservation.cancel();
        throw error;
      }
    },
    cancel(): void {
      if (cancelled) return;
      cancelled = true;
      if (sameState(req.generator.getState(), after)) req.generator.setState(before as never);
    },
  };
  return reservation;
}

/** Elements [start, end) of a segment sent to a worker, into `out` (or a new array), by `initializer`. */
export function fillSegment(initializer: AnyInitializer, source: SegmentSource, start: number, end: number, out: Words | undefined): Words {
  const kind = kindByName(source.kind);
  if (!kind) throw new TypeError(`nninit: a segment of generator kind ${JSON.stringify(source.kind)} cannot be restarted here`);
  const generator = kind.restore(source.state);
  return initializer(source.shape, { ...source.options, generator, range: [start, end], out }) as Words;
}

/** Why a fill stopped: the signal's reason, or an AbortError naming the client. */
export function abortReason(fn: string, signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException(`${fn} was aborted`, "AbortError");
}

/** Deep equality of two generator states (plain objects of numbers, bigints, nulls, arrays and typed arrays). */
export function sameState(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (ArrayBuffer.isView(a) || Array.isArray(a)) {
    const x = a as unknown as ArrayLike<unknown>, y = b as unknown as ArrayLike<unknown>;
    if (x.length !== y.length || a.constructor !== b.constructor) return false;
    for (let i = 0; i < x.length; i++) if (!Object.is(x[i], y[i])) return false;
    return true;
  }
  const ka = Object.keys(a), kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => sameState((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** A copy of plain objects and arrays, to any depth (other values, such as functions, as they are). */
function snapshot(value: unknown, depth = 0): unknown {
  if (depth > 16) return value; // a cycle, or nesting no option has
  if (Array.isArray(value)) return value.map((v) => snapshot(v, depth + 1));
  if (!isPlainObject(value)) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) copy[key] = snapshot(value[key], depth + 1);
  return copy;
}
