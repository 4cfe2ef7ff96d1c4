// The one call that fills part of a pool fill, on a worker or on the calling thread
// (`pool.help()`): both must make exactly this call, so that whoever fills a chunk writes the
// same bits as the synchronous initializer.

import { Generator } from "../random/generator.js";
import type { Entry } from "./registry.js";

/** What a part of a fill needs: the caller's shape and options, and its generator's state at the call. */
export interface RangeSource {
  shape: unknown;
  options: Record<string, unknown>;
  seed: bigint;
  position: number;
}

/** Elements [start, end) of the fill's tensor into `out`, from the caller's generator state. */
export function fillRange(entry: Entry, fill: RangeSource, start: number, end: number, out: Float32Array | Uint16Array | undefined): ArrayBufferView {
  const generator = new Generator(fill.seed).setState({ seed: fill.seed, position: fill.position });
  return entry.fn(fill.shape, { ...fill.options, generator, range: [start, end], out });
}
