// Generator kinds: what a reservation (./reserve.ts) needs of a generator to hand out a segment
// of its stream. Every generator already implements the draw protocol of ../random/draw.ts
// (draw, clone, getState, setState); a kind adds how to restart a generator at the state a
// segment begins, possibly on another thread.
//
// Adding a generator kind (JAX threefry keys: a key and a counter rather than a tape head; GPU
// fills): implement RandomGenerator (../random/draw.ts: draw, clone, getState, setState), then
// describe it with a GeneratorKind: how to tell its instances (a brand check), the state a
// segment starts at, and how to restart a generator there. A kind in the core bundle goes into
// KINDS below; a kind in an optional subpath (like nninit/torch) calls registerGeneratorKind when
// its module loads. Only a kind in KINDS can be `portable` (pool workers run the core bundle, so
// they can restore only the core's kinds): give it `portable` if its state is structured-cloneable
// and `restore` rebuilds the same generator from it on any thread. Without a kind of its own a
// generator is restarted from clones, on the calling thread (CLONE_KIND).

import { Generator, type GeneratorState } from "../random/generator.js";
import type { RandomGenerator } from "../random/draw.js";

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
}

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

/** Adds the kind of an optional module's generators (not portable: workers do not load optional modules). */
export function registerGeneratorKind(kind: GeneratorKind): void {
  if (kind.portable) throw new TypeError(`registerGeneratorKind: ${kind.name} cannot be portable: pool workers only know the core's kinds`);
  if (![...KINDS, ...REGISTERED].some((k) => k.name === kind.name)) REGISTERED.push(kind);
}

/** The kind of `g`: the core's, a registered one, or else CLONE_KIND. */
export function kindOf(g: RandomGenerator): GeneratorKind {
  return KINDS.find((k) => k.owns(g)) ?? REGISTERED.find((k) => k.owns(g)) ?? (CLONE_KIND as GeneratorKind);
}

/** The portable kind of a name (a worker restarting a segment from a message). */
export function kindByName(name: string): GeneratorKind | undefined {
  return KINDS.find((k) => k.name === name);
}
