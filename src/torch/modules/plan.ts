// A model's initialization as data: the tensors it owns, the names torch gives them, and every
// init call torch makes on them, in the order torch makes it. Module constructors and model
// recipes only describe; `run.ts` executes a plan against a TorchGenerator.
//
// Why a plan and not direct calls: torch draws for tensors that are later overwritten (every
// Conv2d's constructor draws a kaiming_uniform_ that ResNet's init loop replaces; GPT's wte draws
// a weight that weight tying throws away). Those draws must still move the generator, but their
// values are never seen. Knowing the whole sequence up front, the executor only advances the
// generator for them (no values computed, no memory allocated).

import type { Nonlinearity } from "../../fan.js";

/** One torch.nn.init call on a whole tensor (or, for `zeroRow`, an in-place edit of one row). */
export type Init =
  /** `uniform_(t, a, b)`. */
  | { kind: "uniform"; a: number; b: number }
  /** `normal_(t, mean, std)`. */
  | { kind: "normal"; mean: number; std: number }
  /** `kaiming_uniform_(t, a, mode, nonlinearity)`. */
  | { kind: "kaimingUniform"; a: number; mode: "fan_in" | "fan_out"; nonlinearity: Nonlinearity }
  /** `kaiming_normal_(t, a, mode, nonlinearity)`. */
  | { kind: "kaimingNormal"; a: number; mode: "fan_in" | "fan_out"; nonlinearity: Nonlinearity }
  /** `xavier_uniform_(t, gain)`. */
  | { kind: "xavierUniform"; gain: number }
  /** `xavier_normal_(t, gain)`. */
  | { kind: "xavierNormal"; gain: number }
  /** `constant_(t, value)` (also ones_, zeros_ and torch.ones/zeros at creation). No draws. */
  | { kind: "constant"; value: number }
  /** `t[row].fill_(0)` (Embedding's padding_idx). No draws; keeps the rest of the tensor. */
  | { kind: "zeroRow"; row: number }
  /** `torch.tril(torch.ones(n, n))` viewed as the tensor's shape (GPT's causal mask). No draws. */
  | { kind: "tril" };

/** Inits that read the generator. */
export function draws(init: Init): boolean {
  return init.kind !== "constant" && init.kind !== "zeroRow" && init.kind !== "tril";
}

/** Inits that overwrite every element (so earlier values of the tensor are never seen). */
function overwrites(init: Init): boolean {
  return init.kind !== "zeroRow";
}

/** A tensor the model allocates (a storage: tied names share one). */
export interface Slot {
  shape: number[];
  dtype: "float32" | "int64";
}

/** A name under which torch lists a tensor. */
export interface Entry {
  name: string;
  slot: number;
  /** Parameters are in `named_parameters()`; buffers only in `state_dict()`. */
  buffer: boolean;
}

/** One init call on a slot. */
export interface Step {
  slot: number;
  init: Init;
}

/**
 * A plan under construction. Builders add tensors with `param`/`buffer` in `state_dict()` order
 * and init calls with `init` in execution order.
 */
export class Plan {
  readonly slots: Slot[] = [];
  readonly entries: Entry[] = [];
  readonly steps: Step[] = [];

  /** A new float32 tensor with no name yet (as `torch.empty(shape)`). */
  tensor(shape: number[], dtype: Slot["dtype"] = "float32"): number {
    this.slots.push({ shape: [...shape], dtype });
    return this.slots.length - 1;
  }

  /** Lists `slot` as parameter `name` (a slot listed twice keeps its first name, as torch does). */
  param(name: string, slot: number): number {
    this.entries.push({ name, slot, buffer: false });
    return slot;
  }

  /** Lists `slot` as buffer `name`. */
  buffer(name: string, slot: number): number {
    this.entries.push({ name, slot, buffer: true });
    return slot;
  }

  /**
   * Appends another plan (a child module built on its own) after this one's tensors, entries
   * and steps; returns the offset to add to the child's slot numbers.
   */
  merge(child: Plan): number {
    const base = this.slots.length;
    for (const s of child.slots) this.slots.push(s);
    for (const e of child.entries) this.entries.push({ ...e, slot: e.slot + base });
    for (const s of child.steps) this.steps.push({ ...s, slot: s.slot + base });
    return base;
  }

  /** Records an init call on `slot`. */
  init(slot: number, init: Init): void {
    this.steps.push({ slot, init });
  }

  /**
   * The names to return, in order: parameters (and buffers if asked), each slot once, under the
   * first name it was listed with (torch's `named_parameters()` skips tied duplicates).
   */
  output(buffers: boolean): Entry[] {
    const seen = new Set<number>();
    const out: Entry[] = [];
    for (const e of this.entries) {
      if (e.buffer && !buffers) continue;
      if (seen.has(e.slot)) continue;
      seen.add(e.slot);
      out.push(e);
    }
    return out;
  }

  /**
   * For each step, whether its values can be seen in `outputSlots`: a step on a slot nobody
   * returns, or followed by a step that overwrites the whole slot, only has to move the generator.
   */
  liveSteps(outputSlots: ReadonlySet<number>): boolean[] {
    const live = new Array<boolean>(this.steps.length).fill(false);
    const overwritten = new Set<number>();
    for (let i = this.steps.length - 1; i >= 0; i--) {
      const { slot, init } = this.steps[i];
      live[i] = outputSlots.has(slot) && !overwritten.has(slot);
      if (overwrites(init)) overwritten.add(slot);
    }
    return live;
  }
}
