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

const TP0 = C(0xbf0000f9), TP1 = C(0x3eaa935a), TP2 = C(0xbe7ef401), TP3 = C(0x3e51d804), TP4 = C(0xbe401eae), TP5 = C(0x3df57b69);

/** The truncated normal's tail log: f + f^2 P(f) after logf's reduction, no division, P by Estrin. */
export function logTail(x: number): number {
  let ix = (bitsOf(x) + (ONE_BITS - SQRT_HALF_BITS)) | 0;
  const k = (ix >> 23) - 0x7f;
  ix = ((ix & 0x007fffff) + SQRT_HALF_BITS) | 0;
  const f = sub(floatOf(ix), 1);
  const f2 = mul(f, f);
  const p = add(add(mul(TP1, f), TP0), mul(f2, add(add(mul(TP3, f), TP2), mul(f2, add(mul(TP5, f), TP4)))));
  return add(add(add(mul(f2, p), mul(k, LN2_LO)), f), mul(k, LN2_HI));
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

const CENTRAL_SPLIT = C(0x3efa825e), CENTRAL_T = C(0x3e7522e3), CONST2 = C(0x3fcccccd), SPLIT2 = 5;
const CP0 = C(0x40966d26), CP1 = C(0x4411b82a), CP2 = C(0x469d7976), CP3 = C(0x484c5eed), CP4 = C(0x49008409), CP5 = C(0x48104818);
const CQ1 = C(0x4309974b), CQ2 = C(0x45ad75e7), CQ3 = C(0x478eb825), CQ4 = C(0x48856baf), CQ5 = C(0x4837b046);
const QC0 = C(0x3fb63331), QC1 = C(0x40306faa), QC2 = C(0x3fa742e1), QC3 = C(0x3e2e52ed);
const QD1 = C(0x3f3cac24), QD2 = C(0x3df6315c);
const QE0 = C(0x40d50d8f), QE1 = C(0x404532d0), QE2 = C(0x3edb7c55), QE3 = C(0x3c8e06c1);
const QF1 = C(0x3e77c954), QF2 = C(0x3c48d6a1);

/** The truncated-normal deviate: our (5,5) central rational for |z| <= 2.3, AS 241 PPND7's tails beyond. */
export function truncDeviate(u: number, cLo: number, pLo: number, qHi: number, w: number): number {
  const uw = mul(u, w);
  const c = add(cLo, uw);
  if (Math.abs(c) <= CENTRAL_SPLIT) {
    const s = sub(CENTRAL_T, mul(c, c));
    let num = CP5, den = CQ5;
    for (const a of [CP4, CP3, CP2, CP1, CP0]) num = add(mul(num, s), a);
    for (const b of [CQ4, CQ3, CQ2, CQ1, 1]) den = add(mul(den, s), b);
    return mul(c, div(num, den));
  }
  const m = c < 0 ? add(pLo, uw) : add(qHi, mul(sub(1, u), w));
  const r = sqrt(-logTail(m));
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
