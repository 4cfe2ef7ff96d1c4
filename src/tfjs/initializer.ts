// The base of every nninit/tfjs initializer: a tfjs-layers `Initializer` whose values come from
// an nninit function and a Generator, and whose config (the function's own options plus `seed`)
// survives tfjs's save/load round trip.
//
// This subpath reaches nninit only through its public entry (`../index.js`): the build keeps that
// import external, so nninit/tfjs and nninit share one module instance (one default generator,
// one compiled wasm) and the main entry never loads tfjs.

import { serialization, tensor, type DataType, type Tensor } from "@tensorflow/tfjs-core";
import { initializers } from "@tensorflow/tfjs-layers";
// The class is not exported by tfjs-layers (only its type is reachable, by this path).
import type { Initializer as TfInitializer } from "@tensorflow/tfjs-layers/dist/initializers.js";
import { Generator, defaultGenerator, type TensorOptions } from "../index.js";
import { kerasFill, type KerasFill } from "./keras-jax.js";

/**
 * tfjs-layers' `Initializer` base class. tfjs-layers exports only factories of its subclasses,
 * so the class is taken from one of them; `getInitializer` accepts a layer's initializer only
 * when it is an instance of exactly this class.
 */
const TfInitializerClass = Object.getPrototypeOf(initializers.zeros().constructor) as typeof TfInitializer;

/** What every nninit/tfjs config adds to the options of its nninit function. */
export interface SeedConfig {
  /**
   * Seeds this initializer's own Generator: the n-th tensor it makes is the same on every run,
   * engine and CPU. Any safe integer, 0 included (unlike tfjs, where 0 means unseeded).
   * Default (absent or null): draw from nninit's default generator, shared with the plain
   * functions and reseeded by `manualSeed`.
   */
  seed?: number | null;
  /**
   * "jax": the weight is Keras 3's (JAX backend) for this initializer, its options and the
   * integer `seed` (required, in [0, 2^32)), bit for bit, the same on every call as in Keras
   * (./keras-jax.ts; docs/jax.md). Only the classes with a Keras 3 counterpart take it.
   */
  keras?: "jax";
}

/**
 * The config of an initializer whose nninit function takes options `O`: those options except
 * `generator`, `out` and `range` (a config is saved as JSON with the model), plus `seed`.
 */
export type ConfigOf<O extends TensorOptions> = Omit<O, keyof TensorOptions> & SeedConfig;

/** A fill with a generator: what each initializer runs in `apply`. */
export type Fill<O extends TensorOptions> = (shape: number[], options: O & { generator: Generator; dtype?: "float32" }) => Float32Array;

/** Options tfjs spells in camelCase when it loads a model (it camel-cases every config string). */
const ENUM_OPTIONS = ["mode", "distribution", "nonlinearity"];
const NOT_JSON = ["generator", "out", "range"];

function show(value: unknown): string {
  if (typeof value === "bigint") return `${value}n`;
  return JSON.stringify(value) ?? String(value);
}

/** `show` for objects too: "a Map", "a Generator", "an array". */
function describe(value: unknown): string {
  if (value !== null && typeof value === "object") {
    const name = Array.isArray(value) ? "Array" : (value as object).constructor?.name;
    return name ? `a ${name}` : "an object";
  }
  return show(value);
}

/** An object literal, Object.create(null) or JSON.parse's output (any realm); nothing else. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && (proto as { constructor?: { name?: unknown } }).constructor?.name === "Object");
}

/**
 * A copy of a weight shape, checked before anything is computed from it (tfjs's own checks
 * would otherwise throw a plain Error after the subclass multiplied nulls into sizes).
 */
function checkShape(fn: string, shape: unknown): number[] {
  if (!Array.isArray(shape)) throw new TypeError(`${fn}: shape must be an array of non-negative integers, got ${describe(shape)}`);
  return shape.map((d: unknown, i) => {
    if (typeof d !== "number") throw new TypeError(`${fn}: shape[${i}] must be a non-negative integer, got ${show(d)}`);
    if (!Number.isSafeInteger(d) || d < 0) throw new RangeError(`${fn}: shape[${i}] must be a non-negative integer, got ${String(d)}`);
    return d;
  });
}

/** "fanIn" -> "fan_in", "truncatedNormal" -> "truncated_normal", "fan_in" unchanged. */
function snakeCase(s: string): string {
  return s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/**
 * An nninit initializer for TensorFlow.js layers (`kernelInitializer`, `biasInitializer`,
 * `recurrentInitializer`, `embeddingsInitializer`, ...). Each subclass runs one nninit function
 * on the weight's shape, in the Keras layout that tfjs-layers uses (`[...kernel, in, out]`).
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import * as tfl from "@tensorflow/tfjs-layers";
 * import { HeNormal, NninitInitializer, Zeros } from "nninit/tfjs";
 * const model = tfl.sequential({ layers: [
 *   tfl.layers.dense({ inputShape: [8], units: 4, activation: "relu",
 *                      kernelInitializer: new HeNormal({ seed: 1 }), biasInitializer: new Zeros() }),
 * ] });
 * console.log(new HeNormal() instanceof NninitInitializer); // true: every nninit/tfjs class extends it
 * ```
 */
export abstract class NninitInitializer<O extends TensorOptions = TensorOptions> extends TfInitializerClass {
  /** The config's seed, or null (then values come from nninit's default generator). */
  readonly seed: number | null;
  /** Where values come from: this initializer's own generator, or nninit's default generator. */
  readonly generator: Generator;
  readonly #options: Record<string, unknown>;
  /** With `keras: "jax"`: Keras's initializer, which gives every weight (else null). */
  readonly #keras: KerasFill | null;

  constructor(config: ConfigOf<O> = {} as ConfigOf<O>) {
    super();
    const fn = `nninit/tfjs ${this.constructor.name}`;
    if (!isPlainObject(config)) {
      throw new TypeError(`${fn}: config must be a plain object such as { seed: 1 }, got ${describe(config)}`);
    }
    const { seed = null, keras, ...options } = config as Record<string, unknown>;
    for (const key of NOT_JSON) {
      if (key in options) throw new TypeError(`${fn}: config.${key} is not accepted (a config is saved as JSON); pass seed instead`);
    }
    if ("dtype" in options) {
      throw new TypeError(`${fn}: config.dtype is not accepted: tfjs has no float16 or bfloat16 tensors, and a layer's ` +
        `weights take the layer's dtype (float32) through apply(shape, dtype)`);
    }
    if (keras === undefined && seed !== null && !Number.isSafeInteger(seed)) {
      const Err = typeof seed === "number" ? RangeError : TypeError;
      throw new Err(`${fn}: seed must be a safe integer or null, got ${show(seed)}`);
    }
    const given = { ...options };
    for (const key of ENUM_OPTIONS) if (typeof options[key] === "string") options[key] = snakeCase(options[key] as string);
    this.seed = seed as number | null;
    this.generator = seed === null || keras !== undefined ? defaultGenerator : new Generator(seed as number);
    this.#options = options;
    // Check the options now, with the function's own messages: a fill of zero elements checks
    // everything and draws nothing. When the snake-cased options fail, the error comes from the
    // options as given, so that it quotes what the caller wrote ("FanIn", not "_fan_in").
    try {
      this.fill(this.probeShape(), { ...(options as unknown as O), generator: new Generator(0) });
    } catch (error) {
      this.fill(this.probeShape(), { ...(given as unknown as O), generator: new Generator(0) });
      throw error;
    }
    this.#keras = keras === undefined ? null : kerasFill(fn, this.constructor.name, keras, options, seed as number | null);
  }

  /** The nninit fill for this weight shape. */
  protected abstract fill(shape: number[], options: O & { generator: Generator }): Float32Array;

  /** A zero-element shape this initializer accepts, to check its options at construction. */
  protected probeShape(): number[] {
    return [0, 0];
  }

  /** The weight: a float32 tensor of `shape`, drawn from {@link generator}. */
  apply(shape: (number | null)[], dtype?: DataType): Tensor {
    if (dtype !== undefined && dtype !== "float32") {
      throw new TypeError(`nninit/tfjs ${this.constructor.name}: dtype must be "float32", got ${show(dtype)}`);
    }
    const dims = checkShape(`nninit/tfjs ${this.constructor.name}`, shape);
    if (this.#keras) return tensor(this.#keras(dims), dims, "float32");
    return tensor(this.fill(dims, { ...(this.#options as O), generator: this.generator }), dims, "float32");
  }

  /** The options given to the constructor, the seed (null when none), and `keras` when given. */
  override getConfig(): serialization.ConfigDict {
    return { ...(this.#options as serialization.ConfigDict), seed: this.seed, ...(this.#keras ? { keras: "jax" } : {}) };
  }

  /** Builds an initializer from a saved config (tfjs adds a `customObjects` entry: ignored). */
  static override fromConfig<T extends serialization.Serializable>(cls: serialization.SerializableConstructor<T>, config: serialization.ConfigDict): T {
    const { customObjects: _, ...rest } = config;
    return new cls(rest);
  }
}

/** An nninit/tfjs initializer class: `new C(config)`, registered for serialization. */
export interface NninitInitializerClass<C> {
  new (config?: C): NninitInitializer;
  /** The serialization name, `"nninit>" + the class name`: distinct from tfjs's own classes. */
  readonly className: string;
  /** Builds an initializer from a saved config (what `tf.loadLayersModel` calls). */
  fromConfig: typeof NninitInitializer.fromConfig;
}

const CLASSES: NninitInitializerClass<never>[] = [];

/**
 * Defines the initializer class `name` running `fill`, and registers it with
 * `tf.serialization.registerClass` under `"nninit>" + name`.
 */
export function define<O extends TensorOptions>(name: string, fill: Fill<O>, probe: number[] = [0, 0]): NninitInitializerClass<ConfigOf<O>> {
  const cls = class extends NninitInitializer<O> {
    static className = `nninit>${name}`;
    protected override fill(shape: number[], options: O & { generator: Generator }): Float32Array {
      return fill(shape, options as O & { generator: Generator; dtype?: "float32" }); // the constructor refused config.dtype
    }
    protected override probeShape(): number[] {
      return probe;
    }
  };
  Object.defineProperty(cls, "name", { value: name });
  CLASSES.push(cls);
  serialization.registerClass(cls);
  return cls;
}

/**
 * Registers every nninit/tfjs class with `tf.serialization` (idempotent). Importing anything
 * from nninit/tfjs already did; call it where nothing else is used before
 * `tf.loadLayersModel`, so that a bundler (nninit declares `sideEffects: false`) keeps the module.
 *
 * @example
 * ```ts
 * import "@tensorflow/tfjs-backend-cpu";
 * import * as tfl from "@tensorflow/tfjs-layers";
 * import { register } from "nninit/tfjs";
 * register(); // the "nninit>..." classes are known to tf.serialization before a model is loaded
 * const model = await tfl.loadLayersModel({ load: async () => ({
 *   modelTopology: { class_name: "Sequential", config: { name: "m", layers: [{ class_name: "Dense", config: {
 *     name: "d", units: 2, batch_input_shape: [null, 3], kernel_initializer: { class_name: "nninit>HeNormal", config: { seed: 1 } },
 *   } }] } },
 * }) });
 * console.log(model.layers[0].getWeights()[0].shape); // [3, 2]
 * ```
 */
export function register(): void {
  for (const cls of CLASSES) serialization.registerClass(cls);
}
