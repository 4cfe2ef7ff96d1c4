// uniformWords' SIMD twin (./transforms.ts, the scalar reference): 4 words a step, the same bits.
// u = max(minval, fma(f, range, minval)) with f from the word's top 23 bits: the product is exact
// in float64 and the sum rounds once there, then once to float32 (../torch/simd.ts). A lane is
// redone by the scalar code when that double rounding can differ from the fused one (the float64
// sum on a float32 midpoint after an inexact sum), when the result is tiny (XLA flushes subnormals
// to zero) or NaN, or when u <= minval (max's choice, and its signed zeros, stay the scalar's).

import { uniformWords } from "./transforms";
import { inexactMidpointOrTiny, low, high, join } from "../torch/simd";
import { unit } from "./normal-simd";

/** uniformWords' twin: n words at dst become uniform(minval, minval + range) values. */
export function uniformSimd(dst: usize, n: i32, minval: f32, range: f32): void {
  let aD = f64x2.splat(<f64>minval), rD = f64x2.splat(<f64>range);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let at = dst + (<usize>j << 2);
    let f = unit(v128.load(at));
    let pl = f64x2.mul(low(f), rD), ph = f64x2.mul(high(f), rD);
    let sl = f64x2.add(pl, aD), sh = f64x2.add(ph, aD);
    // NaN or u <= minval: not (s > minval).
    let bad = v128.or(v128.or(inexactMidpointOrTiny(pl, aD, sl), inexactMidpointOrTiny(ph, aD, sh)),
      v128.not(v128.and(f64x2.gt(sl, aD), f64x2.gt(sh, aD))));
    if (v128.any_true(bad)) uniformWords(at, 4, minval, range);
    else v128.store(at, join(sl, sh));
  }
  uniformWords(dst + (<usize>j << 2), n - j, minval, range);
}
