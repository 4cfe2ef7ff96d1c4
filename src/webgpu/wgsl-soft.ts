// Soft float32 in WGSL: +, -, *, /, sqrt and int -> float on the bit patterns (u32), in integer
// arithmetic only, correctly rounded to nearest, ties to even, with subnormals, infinities and
// signed zeros as IEEE 754 defines them. WGSL lets an implementation fuse `a * b + c`, reassociate,
// flush subnormals and approximate `/` and `sqrt` (docs/webgpu.md), but integer add, multiply,
// shift and compare have one result everywhere: a fill written in these functions gives the CPU's
// bits on every conforming implementation. Division and square root are also used by the fast
// precision (the spec allows them 2.5 and 2 ulp).
//
// Conventions: `sig` is a significand with its leading 1 at bit 31 (when normal) and the value
// sig / 2^31 * 2^(e - 127); the bits below the 24 kept are the rounding bits, with any nonzero
// bit shifted out OR-ed into bit 0 ("jammed") so that ties are recognised exactly.

/** The soft-float helpers (exact precision; sf_div and sf_sqrt serve both precisions). */
export const SOFT_WGSL = /* wgsl */ `
struct Unpacked { e: i32, m: u32 }

// x >> n with every bit shifted out OR-ed into bit 0 (n may be 0 or >= 32).
fn shr_jam(x: u32, n: u32) -> u32 {
  if (n == 0u) { return x; }
  if (n >= 32u) { return select(0u, 1u, x != 0u); }
  return (x >> n) | select(0u, 1u, (x << (32u - n)) != 0u);
}

// A finite nonzero magnitude as m in [2^23, 2^24) and e: value = m / 2^23 * 2^(e - 127).
fn unpack(a: u32) -> Unpacked {
  let ef = a >> 23u;
  let f = a & 0x7fffffu;
  if (ef == 0u) {
    let lz = countLeadingZeros(f) - 8u;
    return Unpacked(1 - i32(lz), f << lz);
  }
  return Unpacked(i32(ef), f | 0x800000u);
}

// Rounds sig / 2^31 * 2^(e - 127) to float32 bits (nearest, ties to even), with the sign bit given.
fn round_pack(sign: u32, e: i32, sig: u32) -> u32 {
  var s = sig;
  var ee = e;
  if (ee < 1) { s = shr_jam(s, u32(min(1 - ee, 32))); ee = 1; }
  if (ee >= 255) { return sign | 0x7f800000u; }
  var q = s >> 8u;
  let rest = s & 0xffu;
  if (rest > 0x80u || (rest == 0x80u && (q & 1u) == 1u)) { q = q + 1u; }
  // The implicit bit (bit 23 of q) carries into the exponent field; a carry out of the
  // significand moves to the next binade, and past the largest one to infinity.
  return sign | min((u32(ee - 1) << 23u) + q, 0x7f800000u);
}

// The 64-bit product of two u32 as (lo, hi), from 16-bit halves.
fn mul_wide(a: u32, b: u32) -> vec2<u32> {
  let a0 = a & 0xffffu; let a1 = a >> 16u;
  let b0 = b & 0xffffu; let b1 = b >> 16u;
  let p00 = a0 * b0; let p01 = a0 * b1; let p10 = a1 * b0; let p11 = a1 * b1;
  let mid = (p00 >> 16u) + (p01 & 0xffffu) + (p10 & 0xffffu);
  return vec2<u32>((mid << 16u) | (p00 & 0xffffu), p11 + (p01 >> 16u) + (p10 >> 16u) + (mid >> 16u));
}

fn is_nan(a: u32) -> bool { return (a & 0x7fffffffu) > 0x7f800000u; }

fn sf_mul(a: u32, b: u32) -> u32 {
  let sign = (a ^ b) & 0x80000000u;
  let ma = a & 0x7fffffffu; let mb = b & 0x7fffffffu;
  if (is_nan(a) || is_nan(b)) { return 0x7fc00000u; }
  if (ma == 0x7f800000u || mb == 0x7f800000u) {
    if (ma == 0u || mb == 0u) { return 0x7fc00000u; }
    return sign | 0x7f800000u;
  }
  if (ma == 0u || mb == 0u) { return sign; }
  let x = unpack(ma); let y = unpack(mb);
  // (m_a 2^8)(m_b 2^8) lies in [2^62, 2^64): its high word holds the leading bit at 31 or 30.
  let p = mul_wide(x.m << 8u, y.m << 8u);
  var e = x.e + y.e - 127;
  var sig = p.y;
  var low = p.x;
  if (sig < 0x80000000u) { sig = (sig << 1u) | (low >> 31u); low = low << 1u; } else { e = e + 1; }
  return round_pack(sign, e, sig | select(0u, 1u, low != 0u));
}

fn sf_add(a: u32, b: u32) -> u32 {
  let ma = a & 0x7fffffffu; let mb = b & 0x7fffffffu;
  if (is_nan(a) || is_nan(b)) { return 0x7fc00000u; }
  if (ma == 0x7f800000u) {
    if (mb == 0x7f800000u && ((a ^ b) & 0x80000000u) != 0u) { return 0x7fc00000u; }
    return a;
  }
  if (mb == 0x7f800000u) { return b; }
  if (mb == 0u) { if (ma == 0u) { return a & b; } return a; }
  if (ma == 0u) { return b; }
  var big = a; var small = b;
  if (mb > ma) { big = b; small = a; }
  let x = unpack(big & 0x7fffffffu); let y = unpack(small & 0x7fffffffu);
  // Significands with the leading bit at 30: 7 rounding bits below the 24 kept, the smaller one
  // aligned with its lost bits jammed.
  let sx = x.m << 7u;
  let sy = shr_jam(y.m << 7u, u32(min(x.e - y.e, 32)));
  var s: u32;
  if (((a ^ b) & 0x80000000u) == 0u) { s = sx + sy; } else {
    s = sx - sy;
    if (s == 0u) { return 0u; } // x - x = +0 when rounding to nearest
  }
  let lz = countLeadingZeros(s);
  return round_pack(big & 0x80000000u, x.e + 1 - i32(lz), s << lz);
}

fn sf_sub(a: u32, b: u32) -> u32 { return sf_add(a, b ^ 0x80000000u); }

fn sf_div(a: u32, b: u32) -> u32 {
  let sign = (a ^ b) & 0x80000000u;
  let ma = a & 0x7fffffffu; let mb = b & 0x7fffffffu;
  if (is_nan(a) || is_nan(b)) { return 0x7fc00000u; }
  if (ma == 0x7f800000u) { if (mb == 0x7f800000u) { return 0x7fc00000u; } return sign | 0x7f800000u; }
  if (mb == 0x7f800000u) { return sign; }
  if (mb == 0u) { if (ma == 0u) { return 0x7fc00000u; } return sign | 0x7f800000u; }
  if (ma == 0u) { return sign; }
  let x = unpack(ma); let y = unpack(mb);
  var e = x.e - y.e + 127;
  var rem = x.m;
  if (rem < y.m) { rem = rem << 1u; e = e - 1; }
  // Restoring division: 26 quotient bits (leading 1 at bit 25), then the remainder as sticky.
  var q = 0u;
  for (var i = 0; i < 26; i = i + 1) {
    q = q << 1u;
    if (rem >= y.m) { rem = rem - y.m; q = q | 1u; }
    rem = rem << 1u;
  }
  return round_pack(sign, e, (q << 6u) | select(0u, 1u, rem != 0u));
}

fn sf_sqrt(a: u32) -> u32 {
  let ma = a & 0x7fffffffu;
  if (is_nan(a)) { return 0x7fc00000u; }
  if (ma == 0u) { return a; }
  if (a >= 0x80000000u) { return 0x7fc00000u; }
  if (a == 0x7f800000u) { return a; }
  let x = unpack(a);
  var ex = x.e - 127;
  var m = x.m;
  if ((ex & 1) != 0) { m = m << 1u; ex = ex - 1; }
  // M = m 2^29 in [2^52, 2^54) as (hi, lo); its root has 27 bits; two radicand bits per step.
  let hi = m >> 3u;
  let lo = m << 29u;
  var root = 0u;
  var rem = 0u;
  for (var i = 26; i >= 0; i = i - 1) {
    let at = u32(i) * 2u;
    var pair: u32;
    if (at >= 32u) { pair = (hi >> (at - 32u)) & 3u; } else { pair = (lo >> at) & 3u; }
    rem = (rem << 2u) | pair;
    let trial = (root << 2u) | 1u;
    if (rem >= trial) { rem = rem - trial; root = (root << 1u) | 1u; } else { root = root << 1u; }
  }
  return round_pack(0u, ex / 2 + 127, (root << 5u) | select(0u, 1u, rem != 0u));
}

fn sf_from_i32(i: i32) -> u32 {
  if (i == 0) { return 0u; }
  let sign = select(0u, 0x80000000u, i < 0);
  let u = select(u32(i), u32(-i), i < 0);
  let lz = countLeadingZeros(u);
  return round_pack(sign, 158 - i32(lz), u << lz);
}
`;

/**
 * The arithmetic the samplers call, by precision. "exact": the soft functions above.
 * "fast": WGSL's float +, -, * with every operand passed through an opaque barrier (a runtime
 * zero XOR-ed into its bits), so that no compiler can see a product feeding a sum and fuse them,
 * nor reassociate; division and square root stay soft (WGSL allows them to be approximate).
 */
export function arithmetic(precision: "exact" | "fast"): string {
  if (precision === "exact") {
    return /* wgsl */ `
fn f_add(a: u32, b: u32) -> u32 { return sf_add(a, b); }
fn f_sub(a: u32, b: u32) -> u32 { return sf_sub(a, b); }
fn f_mul(a: u32, b: u32) -> u32 { return sf_mul(a, b); }
fn f_from_i32(i: i32) -> u32 { return sf_from_i32(i); }
`;
  }
  return /* wgsl */ `
fn opaque(a: u32) -> f32 { return bitcast<f32>(a ^ params.zero); }
fn f_add(a: u32, b: u32) -> u32 { return bitcast<u32>(opaque(a) + opaque(b)); }
fn f_sub(a: u32, b: u32) -> u32 { return bitcast<u32>(opaque(a) - opaque(b)); }
fn f_mul(a: u32, b: u32) -> u32 { return bitcast<u32>(opaque(a) * opaque(b)); }
fn f_from_i32(i: i32) -> u32 { return sf_from_i32(i); }
`;
}
