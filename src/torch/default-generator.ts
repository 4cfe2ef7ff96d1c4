// torch's default CPU generator: one per process (here per module instance), used by the module
// constructors and by nninit/torch's initializers when no `generator` is given, so that
// `manualSeed(0); linear(8, 2)` is `torch.manual_seed(0); nn.Linear(8, 2)`.

import { TorchGenerator, type TorchSeed } from "./generator.js";
import { seedToU64 } from "../random/seed.js";

let current: TorchGenerator | undefined;

/**
 * The default generator (torch's `torch.default_generator`): made on first use with torch's
 * default seed 67280421310721 and the newest verified torch semantics, then shared.
 *
 * @example
 * ```ts
 * import { defaultGenerator, manualSeed, uniform } from "nninit/torch";
 * manualSeed(0);
 * console.log(uniform([3])); // torch.manual_seed(0); torch.rand(3): [0.4963, 0.7682, 0.0885]
 * console.log(defaultGenerator().initialSeed); // 0n
 * ```
 */
export function defaultGenerator(): TorchGenerator {
  current ??= new TorchGenerator();
  return current;
}

/**
 * `torch.manual_seed(seed)`: reseeds the default generator (fresh mt19937 state, no cached
 * normal) and returns it.
 *
 * @example
 * ```ts
 * import { linear, manualSeed } from "nninit/torch";
 * manualSeed(0);
 * const fc = linear(8, 2); // torch.manual_seed(0); nn.Linear(8, 2)
 * ```
 */
export function manualSeed(seed: TorchSeed): TorchGenerator {
  seedToU64("manualSeed", seed); // a bad seed: refused under this function's name, nothing changed
  return defaultGenerator().manualSeed(seed);
}
