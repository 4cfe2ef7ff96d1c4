// threefry2x32 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) as JAX
// 0.10 uses it: 20 rounds, key schedule [k0, k1, k0 ^ k1 ^ 0x1BD11BDA], and with
// jax_threefry_partitionable (the default) element i of any draw is a function of its flat index
// alone: (y0, y1) = threefry(key, i >> 32, i & 0xFFFFFFFF), its 32-bit word y0 ^ y1. So any
// range of elements is computable on its own, which is what `range`, `out` and the pool need.
// The SIMD kernel runs 4 counters per i32x4 lane set; the scalar kernel is its twin, word for word.

const PARITY: u32 = 0x1bd11bda;

// @ts-ignore: decorator
@inline function rotl(x: u32, r: u32): u32 {
  return (x << r) | (x >>> (32 - r));
}

/** The 32-bit word of counter (hi, lo): y0 ^ y1. */
// @ts-ignore: decorator
@inline export function word(k0: u32, k1: u32, hi: u32, lo: u32): u32 {
  let k2 = k0 ^ k1 ^ PARITY;
  let a = hi + k0, b = lo + k1;
  a += b; b = rotl(b, 13) ^ a; a += b; b = rotl(b, 15) ^ a;
  a += b; b = rotl(b, 26) ^ a; a += b; b = rotl(b, 6) ^ a;
  a += k1; b += k2 + 1;
  a += b; b = rotl(b, 17) ^ a; a += b; b = rotl(b, 29) ^ a;
  a += b; b = rotl(b, 16) ^ a; a += b; b = rotl(b, 24) ^ a;
  a += k2; b += k0 + 2;
  a += b; b = rotl(b, 13) ^ a; a += b; b = rotl(b, 15) ^ a;
  a += b; b = rotl(b, 26) ^ a; a += b; b = rotl(b, 6) ^ a;
  a += k0; b += k1 + 3;
  a += b; b = rotl(b, 17) ^ a; a += b; b = rotl(b, 29) ^ a;
  a += b; b = rotl(b, 16) ^ a; a += b; b = rotl(b, 24) ^ a;
  a += k1; b += k2 + 4;
  a += b; b = rotl(b, 13) ^ a; a += b; b = rotl(b, 15) ^ a;
  a += b; b = rotl(b, 26) ^ a; a += b; b = rotl(b, 6) ^ a;
  a += k2; b += k0 + 5;
  return a ^ b;
}

/** dst[j] = word of counter (hi, lo) + j, j < n (the 64-bit counter carries into hi). */
export function bitsScalar(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32): void {
  for (let j = 0; j < n; j++) {
    let c = lo + <u32>j;
    store<u32>(dst + (<usize>j << 2), word(k0, k1, hi + <u32>(c < lo), c));
  }
}

// @ts-ignore: decorator
@inline function vrotl(x: v128, r: i32): v128 {
  return v128.or(i32x4.shl(x, r), i32x4.shr_u(x, 32 - r));
}

// @ts-ignore: decorator
@inline function mix(a: v128, b: v128, r: i32): v128 {
  return v128.xor(vrotl(b, r), a);
}

/** bitsScalar, 4 counters at a time (the tail by the scalar loop). */
export function bitsSimd(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32): void {
  let k2 = k0 ^ k1 ^ PARITY;
  let vk0 = i32x4.splat(k0), vk1 = i32x4.splat(k1), vk2 = i32x4.splat(k2);
  let vk2p1 = i32x4.splat(k2 + 1), vk0p2 = i32x4.splat(k0 + 2), vk1p3 = i32x4.splat(k1 + 3);
  let vk2p4 = i32x4.splat(k2 + 4), vk0p5 = i32x4.splat(k0 + 5);
  let vlo = i32x4.splat(lo), vhi = i32x4.splat(hi + k0);
  let step = i32x4(0, 1, 2, 3);
  let four = i32x4.splat(4);
  let j = 0;
  for (; j + 4 <= n; j += 4) {
    let c = i32x4.add(vlo, step);
    // A lane whose low word wrapped past 2^32 carries 1 into the high word (lt_u gives -1).
    let a = i32x4.sub(vhi, i32x4.lt_u(c, vlo));
    let b = i32x4.add(c, vk1);
    step = i32x4.add(step, four);
    a = i32x4.add(a, b); b = mix(a, b, 13); a = i32x4.add(a, b); b = mix(a, b, 15);
    a = i32x4.add(a, b); b = mix(a, b, 26); a = i32x4.add(a, b); b = mix(a, b, 6);
    a = i32x4.add(a, vk1); b = i32x4.add(b, vk2p1);
    a = i32x4.add(a, b); b = mix(a, b, 17); a = i32x4.add(a, b); b = mix(a, b, 29);
    a = i32x4.add(a, b); b = mix(a, b, 16); a = i32x4.add(a, b); b = mix(a, b, 24);
    a = i32x4.add(a, vk2); b = i32x4.add(b, vk0p2);
    a = i32x4.add(a, b); b = mix(a, b, 13); a = i32x4.add(a, b); b = mix(a, b, 15);
    a = i32x4.add(a, b); b = mix(a, b, 26); a = i32x4.add(a, b); b = mix(a, b, 6);
    a = i32x4.add(a, vk0); b = i32x4.add(b, vk1p3);
    a = i32x4.add(a, b); b = mix(a, b, 17); a = i32x4.add(a, b); b = mix(a, b, 29);
    a = i32x4.add(a, b); b = mix(a, b, 16); a = i32x4.add(a, b); b = mix(a, b, 24);
    a = i32x4.add(a, vk1); b = i32x4.add(b, vk2p4);
    a = i32x4.add(a, b); b = mix(a, b, 13); a = i32x4.add(a, b); b = mix(a, b, 15);
    a = i32x4.add(a, b); b = mix(a, b, 26); a = i32x4.add(a, b); b = mix(a, b, 6);
    a = i32x4.add(a, vk2); b = i32x4.add(b, vk0p5);
    v128.store(dst + (<usize>j << 2), v128.xor(a, b));
  }
  bitsScalar(k0, k1, hi + <u32>(lo + <u32>j < lo), lo + <u32>j, dst + (<usize>j << 2), n - j);
}
