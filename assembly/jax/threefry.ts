// threefry2x32 (Salmon et al., "Parallel random numbers: as easy as 1, 2, 3", SC 2011) as JAX
// 0.10 uses it: 20 rounds, key schedule [k0, k1, k0 ^ k1 ^ 0x1BD11BDA], and with
// jax_threefry_partitionable (the default) element i of any draw is a function of its flat index
// alone: (y0, y1) = threefry(key, i >> 32, i & 0xFFFFFFFF), its 32-bit word y0 ^ y1. So any
// range of elements is computable on its own, which is what `range`, `out` and the pool need.
// The SIMD kernel runs 16 counters a step (four independent i32x4 chains: the rounds are a serial
// chain, and four of them keep the vector pipes busy; 2 chains 288, 4: 357, 6: 374, 8: 329 M words/s
// of CPU time measured); the scalar kernel is its twin, word for word.

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

// Rotations by 16 and 24 move whole bytes: one shuffle instead of two shifts and an or.
// @ts-ignore: decorator
@inline function mix16(a: v128, b: v128): v128 {
  return v128.xor(i8x16.shuffle(b, b, 2, 3, 0, 1, 6, 7, 4, 5, 10, 11, 8, 9, 14, 15, 12, 13), a);
}

// @ts-ignore: decorator
@inline function mix24(a: v128, b: v128): v128 {
  return v128.xor(i8x16.shuffle(b, b, 1, 2, 3, 0, 5, 6, 7, 4, 9, 10, 11, 8, 13, 14, 15, 12), a);
}

/** bitsScalar, 16 counters at a time as four independent i32x4 chains (the tail by the scalar loop). */
export function bitsSimd(k0: u32, k1: u32, hi: u32, lo: u32, dst: usize, n: i32): void {
  let k2 = k0 ^ k1 ^ PARITY;
  let vk0 = i32x4.splat(k0), vk1 = i32x4.splat(k1), vk2 = i32x4.splat(k2);
  let vk2p1 = i32x4.splat(k2 + 1), vk0p2 = i32x4.splat(k0 + 2), vk1p3 = i32x4.splat(k1 + 3);
  let vk2p4 = i32x4.splat(k2 + 4), vk0p5 = i32x4.splat(k0 + 5);
  let vlo = i32x4.splat(lo), vhi = i32x4.splat(hi + k0);
  let step = i32x4(0, 1, 2, 3);
  let four = i32x4.splat(4), stride = i32x4.splat(16);
  let j = 0;
  for (; j + 16 <= n; j += 16) {
    let c0 = i32x4.add(vlo, step), c1 = i32x4.add(c0, four), c2 = i32x4.add(c1, four), c3 = i32x4.add(c2, four);
    // A lane whose low word wrapped past 2^32 carries 1 into the high word (lt_u gives -1).
    let a0 = i32x4.sub(vhi, i32x4.lt_u(c0, vlo)), b0 = i32x4.add(c0, vk1);
    let a1 = i32x4.sub(vhi, i32x4.lt_u(c1, vlo)), b1 = i32x4.add(c1, vk1);
    let a2 = i32x4.sub(vhi, i32x4.lt_u(c2, vlo)), b2 = i32x4.add(c2, vk1);
    let a3 = i32x4.sub(vhi, i32x4.lt_u(c3, vlo)), b3 = i32x4.add(c3, vk1);
    step = i32x4.add(step, stride);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    a0 = i32x4.add(a0, vk1); b0 = i32x4.add(b0, vk2p1);
    a1 = i32x4.add(a1, vk1); b1 = i32x4.add(b1, vk2p1);
    a2 = i32x4.add(a2, vk1); b2 = i32x4.add(b2, vk2p1);
    a3 = i32x4.add(a3, vk1); b3 = i32x4.add(b3, vk2p1);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 17);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 17);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 17);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 17);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 29);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 29);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 29);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 29);
    a0 = i32x4.add(a0, b0); b0 = mix16(a0, b0);
    a1 = i32x4.add(a1, b1); b1 = mix16(a1, b1);
    a2 = i32x4.add(a2, b2); b2 = mix16(a2, b2);
    a3 = i32x4.add(a3, b3); b3 = mix16(a3, b3);
    a0 = i32x4.add(a0, b0); b0 = mix24(a0, b0);
    a1 = i32x4.add(a1, b1); b1 = mix24(a1, b1);
    a2 = i32x4.add(a2, b2); b2 = mix24(a2, b2);
    a3 = i32x4.add(a3, b3); b3 = mix24(a3, b3);
    a0 = i32x4.add(a0, vk2); b0 = i32x4.add(b0, vk0p2);
    a1 = i32x4.add(a1, vk2); b1 = i32x4.add(b1, vk0p2);
    a2 = i32x4.add(a2, vk2); b2 = i32x4.add(b2, vk0p2);
    a3 = i32x4.add(a3, vk2); b3 = i32x4.add(b3, vk0p2);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    a0 = i32x4.add(a0, vk0); b0 = i32x4.add(b0, vk1p3);
    a1 = i32x4.add(a1, vk0); b1 = i32x4.add(b1, vk1p3);
    a2 = i32x4.add(a2, vk0); b2 = i32x4.add(b2, vk1p3);
    a3 = i32x4.add(a3, vk0); b3 = i32x4.add(b3, vk1p3);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 17);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 17);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 17);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 17);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 29);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 29);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 29);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 29);
    a0 = i32x4.add(a0, b0); b0 = mix16(a0, b0);
    a1 = i32x4.add(a1, b1); b1 = mix16(a1, b1);
    a2 = i32x4.add(a2, b2); b2 = mix16(a2, b2);
    a3 = i32x4.add(a3, b3); b3 = mix16(a3, b3);
    a0 = i32x4.add(a0, b0); b0 = mix24(a0, b0);
    a1 = i32x4.add(a1, b1); b1 = mix24(a1, b1);
    a2 = i32x4.add(a2, b2); b2 = mix24(a2, b2);
    a3 = i32x4.add(a3, b3); b3 = mix24(a3, b3);
    a0 = i32x4.add(a0, vk1); b0 = i32x4.add(b0, vk2p4);
    a1 = i32x4.add(a1, vk1); b1 = i32x4.add(b1, vk2p4);
    a2 = i32x4.add(a2, vk1); b2 = i32x4.add(b2, vk2p4);
    a3 = i32x4.add(a3, vk1); b3 = i32x4.add(b3, vk2p4);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 13);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 13);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 13);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 13);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 15);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 15);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 15);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 15);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 26);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 26);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 26);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 26);
    a0 = i32x4.add(a0, b0); b0 = mix(a0, b0, 6);
    a1 = i32x4.add(a1, b1); b1 = mix(a1, b1, 6);
    a2 = i32x4.add(a2, b2); b2 = mix(a2, b2, 6);
    a3 = i32x4.add(a3, b3); b3 = mix(a3, b3, 6);
    a0 = i32x4.add(a0, vk2); b0 = i32x4.add(b0, vk0p5);
    a1 = i32x4.add(a1, vk2); b1 = i32x4.add(b1, vk0p5);
    a2 = i32x4.add(a2, vk2); b2 = i32x4.add(b2, vk0p5);
    a3 = i32x4.add(a3, vk2); b3 = i32x4.add(b3, vk0p5);
    v128.store(dst + (<usize>j << 2), v128.xor(a0, b0));
    v128.store(dst + (<usize>j << 2), v128.xor(a1, b1), 16);
    v128.store(dst + (<usize>j << 2), v128.xor(a2, b2), 32);
    v128.store(dst + (<usize>j << 2), v128.xor(a3, b3), 48);
  }
  bitsScalar(k0, k1, hi + <u32>(lo + <u32>j < lo), lo + <u32>j, dst + (<usize>j << 2), n - j);
}
