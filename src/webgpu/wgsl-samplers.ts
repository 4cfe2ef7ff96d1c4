// The samplers in WGSL, operation for operation those of assembly/samplers.ts and mathf.ts (and
// of their plain-JS reference, test/reference/mathf.ts), written on float32 bit patterns through
// f_add / f_sub / f_mul (one precision's arithmetic, wgsl-soft.ts) and sf_div / sf_sqrt. The
// constants are the CPU's, as bits.

export const SAMPLERS_WGSL = /* wgsl */ `
const ONE = 0x3f800000u;
const TWO = 0x40000000u;
const HALF = 0x3f000000u;
const MINUS_TWO = 0xc0000000u;
const TWO_M24 = 0x33800000u;
const SIGN = 0x80000000u;

// (word >>> 8 | 1) 2^-24: exact.
fn unit(word: u32) -> u32 { return f_mul(f_from_i32(i32((word >> 8u) | 1u)), TWO_M24); }

// wasm's pmin / pmax on non-NaN values (-0 and +0 compare equal; ties keep a).
fn order_key(x: u32) -> u32 {
  if ((x & 0x7fffffffu) == 0u) { return 0x80000000u; }
  return select(x | 0x80000000u, ~x, (x & SIGN) != 0u);
}
fn f_lt(a: u32, b: u32) -> bool { return order_key(a) < order_key(b); }
fn pmin(a: u32, b: u32) -> u32 { return select(a, b, f_lt(b, a)); }
fn pmax(a: u32, b: u32) -> u32 { return select(a, b, f_lt(a, b)); }

const LN2_HI = 0x3f317180u; const LN2_LO = 0x3717f7d1u;
const LG1 = 0x3f2aaaaau; const LG2 = 0x3eccce13u; const LG3 = 0x3e91e9eeu; const LG4 = 0x3e789e26u;
const SQRT_HALF_BITS = 0x3f3504f3u;

fn logf(x: u32) -> u32 {
  var ix = x + (ONE - SQRT_HALF_BITS);
  let k = (bitcast<i32>(ix) >> 23u) - 0x7f;
  ix = (ix & 0x007fffffu) + SQRT_HALF_BITS;
  let f = f_sub(ix, ONE);
  let s = sf_div(f, f_add(TWO, f));
  let z = f_mul(s, s);
  let w = f_mul(z, z);
  let t1 = f_mul(w, f_add(LG2, f_mul(w, LG4)));
  let t2 = f_mul(z, f_add(LG1, f_mul(w, LG3)));
  let r = f_add(t2, t1);
  let hfsq = f_mul(f_mul(HALF, f), f);
  let dk = f_from_i32(k);
  return f_add(f_add(f_sub(f_add(f_mul(s, f_add(hfsq, r)), f_mul(dk, LN2_LO)), hfsq), f), f_mul(dk, LN2_HI));
}

const TP0 = 0xbf0000f9u; const TP1 = 0x3eaa935au; const TP2 = 0xbe7ef401u;
const TP3 = 0x3e51d804u; const TP4 = 0xbe401eaeu; const TP5 = 0x3df57b69u;

// The truncated normal's tail log: f + f^2 P(f), P by Estrin's scheme.
fn log_tail(x: u32) -> u32 {
  var ix = x + (ONE - SQRT_HALF_BITS);
  let k = (bitcast<i32>(ix) >> 23u) - 0x7f;
  ix = (ix & 0x007fffffu) + SQRT_HALF_BITS;
  let f = f_sub(ix, ONE);
  let f2 = f_mul(f, f);
  let p = f_add(f_add(f_mul(TP1, f), TP0), f_mul(f2, f_add(f_add(f_mul(TP3, f), TP2), f_mul(f2, f_add(f_mul(TP5, f), TP4)))));
  let dk = f_from_i32(k);
  return f_add(f_add(f_add(f_mul(f2, p), f_mul(dk, LN2_LO)), f), f_mul(dk, LN2_HI));
}

const S1 = 0x40c90fdbu; const S3 = 0xc2255de7u; const S5 = 0x42a335e3u; const S7 = 0xc2996966u; const S9 = 0x42283c1au;
const C2 = 0xc19de9e6u; const C4 = 0x4281e0f8u; const C6 = 0xc2aae9e4u; const C8 = 0x4270fa83u; const C10 = 0xc1d368f9u;

fn sin_turns(r: u32) -> u32 {
  let r2 = f_mul(r, r);
  return f_mul(r, f_add(S1, f_mul(r2, f_add(S3, f_mul(r2, f_add(S5, f_mul(r2, f_add(S7, f_mul(r2, S9)))))))));
}

fn cos_turns(r: u32) -> u32 {
  let r2 = f_mul(r, r);
  return f_add(ONE, f_mul(r2, f_add(C2, f_mul(r2, f_add(C4, f_mul(r2, f_add(C6, f_mul(r2, f_add(C8, f_mul(r2, C10))))))))));
}

// sqrt(-2 log u1): the Box-Muller radius of word w1.
fn radius_of(w1: u32) -> u32 { return sf_sqrt(f_mul(logf(unit(w1)), MINUS_TWO)); }

// (cos, sin) of 2 pi u2 for word w2: quadrant k and remainder in integers, as the CPU does.
fn angle_of(w2: u32) -> vec2<u32> {
  let m = i32((w2 >> 8u) | 1u);
  let k = (m + (1 << 21u)) >> 22u;
  let r = f_mul(f_from_i32(m - (k << 22u)), TWO_M24);
  let s = sin_turns(r);
  let c = cos_turns(r);
  let odd = (k & 1) != 0;
  let cosine = select(c, s, odd) ^ (u32((k + 1) & 2) << 30u);
  let sine = select(s, c, odd) ^ (u32(k & 2) << 30u);
  return vec2<u32>(cosine, sine);
}

const CENTRAL_SPLIT = 0x3efa825eu; const CENTRAL_T = 0x3e7522e3u; const CONST2 = 0x3fcccccdu; const SPLIT2 = 0x40a00000u;
const CP0 = 0x40966d26u; const CP1 = 0x4411b82au; const CP2 = 0x469d7976u; const CP3 = 0x484c5eedu; const CP4 = 0x49008409u; const CP5 = 0x48104818u;
const CQ1 = 0x4309974bu; const CQ2 = 0x45ad75e7u; const CQ3 = 0x478eb825u; const CQ4 = 0x48856bafu; const CQ5 = 0x4837b046u;
const QC0 = 0x3fb63331u; const QC1 = 0x40306faau; const QC2 = 0x3fa742e1u; const QC3 = 0x3e2e52edu;
const QD1 = 0x3f3cac24u; const QD2 = 0x3df6315cu;
const QE0 = 0x40d50d8fu; const QE1 = 0x404532d0u; const QE2 = 0x3edb7c55u; const QE3 = 0x3c8e06c1u;
const QF1 = 0x3e77c954u; const QF2 = 0x3c48d6a1u;

// The truncated-normal deviate of u: the central rational for |c| <= CENTRAL_SPLIT, AS 241's tails beyond.
fn trunc_deviate(u: u32, c_lo: u32, p_lo: u32, q_hi: u32, w: u32) -> u32 {
  let uw = f_mul(u, w);
  let c = f_add(c_lo, uw);
  if ((c & 0x7fffffffu) <= CENTRAL_SPLIT) {
    let s = f_sub(CENTRAL_T, f_mul(c, c));
    var num = CP5; var den = CQ5;
    num = f_add(f_mul(num, s), CP4); num = f_add(f_mul(num, s), CP3); num = f_add(f_mul(num, s), CP2);
    num = f_add(f_mul(num, s), CP1); num = f_add(f_mul(num, s), CP0);
    den = f_add(f_mul(den, s), CQ4); den = f_add(f_mul(den, s), CQ3); den = f_add(f_mul(den, s), CQ2);
    den = f_add(f_mul(den, s), CQ1); den = f_add(f_mul(den, s), ONE);
    return f_mul(c, sf_div(num, den));
  }
  let negative = (c & SIGN) != 0u; // c is not zero here
  var m: u32;
  if (negative) { m = f_add(p_lo, uw); } else { m = f_add(q_hi, f_mul(f_sub(ONE, u), w)); }
  let r = sf_sqrt(log_tail(m) ^ SIGN);
  var x: u32;
  if (!f_lt(SPLIT2, r)) {
    let t = f_sub(r, CONST2);
    x = sf_div(f_add(f_mul(f_add(f_mul(f_add(f_mul(QC3, t), QC2), t), QC1), t), QC0), f_add(f_mul(f_add(f_mul(QD2, t), QD1), t), ONE));
  } else {
    let t = f_sub(r, SPLIT2);
    x = sf_div(f_add(f_mul(f_add(f_mul(f_add(f_mul(QE3, t), QE2), t), QE1), t), QE0), f_add(f_mul(f_add(f_mul(QF2, t), QF1), t), ONE));
  }
  return select(x, x ^ SIGN, negative);
}

// float32 bits -> bfloat16 / float16 bits, nearest, ties to even, in integers (the samplers
// never produce NaN).
fn to_bfloat16(x: u32) -> u32 { return (x + 0x7fffu + ((x >> 16u) & 1u)) >> 16u; }

fn to_float16(x: u32) -> u32 {
  let sign = (x >> 16u) & 0x8000u;
  let a = x & 0x7fffffffu;
  if (a >= 0x477ff000u) { return sign | 0x7c00u; } // 65520 and up round to infinity
  if (a >= 0x38800000u) { // normal half: rebias the exponent, round away 13 bits
    return sign | ((a - 0x38000000u + 0xfffu + ((a >> 13u) & 1u)) >> 13u);
  }
  // subnormal half: the value in units of 2^-24, rounded
  let e = a >> 23u;
  if (e < 101u) { return sign; } // below 2^-26: rounds to zero
  let m = (a & 0x7fffffu) | 0x800000u;
  let sh = 126u - e; // 14 .. 25
  var q = m >> sh;
  let rest = m & ((1u << sh) - 1u);
  let halfway = 1u << (sh - 1u);
  if (rest > halfway || (rest == halfway && (q & 1u) == 1u)) { q = q + 1u; }
  return sign | q;
}
`;
