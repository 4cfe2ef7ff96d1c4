// The factories of jax.nn.initializers' initializers by name, for a pool worker: an initializer
// reaches it as a description (its factory's name and arguments, ./pool-initializers.ts) and is
// made again here with the same factory, whose call then runs on the worker's range. Kept out of
// ./initializers.ts so that the public namespace does not carry it.

import { constant, zeros, ones, uniform, normal, truncatedNormal, varianceScaling, orthogonal, deltaOrthogonal, type Initializer } from "./initializers.js";
import { callOf, type Description } from "./pool-initializers.js";
import type { Call } from "./pool-samplers.js";
import { typeError } from "../validate.js";

/** The factories a description names (zeros and ones are made once, with no arguments). */
const FACTORIES: Record<string, (...args: never[]) => Initializer> = { constant, zeros: () => zeros, ones: () => ones, uniform, normal, truncatedNormal, varianceScaling, orthogonal, deltaOrthogonal };

/** The call from a key of the initializer `description` names, made again from its arguments. */
export function rebuild(description: Description): Call {
  const make = Object.hasOwn(FACTORIES, description.factory) ? FACTORIES[description.factory] : undefined;
  const call = make && callOf(make(...(description.args as never[])));
  if (!call) throw typeError("pool worker", "jaxInitializer.factory", `one of ${Object.keys(FACTORIES).join(", ")}`, description.factory);
  return call;
}
