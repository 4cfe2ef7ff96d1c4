// Generator kinds: what a reservation (./reserve.ts) needs of a generator to hand out a segment
// of its stream. Every generator already implements the draw protocol of ../random/draw.ts
// (draw, clone, getState, setState); a kind adds how to restart a generator at the state a
// segment begins, possibly on another thread.
//
// Adding a generator kind (JAX threefry keys: a key and a counter rather than a tape head; GPU
// fills): implement RandomGenerator (../random/draw.ts: draw, clone, getState, setState), then
// describe it with a GeneratorKind: how to tell its instances (a brand check), the state a
// segment starts at, and how to restart a generator there. A kind in the core bundle goes into
// KINDS below. A kind in an optional subpath (nninit/jax) is carried by its generators under the
// registered symbol KIND (so no module side effect has to run, and every copy of the package
// finds it), or registered with registerGeneratorKind. The core's kinds are `portable` (pool
// workers run the core bundle); an optional kind is portable only with a `worker` module: the
// source of a script that the pool sends to a worker the first time a fill of that kind goes to
// it, and that installs the kind there (installWorkerKind), with its own kernels. So the core
// bundle and its workers carry no code of optional kinds until one is used. Without a kind of its
// own a generator is restarted from clones, on the calling thread (CLONE_KIND).

import { Generator, type GeneratorState } from "../random/generator.js";
import type { RandomGenerator } from "../random/draw.js";
import type { WorkerEntry } from "./entries.js";

/** What a generator kind provides (see the top of this file). */
export interface GeneratorKind<S = unknown> {
  /** A name for messages and for the pool's task messages. */
  readonly name: string;
  /** Whether `g` is of this kind (a brand check: a Proxy or a bare prototype is not). */
  owns(g: RandomGenerator): boolean;
  /** Whether `state` below can be sent to a worker and restored there. */
  readonly portable: boolean;
  /** The state a segment starts at (structured-cloneable when `portable`). */
  state(g: RandomGenerator): S;
  /** A new generator at `state`, independent of the one it came from. */
  restore(state: S): RandomGenerator;
  /** An optional kind's code for pool workers (required for `portable` outside the core). */
  readonly worker?: WorkerModule;
}

/**
 * The code a pool worker loads to restore an optional kind: `source()` is a JavaScript expression
 * whose value is a function `(host, data) => void`; a worker evaluates it and calls it once, with
 * its {@link WorkerHost} and `data()` (structured-cloneable: the kind's wasm, say, so that the
 * source does not carry a second copy), and the function installs the kind under the same name.
 */
export interface WorkerModule {
  source(): string;
  data?(): unknown;
}

/** What a worker module's `install` is given: the worker's own registries (kinds, and samplers: ./entries.ts). */
export interface WorkerHost {
  installWorkerKind(kind: GeneratorKind): void;
  installWorkerEntry(entry: WorkerEntry): void;
}

/** The symbol under which a generator carries its kind (registered: every copy of the package agrees). */
export const KIND: unique symbol = Symbol.for("nninit.generator.kind");

/** The tape Generator: a seed and a head, both plain values, so any thread restarts it. */
export const TAPE_KIND: GeneratorKind<GeneratorState> = {
  name: "tape",
  owns: (g) => Generator.isGenerator(g),
  portable: true,
  state: (g) => (g as Generator).getState(),
  restore: (s) => new Generator(s.seed).setState(s),
};

/**
 * Any other generator of the draw protocol (nninit/torch's TorchGenerator): restarted from a
 * clone, on this thread only.
 */
export const CLONE_KIND: GeneratorKind<RandomGenerator> = {
  name: "clone",
  owns: () => true,
  portable: false,
  state: (g) => g.clone(),
  restore: (s) => s.clone(),
};

/** The core's kinds (the ones pool workers know), before any registered one. */
const KINDS: readonly GeneratorKind[] = [TAPE_KIND as GeneratorKind];
/** Kinds registered by optional modules (calling thread only). */
const REGISTERED: GeneratorKind[] = [];
/** Kinds a worker module installed in this worker (see WorkerModule). */
const INSTALLED: GeneratorKind[] = [];

/** Adds the kind of an optional module's generators (portable only with a `worker` module). */
export function registerGeneratorKind(kind: GeneratorKind): void {
  if (kind.portable && !kind.worker) {
    throw new TypeError(`registerGeneratorKind: ${kind.name} cannot be portable without a worker module: pool workers only know the core's kinds`);
  }
  if (![...KINDS, ...REGISTERED].some((k) => k.name === kind.name)) REGISTERED.push(kind);
}

/** A worker module's kind, in the worker that loaded it (what kindByName finds there). */
export function installWorkerKind(kind: GeneratorKind): void {
  const at = INSTALLED.findIndex((k) => k.name === kind.name);
  if (at >= 0) INSTALLED[at] = kind;
  else INSTALLED.push(kind);
}

/** The kind a generator carries under KIND, if its brand check accepts the generator. */
function carried(g: RandomGenerator): GeneratorKind | undefined {
  const kind = (g as { [KIND]?: GeneratorKind })[KIND];
  if (kind === null || typeof kind !== "object" || typeof kind.owns !== "function" || !kind.owns(g)) return undefined;
  return kind.portable && !kind.worker ? { ...kind, portable: false } : kind;
}

/** The kind of `g`: the core's, the one it carries, a registered one, or else CLONE_KIND. */
export function kindOf(g: RandomGenerator): GeneratorKind {
  return KINDS.find((k) => k.owns(g)) ?? carried(g) ?? REGISTERED.find((k) => k.owns(g)) ?? (CLONE_KIND as GeneratorKind);
}

/** The portable kind of a name (a worker restarting a segment from a message): the core's, or one a worker module installed. */
export function kindByName(name: string): GeneratorKind | undefined {
  return KINDS.find((k) => k.name === name) ?? INSTALLED.find((k) => k.name === name);
}
