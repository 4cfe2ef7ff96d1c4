// torch's default CPU generator: one per process (here per module instance), used by the module
// constructors and by nninit/torch's initializers when no `generator` is given, so that
// `manualSeed(0); linear(8, 2)` is `torch.manual_seed(0); nn.Linear(8, 2)`.

import { TorchGenerator, type TorchSeed } from "./generator.js";
import { seedToU64 } from "../random/seed.js";

let current: TorchGenerator | undefined;

/**
 * The default generator (torch's `torch.default_generator`): made on first use with torch's
 * default seed 67280421310721 and the newest verified torch semantics, then shared.
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
 * import { manualSeed, linear } from "nninit/torch";
 * manualSeed(0);
 * const fc = linear(8, 2); // torch.manual_seed(0); nn.Linear(8, 2)
 */
export function manualSeed(seed: TorchSeed): TorchGenerator {
  seedToU64("manualSeed", seed); // a bad seed: refused under this function's name, nothing changed
  return defaultGenerator().manualSeed(seed);
}
