// The tape in WGSL (the same definition as assembly/tape.ts): SplitMix64 seeds the 8 xoshiro128**
// lanes of each 1024-word block; word j of a block is the (j >> 3)-th output of lane j & 7.
// WGSL has no 64-bit integers: 64-bit values are vec2<u32>(lo, hi).

export const TAPE_WGSL = /* wgsl */ `
fn add64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let lo = a.x + b.x;
  return vec2<u32>(lo, a.y + b.y + select(0u, 1u, lo < a.x));
}

// The low 64 bits of a * b.
fn mul64(a: vec2<u32>, b: vec2<u32>) -> vec2<u32> {
  let w = mul_wide(a.x, b.x);
  return vec2<u32>(w.x, w.y + a.x * b.y + a.y * b.x);
}

// z ^ (z >> n), 0 < n < 32.
fn xorshr64(z: vec2<u32>, n: u32) -> vec2<u32> {
  return vec2<u32>(z.x ^ ((z.x >> n) | (z.y << (32u - n))), z.y ^ (z.y >> n));
}

const GAMMA = vec2<u32>(0x7f4a7c15u, 0x9e3779b9u);

fn mix64(x: vec2<u32>) -> vec2<u32> {
  var z = mul64(xorshr64(x, 30u), vec2<u32>(0x1ce4e5b9u, 0xbf58476du));
  z = mul64(xorshr64(z, 27u), vec2<u32>(0x133111ebu, 0x94d049bbu));
  return xorshr64(z, 31u);
}

fn rotl(x: u32, r: u32) -> u32 { return (x << r) | (x >> (32u - r)); }

// The 8 lanes' states of one thread: lane l is state[l].
var<private> state: array<vec4<u32>, 8>;

// Seeds the lanes of block \`block\` for the tape of \`key\` (the seed's first SplitMix64 output).
fn seed_block(key: vec2<u32>, block: vec2<u32>) {
  for (var lane = 0u; lane < 8u; lane = lane + 1u) {
    // stream s = 8 block + lane starts the SplitMix64 sequence at key + 2 s GAMMA.
    let s = vec2<u32>((block.x << 3u) | lane, (block.y << 3u) | (block.x >> 29u));
    let x = add64(key, mul64(vec2<u32>(s.x << 1u, (s.y << 1u) | (s.x >> 31u)), GAMMA));
    let s01 = mix64(add64(x, GAMMA));
    let s23 = mix64(add64(add64(x, GAMMA), GAMMA));
    state[lane] = vec4<u32>(s01.x, s01.y, s23.x, s23.y);
  }
}

// One xoshiro128** step of a lane: its output word.
fn next_word(lane: u32) -> u32 {
  var s = state[lane];
  let result = rotl(s.y * 5u, 7u) * 9u;
  let t = s.y << 9u;
  s.z = s.z ^ s.x;
  s.w = s.w ^ s.y;
  s.y = s.y ^ s.z;
  s.x = s.x ^ s.w;
  s.z = s.z ^ t;
  s.w = rotl(s.w, 11u);
  state[lane] = s;
  return result;
}
`;
