// `{ keras: "jax", seed }` on an nninit/tfjs class: the weight is what Keras 3 on the JAX backend
// gives for the same initializer, parameters and integer seed (`keras.initializers.HeNormal(seed=s)
// (shape)`), bit for bit, computed by nninit/jax's Keras initializers (../jax/keras.ts). The
// class keeps its own option names and defaults (Normal's `std`, default 1); each maps to its
// Keras counterpart's parameter. As in Keras with an integer seed, every call of one initializer
// gives the same values (Keras reuses the seed's key), so a tfjs model built with these gets the
// weights its Keras twin gets, layer by layer. Classes without a Keras 3 counterpart (torch's
// Xavier/Kaiming, Eye, Dirac, Sparse, DeltaOrthogonal) refuse the option.

import * as K from "../jax/keras.js";

/** A Keras initializer: the same values of `shape` on every call. */
export type KerasFill = (shape: number[]) => Float32Array;

type Options = Record<string, unknown>;
type Num = number | undefined;
const num = (v: unknown) => v as Num;

/** Per class: the options it may carry in Keras mode, and how they become the Keras initializer. */
const KERAS: Record<string, { keys: readonly string[]; make: (o: Options, seed: number, fn: string) => KerasFill }> = {
  Uniform: { keys: ["a", "b"], make: (o, seed) => K.RandomUniform({ seed, minval: num(o.a) ?? 0, maxval: num(o.b) ?? 1 }) },
  Normal: { keys: ["mean", "std"], make: (o, seed) => K.RandomNormal({ seed, mean: num(o.mean) ?? 0, stddev: num(o.std) ?? 1 }) },
  TruncNormal: {
    keys: ["mean", "std", "a", "b"],
    make: (o, seed, fn) => {
      const mean = num(o.mean) ?? 0, std = num(o.std) ?? 1, a = num(o.a) ?? -2, b = num(o.b) ?? 2;
      if (a !== mean - 2 * std || b !== mean + 2 * std) {
        throw new RangeError(`${fn}: with keras: "jax", a and b must be mean -+ 2 std (Keras's TruncatedNormal cuts there), got a ${a}, b ${b} for mean ${mean}, std ${std}`);
      }
      return K.TruncatedNormal({ seed, mean, stddev: std });
    },
  },
  VarianceScaling: {
    keys: ["scale", "mode", "distribution"],
    make: (o, seed) => K.VarianceScaling({ seed, ...(o as Pick<K.VarianceScalingOptions, "scale" | "mode" | "distribution">) }),
  },
  GlorotNormal: { keys: [], make: (_, seed) => K.GlorotNormal({ seed }) },
  GlorotUniform: { keys: [], make: (_, seed) => K.GlorotUniform({ seed }) },
  HeNormal: { keys: [], make: (_, seed) => K.HeNormal({ seed }) },
  HeUniform: { keys: [], make: (_, seed) => K.HeUniform({ seed }) },
  LecunNormal: { keys: [], make: (_, seed) => K.LecunNormal({ seed }) },
  LecunUniform: { keys: [], make: (_, seed) => K.LecunUniform({ seed }) },
  Orthogonal: { keys: ["gain"], make: (o, seed) => K.Orthogonal({ seed, gain: num(o.gain) ?? 1 }) },
  Identity: { keys: ["gain"], make: (o) => K.Identity({ gain: num(o.gain) ?? 1 }) },
  Constant: { keys: ["value"], make: (o) => K.Constant({ value: num(o.value) ?? 0 }) },
  Zeros: { keys: [], make: () => K.Zeros() },
  Ones: { keys: [], make: () => K.Ones() },
};

/** Class names that take `keras: "jax"`. */
export const KERAS_CLASSES: readonly string[] = Object.keys(KERAS);

/**
 * The Keras initializer for class `name` with its (already checked, snake-cased) options and
 * seed; `fn` names the class in messages. Throws a TypeError/RangeError naming the option.
 */
export function kerasFill(fn: string, name: string, keras: unknown, options: Options, seed: number | null): KerasFill {
  if (keras !== "jax") throw new TypeError(`${fn}: config.keras must be "jax" (Keras 3 on the JAX backend) or absent, got ${JSON.stringify(keras) ?? String(keras)}`);
  const spec = KERAS[name];
  if (!spec) throw new TypeError(`${fn}: config.keras is not accepted: ${name} has no Keras 3 counterpart (those that do: ${KERAS_CLASSES.join(", ")})`);
  for (const key of Object.keys(options)) {
    if (!spec.keys.includes(key)) throw new TypeError(`${fn}: config.${key} is not accepted with keras: "jax" (Keras's ${name} has no such parameter)`);
  }
  const seeded = !["Identity", "Constant", "Zeros", "Ones"].includes(name);
  if (seeded && (typeof seed !== "number" || !Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    const Err = typeof seed === "number" ? RangeError : TypeError;
    throw new Err(`${fn}: with keras: "jax", seed must be an integer in [0, 4294967295] (Keras's integer seed), got ${JSON.stringify(seed)}`);
  }
  return spec.make(options, seed ?? 0, fn);
}
