// Reading a Hugging Face config (config.json's keys) for the transformers replays: the keys that
// shape the weights are checked; keys that only change the forward pass (dropouts, activation,
// epsilons, rope, token ids other than the padding one) are accepted and ignored; any other key
// is refused, so a typo or an unsupported option (add_cross_attention) cannot pass silently.

import { typeError, rangeError, integer, isPlainObject, ownEntries, finiteNumber } from "../../validate.js";
import { size, flag } from "../modules/check.js";

/** Keys every transformers config may carry that never change the initial weights. */
const COMMON_IGNORED = [
  "model_type", "architectures", "transformers_version", "torch_dtype", "dtype", "use_cache", "bos_token_id",
  "eos_token_id", "_name_or_path", "output_attentions", "output_hidden_states", "return_dict",
];

/**
 * The transformers versions whose `from_config` the replays follow, oldest first; the last is the
 * default. They draw the same words in the same order; only `initializer_range: 0` differs: 5.18
 * draws Embedding and Linear weights with `initializer_range or 0.02`, 4.57 with the raw 0 (zeros).
 *
 * @example
 * ```ts
 * import { stateDict, TRANSFORMERS_VERSIONS } from "nninit/torch";
 * console.log(TRANSFORMERS_VERSIONS); // [ "4.57", "5.18" ]
 * const sd = stateDict("gpt2", { n_layer: 1, n_embd: 32, n_head: 2, vocab_size: 100, n_positions: 16 }, { seed: 0, transformers: "4.57" });
 * ```
 */
export const TRANSFORMERS_VERSIONS = ["4.57", "5.18"] as const;
/** One of {@link TRANSFORMERS_VERSIONS}. */
export type TransformersVersion = (typeof TRANSFORMERS_VERSIONS)[number];

/** The std transformers' `_init_weights` gives nn.Embedding and nn.Linear weights. */
export function embeddingLinearStd(ir: number, version: TransformersVersion): number {
  return version === "4.57" ? ir : ir || 0.02;
}

export class HfConfig {
  readonly #fn: string;
  readonly #c: Record<string, unknown>;

  constructor(fn: string, model: string, value: unknown, shaping: readonly string[], ignored: readonly string[]) {
    this.#fn = fn;
    if (isPlainObject(value)) {
      for (const key of Object.keys(value)) {
        if (!shaping.includes(key) && !ignored.includes(key) && !COMMON_IGNORED.includes(key)) {
          throw new TypeError(`${fn}: unknown or unsupported config key ${JSON.stringify(key)} for ${JSON.stringify(model)}; ` +
            `the keys that shape the weights are ${shaping.join(", ")}`);
        }
      }
    }
    this.#c = ownEntries(this.#fn, "config", value);
  }

  has(key: string): boolean {
    return this.#c[key] !== undefined;
  }

  size(key: string, fallback: number): number {
    return this.#c[key] === undefined ? fallback : size(this.#fn, `config.${key}`, this.#c[key]);
  }

  count(key: string, fallback: number): number {
    return this.#c[key] === undefined ? fallback : integer(this.#fn, `config.${key}`, this.#c[key], 0);
  }

  flag(key: string, fallback: boolean): boolean {
    return flag(this.#fn, `config.${key}`, this.#c[key], fallback);
  }

  /** initializer_range: a finite number >= 0. */
  range(key: string, fallback: number): number {
    if (this.#c[key] === undefined) return fallback;
    const v = finiteNumber(this.#fn, `config.${key}`, this.#c[key]);
    if (v < 0) throw rangeError(this.#fn, `config.${key}`, "a number >= 0", v);
    return v;
  }

  /** A key that must be absent or false (an option this replay does not build). */
  unsupported(key: string): void {
    const v = this.#c[key];
    if (v !== undefined && v !== false) throw typeError(this.#fn, `config.${key}`, "false or absent (not replayed)", v);
  }

  raw(key: string): unknown {
    return this.#c[key];
  }
}
