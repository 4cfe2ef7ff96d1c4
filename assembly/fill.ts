// The fill driver: walks the tape block by block, generates each block's words and hands each
// generator step (8 words) to a sampler, which replaces them with the step's 8 outputs. Fills
// always start at a block boundary and cover whole steps; the JS side starts at the block
// holding its first position and copies out the slice it wants, so the kernels need no
// partial-step or warm-up logic. For a half output format each block is rounded to float16 or
// bfloat16 right after it is sampled, while its 4 KiB are in L1, and packed (half the bytes to
// copy out). Measured against two alternatives (2 cores, shared): a pass over the whole window
// afterwards, and rounding inside each sampler's store (fused: no faster, V8 keeps fewer vectors
// in registers, and it put three copies of the conversion in the binary; measured again for the
// uniform float16 fill with every constant in a local: 7% slower than the pass per block).

import { LANES, STEPS_PER_BLOCK, STATE, keyOf, seedBlock } from "./tape";
import { sampleStepf, sampleStepx, splatLaw, KIND_BITS } from "./samplers";
import { fillFloat16, fillBFloat16 } from "./convert";

/** Output formats of a fill: float32 values, or their float16 / bfloat16 roundings as u16 bits. */
export const FORMAT_FLOAT32: i32 = 0;
export const FORMAT_FLOAT16: i32 = 1;
export const FORMAT_BFLOAT16: i32 = 2;

/** One xoshiro128** step of lane `lane`, state in STATE; returns the lane's output word. */
// @ts-ignore: decorator
@inline function xoshiroStepf(lane: i32): u32 {
  let at = STATE + (<usize>(lane >> 2) << 4) + (<usize>(lane & 3) << 2);
  let s0 = load<u32>(at), s1 = load<u32>(at, 32), s2 = load<u32>(at, 64), s3 = load<u32>(at, 96);
  let m = s1 + (s1 << 2); // s1 * 5
  let r = rotl<u32>(m, 7);
  let result = r + (r << 3); // * 9
  let t = s1 << 9;
  s2 ^= s0;
  s3 ^= s1;
  s1 ^= s2;
  s0 ^= s3;
  s2 ^= t;
  s3 = rotl<u32>(s3, 11);
  store<u32>(at, s0);
  store<u32>(at, s1, 32);
  store<u32>(at, s2, 64);
  store<u32>(at, s3, 96);
  return result;
}

/**
 * Writes the raw words of `count` steps of the current block (lane states in STATE) at dst.
 * Kept apart from the samplers so that each loop has the registers to itself: fused, the 8
 * state vectors plus Box-Muller's temporaries made V8 spill on every step (measured). Not
 * inlined: one copy serves every sampler (called once per block of 128 steps, the call is free;
 * inlined into each fill it was a quarter of the binary, which every app that fills ships).
 */
function generateSteps(dst: usize, count: i32): void {
  if (ASC_FEATURE_SIMD) {
    // Lane layout: a_w holds state word w of lanes 0-3, b_w of lanes 4-7, so one step gives
    //   ra = [lane0 lane1 lane2 lane3] = tape words 8t .. 8t+3
    //   rb = [lane4 lane5 lane6 lane7] = tape words 8t+4 .. 8t+7
    let a0 = v128.load(STATE, 0), b0 = v128.load(STATE, 16);
    let a1 = v128.load(STATE, 32), b1 = v128.load(STATE, 48);
    let a2 = v128.load(STATE, 64), b2 = v128.load(STATE, 80);
    let a3 = v128.load(STATE, 96), b3 = v128.load(STATE, 112);
    for (let step = 0; step < count; step++) {
      // xoshiro128** on 4 lanes per vector. x * 5 = x + (x << 2), x * 9 = x + (x << 3) (cheaper
      // than i32x4.mul); rotl(x, r) = (x << r) | (x >>> 32 - r): wasm has no vector rotate.
      let ma = i32x4.add(a1, i32x4.shl(a1, 2));
      let mb = i32x4.add(b1, i32x4.shl(b1, 2));
      ma = v128.or(i32x4.shl(ma, 7), i32x4.shr_u(ma, 25));
      mb = v128.or(i32x4.shl(mb, 7), i32x4.shr_u(mb, 25));
      v128.store(dst, i32x4.add(ma, i32x4.shl(ma, 3)));
      v128.store(dst, i32x4.add(mb, i32x4.shl(mb, 3)), 16);
      let ta = i32x4.shl(a1, 9);
      let tb = i32x4.shl(b1, 9);
      a2 = v128.xor(a2, a0); b2 = v128.xor(b2, b0);
      a3 = v128.xor(a3, a1); b3 = v128.xor(b3, b1);
      a1 = v128.xor(a1, a2); b1 = v128.xor(b1, b2);
      a0 = v128.xor(a0, a3); b0 = v128.xor(b0, b3);
      a2 = v128.xor(a2, ta); b2 = v128.xor(b2, tb);
      a3 = v128.or(i32x4.shl(a3, 11), i32x4.shr_u(a3, 21));
      b3 = v128.or(i32x4.shl(b3, 11), i32x4.shr_u(b3, 21));
      dst += LANES << 2;
    }
  } else {
    for (let step = 0; step < count; step++) {
      for (let lane = 0; lane < LANES; lane++) {
        store<u32>(dst + (<usize>lane << 2), xoshiroStepf(lane));
      }
      dst += LANES << 2;
    }
  }
}

/**
 * Writes the outputs of tape words [block * BLOCK_WORDS, block * BLOCK_WORDS + n), rounded up to
 * whole steps (so dst must have room for n + 7 float32 values, whatever the format). `block` is an
 * integer below 2^53 passed as f64 so that JS needs no BigInt. Per block: the raw words are
 * generated at the block's place and the sampler turns them into values in place while they are
 * in L1, rounded to u16 bits for a half `format`. Half outputs are packed: block b's halves start
 * at dst + 2048 b, so its raw words (at the same address, 4 KiB) overlap only the next block's
 * place, which is written after them.
 * The law's parameters are read from the law record (params.ts), which the caller wrote.
 * `kind` is a constant at every call site, so inlining leaves one specialised loop per sampler.
 */
// @ts-ignore: decorator
@inline export function fillBlocks(kind: i32, dst: usize, n: i32, seedLo: u32, seedHi: u32, block: f64, format: i32): void {
  // Preconditions, checked in the debug build only (release builds use --noAssert).
  assert(n >= 0, "n must be >= 0");
  assert(block >= 0 && block <= 8796093022208.0, "block must be an integer in [0, 2^43]");
  assert(dst + ((<usize>n + 7) & ~7) * 4 <= (<usize>memory.size() << 16), "dst + n outside memory");
  assert(format >= FORMAT_FLOAT32 && format <= FORMAT_BFLOAT16, "format must be 0, 1 or 2");
  let key = keyOf(seedLo, seedHi);
  let k = <u64>block;
  let steps = (n + LANES - 1) / LANES;
  if (ASC_FEATURE_SIMD && kind != KIND_BITS) splatLaw();
  // log2 of the bytes one step's outputs take: 8 float32 or 8 halves.
  let outShift: usize = format == FORMAT_FLOAT32 ? 5 : 4;
  while (steps > 0) {
    seedBlock(key, k);
    let count = min(steps, STEPS_PER_BLOCK);
    generateSteps(dst, count);
    if (kind != KIND_BITS) {
      for (let step = 0; step < count; step++) {
        let at = dst + (<usize>step << 5);
        if (ASC_FEATURE_SIMD) sampleStepx(kind, at);
        else sampleStepf(kind, at);
      }
    }
    // A half format rounds the block in place while its 4 KiB are in L1 (word i -> half i).
    // Samplers never produce NaN: the NaN-free forms (convert.ts).
    if (format == FORMAT_FLOAT16) fillFloat16(dst, count << 3);
    if (format == FORMAT_BFLOAT16) fillBFloat16(dst, count << 3);
    dst += <usize>count << outShift;
    steps -= count;
    k++;
  }
}
