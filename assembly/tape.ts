// The tape: an infinite, addressable sequence of 32-bit words defined by a 64-bit seed.
//
// The tape is cut into blocks of BLOCK_WORDS words. Block k is produced by LANES
// xoshiro128** generators ("lanes"); word j of the block comes from lane j % LANES, so one
// generator step of all lanes yields LANES consecutive words. Lane l of block k is seeded
// from the SplitMix64 stream of the key: stream index s = k * LANES + l takes the SplitMix64
// outputs 2s and 2s + 1. Any tape position is therefore reachable after at most one block of
// warm-up, which is what makes offset, chunked, sharded and threaded fills agree bit for bit.
//
// see: Blackman & Vigna, "Scrambled linear pseudorandom number generators" (2021), xoshiro128**
// see: Steele, Lea & Flood, "Fast splittable pseudorandom number generators" (2014), SplitMix64

/** Lanes per block; one step of all lanes yields LANES consecutive tape words. */
export const LANES: i32 = 8;
/** log2 of the block length in words. */
export const BLOCK_SHIFT: i32 = 10;
/** Words per block (1024). Every fill starting inside a block replays at most this much. */
export const BLOCK_WORDS: i32 = 1 << BLOCK_SHIFT;
/** Generator steps per block. */
export const STEPS_PER_BLOCK: i32 = BLOCK_WORDS / LANES;

/** The SplitMix64 increment, 2^64 / golden ratio. */
const GAMMA: u64 = 0x9e3779b97f4a7c15;

/**
 * Lane states of the current block, 8 lanes x 4 words, laid out for i32x4 loads:
 * state word w of lanes 0-3 at STATE + 32w, of lanes 4-7 at STATE + 32w + 16.
 */
export const STATE: usize = memory.data(128, 16);

/** SplitMix64's output function (Stafford's Mix13), a bijection on u64. */
// @ts-ignore: decorator
@inline export function mix64(z: u64): u64 {
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** The key of a seed: the first SplitMix64 output of the seed. */
export function keyOf(seedLo: u32, seedHi: u32): u64 {
  return mix64((((<u64>seedHi) << 32) | <u64>seedLo) + GAMMA);
}

/** Writes the xoshiro128** states of all lanes of block `block` into STATE. */
export function seedBlock(key: u64, block: u64): void {
  let stream = block * <u64>LANES;
  for (let lane = 0; lane < LANES; lane++, stream++) {
    // Stream s starts the SplitMix64 sequence at key + 2s * GAMMA.
    let x = key + (stream << 1) * GAMMA;
    let s01 = mix64(x + GAMMA);
    let s23 = mix64(x + GAMMA + GAMMA);
    let at = STATE + (<usize>(lane >> 2) << 4) + (<usize>(lane & 3) << 2);
    store<u32>(at, <u32>s01);
    store<u32>(at + 32, <u32>(s01 >> 32));
    store<u32>(at + 64, <u32>s23);
    store<u32>(at + 96, <u32>(s23 >> 32));
  }
}
