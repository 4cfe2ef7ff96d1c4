// How the tape Generator answers a draw (the generator protocol of ./draw.ts): element i of the
// tensor comes from tape word head + i, so a slice [start, end) is computed alone, and the head
// then moves past the whole tensor.

import type { Generator } from "./generator.js";
import type { Draw, DrawLaw } from "./draw.js";
import { sampleUniform, sampleNormal, sampleTruncNormal, type Placement } from "./sample.js";
import { sampleSparse } from "./tape-sparse.js";

/** Tape words a draw of `numel` elements consumes. */
function wordsOf(law: DrawLaw, numel: number): number {
  return law.kind === "sparse" ? numel + law.cols * law.zeros : numel;
}

export function drawTape(gen: Generator, d: Draw): void {
  const words = wordsOf(d.law, d.numel);
  gen.checkRoom(d.fn, words);
  const at: Placement = { target: d.out, offset: 0, count: d.end - d.start, position: gen.position + d.start, dtype: d.dtype };
  const law = d.law;
  switch (law.kind) {
    case "uniform": sampleUniform(gen, at, law.a, law.b); break;
    case "normal": sampleNormal(gen, at, law.mean, law.std); break;
    case "truncNormal": sampleTruncNormal(gen, at, law.mean, law.std, law.a, law.b); break;
    case "sparse": sampleSparse(gen, d, law); break;
  }
  gen.advance(words);
}
