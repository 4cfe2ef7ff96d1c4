// Tests only: a fused multiply-add, to build the mutants a driver could produce (WGSL lets an
// implementation compute `a * b + c` with one rounding). The software adapters never fuse, so the
// mutation runs of exactness.test.ts inject this function in place of one multiply-then-add and
// check that the bit-for-bit comparison notices.
//
// sf_fma is one integer function over the soft-float helpers of src/webgpu/wgsl-soft.ts (unpack,
// mul_wide, round_pack): the exact 48-bit product and the addend are aligned in 64 bits (two u32
// words) with the bits shifted out jammed into bit 0, added or subtracted, normalised and rounded
// once. (Composed inline from the soft operations it took SwiftShader over 10 minutes to compile;
// as one function it is a few dozen integer lines.) fmaF32 is its plain-JS reference.

export const SOFT_FMA_WGSL = /* wgsl */ `
// x << n for a 64-bit (lo, hi), n < 64.
fn fma_shl(x: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) { return x; }
  if (n >= 32u) { return vec2<u32>(0u, x.x << (n - 32u)); }
  return vec2<u32>(x.x << n, (x.y << n) | (x.x >> (32u - n)));
}

// x >> n for a 64-bit (lo, hi), every bit shifted out OR-ed into bit 0.
fn fma_shr_jam(x: vec2<u32>, n: u32) -> vec2<u32> {
  if (n == 0u) { return x; }
  if (n >= 64u) { return vec2<u32>(select(0u, 1u, (x.x | x.y) != 0u), 0u); }
  if (n >= 32u) {
    let k = n - 32u;
    var lost = x.x != 0u;
    var lo = x.y;
    if (k > 0u) { lost = lost || (x.y << (32u - k)) != 0u; lo = x.y >> k; }
    return vec2<u32>(lo | select(0u, 1u, lost), 0u);
  }
  let lost = (x.x << (32u - n)) != 0u;
  return vec2<u32>(((x.x >> n) | (x.y << (32u - n))) | select(0u, 1u, lost), x.y >> n);
}

// a * b + c rounded once (nearest, ties to even), on float32 bit patterns.
fn sf_fma(a: u32, b: u32, c: u32) -> u32 {
  let ma = a & 0x7fffffffu; let mb = b & 0x7fffffffu; let mc = c & 0x7fffffffu;
  if (is_nan(a) || is_nan(b) || is_nan(c)) { return 0x7fc00000u; }
  // A zero or infinite factor makes the product exact, so the unfused form rounds once too.
  if (ma == 0u || mb == 0u || ma == 0x7f800000u || mb == 0x7f800000u) { return sf_add(sf_mul(a, b), c); }
  if (mc == 0u) { return sf_mul(a, b); } // a nonzero product: its rounding (and its sign if it underflows)
  if (mc == 0x7f800000u) { return c; } // a finite product cannot cancel an infinity
  let sp = (a ^ b) & 0x80000000u;
  let sc = c & 0x80000000u;
  let x = unpack(ma); let y = unpack(mb); let z = unpack(mc);
  // Both as s / 2^61 * 2^(e - 127) with s in 64 bits: the product (in [2^46, 2^48)) << 15, the
  // addend's significand (in [2^23, 2^24)) << 38.
  let p = mul_wide(x.m, y.m);
  var sp64 = fma_shl(p, 15u);
  var sc64 = fma_shl(vec2<u32>(z.m, 0u), 38u);
  let ep = x.e + y.e - 127;
  var e = z.e;
  if (ep >= z.e) { sc64 = fma_shr_jam(sc64, u32(min(ep - z.e, 64))); e = ep; }
  else { sp64 = fma_shr_jam(sp64, u32(min(z.e - ep, 64))); }
  var s: vec2<u32>;
  var sign = sp;
  if (sp == sc) {
    let lo = sp64.x + sc64.x;
    s = vec2<u32>(lo, sp64.y + sc64.y + select(0u, 1u, lo < sp64.x));
  } else {
    var big = sp64; var small = sc64;
    if (sc64.y > sp64.y || (sc64.y == sp64.y && sc64.x > sp64.x)) { big = sc64; small = sp64; sign = sc; }
    s = vec2<u32>(big.x - small.x, big.y - small.y - select(0u, 1u, big.x < small.x));
    if ((s.x | s.y) == 0u) { return 0u; } // exact cancellation: +0 when rounding to nearest
  }
  // Leading bit to 63; the high word keeps it at 31, the low word becomes the sticky bit.
  let lz = select(countLeadingZeros(s.y), 32u + countLeadingZeros(s.x), s.y == 0u);
  let t = fma_shl(s, lz);
  return round_pack(sign, e + 2 - i32(lz), t.y | select(0u, 1u, t.x != 0u));
}
`;

const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

/** The float32 next to x (a float32 value) in the direction of `toward`. */
function step(x: number, toward: number): number {
  f32[0] = x;
  if (x === 0) u32[0] = toward > 0 ? 1 : 0x80000001;
  else if (toward > x === x > 0) u32[0] += 1;
  else u32[0] -= 1;
  return f32[0];
}

/**
 * fma(a, b, c) of float32 values, rounded once to float32. The product of two float32 is exact in
 * float64 and the sum's float64 rounding error is recovered exactly (TwoSum), so the only case where
 * rounding the float64 sum to float32 differs from rounding the exact sum, a float64 sum that sits
 * exactly halfway between two float32 with a nonzero error, is settled by the error's sign.
 */
export function fmaF32(a: number, b: number, c: number): number {
  const p = a * b;
  const s = p + c;
  const bb = s - p;
  const err = p - (s - bb) + (c - bb);
  const r = Math.fround(s);
  if (err === 0 || r === s || !Number.isFinite(r)) return r;
  const other = step(r, s);
  if (Math.abs(s - r) !== Math.abs(other - s)) return r;
  return err > 0 === other > r ? other : r;
}
