// Plain-JS twins of assembly/mathf.ts, operation for operation, from the same bit patterns.

import { add, sub, mul, div, sqrt, bitsOf, floatOf } from "./f32.js";

const C = (bits: number) => floatOf(bits);

export const unit = (word: number) => (((word >>> 8) | 1) * 2 ** -24);

const LN2_HI = C(0x3f317180), LN2_LO = C(0x3717f7d1);
const LG1 = C(0x3f2aaaaa), LG2 = C(0x3eccce13), LG3 = C(0x3e91e9ee), LG4 = C(0x3e789e26);
const SQRT_HALF_BITS = 0x3f3504f3, ONE_BITS = 0x3f800000;

export function logf(x: number): number {
  let ix = (bitsOf(x) + (ONE_BITS - SQRT_HALF_BITS)) | 0;
  const k = (ix >> 23) - 0x7f;
  ix = ((ix & 0x007fffff) + SQRT_HALF_BITS) | 0;
  const f = sub(floatOf(ix), 1);
  const s = div(f, add(2, f));
  const z = mul(s, s);
  const w = mul(z, z);
  const t1 = mul(w, add(LG2, mul(w, LG4)));
  const t2 = mul(z, add(LG1, mul(w, LG3)));
  const r = add(t2, t1);
  const hfsq = mul(mul(0.5, f), f);
  const dk = k;
  return add(add(sub(add(mul(s, add(hfsq, r)), mul(dk, LN2_LO)), hfsq), f), mul(dk, LN2_HI));
}

const S1 = C(0x40c90fdb), S3 = C(0xc2255de7), S5 = C(0x42a335e3), S7 = C(0xc2996966), S9 = C(0x42283c1a);
const C2 = C(0xc19de9e6), C4 = C(0x4281e0f8), C6 = C(0xc2aae9e4), C8 = C(0x4270fa83), C10 = C(0xc1d368f9);

export function sinTurns(r: number): number {
  const r2 = mul(r, r);
  return mul(r, add(S1, mul(r2, add(S3, mul(r2, add(S5, mul(r2, add(S7, mul(r2, S9)))))))));
}

export function cosTurns(r: number): number {
  const r2 = mul(r, r);
  return add(1, mul(r2, add(C2, mul(r2, add(C4, mul(r2, add(C6, mul(r2, add(C8, mul(r2, C10))))))))));
}

const flipSign = (x: number, bit: number) => floatOf(bitsOf(x) ^ (bit << 30));

/** [r cos(2 pi u2), r sin(2 pi u2)] with r = sqrt(-2 log u1), as the kernels compute it. */
export function boxMuller(u1: number, u2: number): [number, number] {
  const radius = sqrt(mul(logf(u1), -2));
  const k4 = Math.round(mul(u2, 4)); // 4 u2 is never a half-integer: no ties to break
  const r = sub(u2, mul(k4, 0.25));
  const s = sinTurns(r), c = cosTurns(r);
  const cosine = flipSign(k4 & 1 ? s : c, (k4 + 1) & 2);
  const sine = flipSign(k4 & 1 ? c : s, k4 & 2);
  return [mul(radius, cosine), mul(radius, sine)];
}

const SPLIT1 = C(0x3ed9999a), CONST1 = C(0x3e38f5c3), CONST2 = C(0x3fcccccd), SPLIT2 = 5;
const QA0 = C(0x4058c6c8), QA1 = C(0x4249bcb2), QA2 = C(0x431f4a88), QA3 = C(0x426c7000);
const QB1 = C(0x418f294f), QB2 = C(0x429d83f9), QB3 = C(0x42866008);
const QC0 = C(0x3fb63331), QC1 = C(0x40306faa), QC2 = C(0x3fa742e1), QC3 = C(0x3e2e52ed);
const QD1 = C(0x3f3cac24), QD2 = C(0x3df6315c);
const QE0 = C(0x40d50d8f), QE1 = C(0x404532d0), QE2 = C(0x3edb7c55), QE3 = C(0x3c8e06c1);
const QF1 = C(0x3e77c954), QF2 = C(0x3c48d6a1);

/** The truncated-normal deviate (AS 241 PPND7 on the interval's CDF range). */
export function truncDeviate(u: number, cLo: number, pLo: number, qHi: number, w: number): number {
  const uw = mul(u, w);
  const c = add(cLo, uw);
  if (Math.abs(c) <= SPLIT1) {
    const rr = sub(CONST1, mul(c, c));
    const num = add(mul(add(mul(add(mul(QA3, rr), QA2), rr), QA1), rr), QA0);
    const den = add(mul(add(mul(add(mul(QB3, rr), QB2), rr), QB1), rr), 1);
    return mul(c, div(num, den));
  }
  const m = c < 0 ? add(pLo, uw) : add(qHi, mul(sub(1, u), w));
  const r = sqrt(-logf(m));
  let x: number;
  if (r <= SPLIT2) {
    const t = sub(r, CONST2);
    x = div(add(mul(add(mul(add(mul(QC3, t), QC2), t), QC1), t), QC0), add(mul(add(mul(QD2, t), QD1), t), 1));
  } else {
    const t = sub(r, SPLIT2);
    x = div(add(mul(add(mul(add(mul(QE3, t), QE2), t), QE1), t), QE0), add(mul(add(mul(QF2, t), QF1), t), 1));
  }
  return c < 0 ? -x : x;
}
