// Assembles one compute shader per (sampler kind, precision): the tape, the arithmetic, the
// samplers and the entry point that writes one thread's share of a fill.
//
// Threads: a 1024-word block is cut into 8 chunks of 16 generator steps (128 words); thread t
// computes chunk t & 7 of block t >> 3 of the dispatch. It seeds the block's 8 lanes, steps them
// past the earlier chunks (at most 112 steps, a few integer ops each), then samples its 16 steps.
// So a fill of n elements runs n / 128 threads (131k for 16M) and no thread waits on another.
// Each output element goes through `put`: float32 bits as a whole word; a half's 16 bits into its
// half of a word by atomicAnd + atomicOr, so two threads (or the caller's neighbouring data)
// sharing a word never lose each other's half.

import { SOFT_WGSL, arithmetic } from "./wgsl-soft.js";
import { TAPE_WGSL } from "./wgsl-tape.js";
import { SAMPLERS_WGSL } from "./wgsl-samplers.js";
import { programWgsl, programs, REG } from "./program.js";

/** A GPU fill's arithmetic: "exact" (integer-only soft float, the CPU's bits on every conforming GPU) or "fast" (the GPU's own float math). */
export type Precision = "exact" | "fast";
/** What a dispatch computes: a sampler, one value everywhere, or values uploaded from the CPU. */
export type KernelKind = "uniform" | "normal" | "truncNormal" | "constant" | "copy";

/** Tape words per thread (a chunk of 16 generator steps). */
export const WORDS_PER_THREAD = 128;
export const WORKGROUP_SIZE = 64;
/** Bytes of the per-dispatch uniform block (see Params below). */
export const PARAMS_BYTES = 80;

const HEADER = /* wgsl */ `
struct Params {
  p: array<vec4<u32>, 2>, // the sampler's parameters p0..p7, float32 bits (assembly/samplers.ts)
  key: vec2<u32>,         // the seed's key, lo / hi
  block: vec2<u32>,       // the dispatch's first block, lo / hi
  skip: u32,              // position of the first element in the first block
  count: u32,             // elements of this dispatch
  elem_base: u32,         // the first element's index in the bound range (in elements)
  dtype: u32,             // 0 float32, 1 float16, 2 bfloat16
  zero: u32,              // always 0: the fast precision's opaque barrier
  blocks: u32,            // blocks this dispatch covers
  steps: u32,             // 16: loop bounds are read at run time, so that no compiler
  eight: u32,             // unrolls the soft-float code (SwiftShader did: minutes to compile)
}
@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> out: array<atomic<u32>>;

fn param(i: u32) -> u32 { return params.p[i >> 2u][i & 3u]; }

fn put_bits(e: u32, bits: u32) {
  if (params.dtype == 0u) { atomicStore(&out[e], bits); return; }
  let shift = (e & 1u) * 16u;
  atomicAnd(&out[e >> 1u], ~(0xffffu << shift));
  atomicOr(&out[e >> 1u], (bits & 0xffffu) << shift);
}

// float32 bits, rounded to the output dtype.
fn put(e: u32, bits: u32) {
  if (params.dtype == 1u) { put_bits(e, to_float16(bits)); }
  else if (params.dtype == 2u) { put_bits(e, to_bfloat16(bits)); }
  else { put_bits(e, bits); }
}
`;

/** The body of a step: 8 tape words w[0..7] -> 8 float32 bit patterns v[0..7]. */
/** The exact normal and truncated normal: the soft-float programs of program.ts. */
const SAMPLE_EXACT: Partial<Record<KernelKind, string>> = {
  normal: /* wgsl */ `
    for (var q = 0u; q < (params.eight >> 1u); q = q + 1u) {
      let z = normal_pair(w[q], w[q + 4u]);
      v[q] = z.x;
      v[q + 4u] = z.y;
    }`,
  truncNormal: /* wgsl */ `
    for (var j = 0u; j < params.eight; j = j + 1u) { v[j] = trunc_one(w[j]); }`,
};

const SAMPLE: Record<Exclude<KernelKind, "copy" | "constant">, string> = {
  uniform: /* wgsl */ `
    for (var j = 0u; j < params.eight; j = j + 1u) { v[j] = pmin(f_add(param(0u), f_mul(param(1u), unit(w[j]))), param(2u)); }`,
  normal: /* wgsl */ `
    for (var q = 0u; q < (params.eight >> 1u); q = q + 1u) {
      let radius = radius_of(w[q]);
      let cs = angle_of(w[q + 4u]);
      v[q] = f_add(param(0u), f_mul(param(1u), f_mul(radius, cs.x)));
      v[q + 4u] = f_add(param(0u), f_mul(param(1u), f_mul(radius, cs.y)));
    }`,
  truncNormal: /* wgsl */ `
    for (var j = 0u; j < params.eight; j = j + 1u) {
      let x = trunc_deviate(unit(w[j]), param(4u), param(5u), param(6u), param(7u));
      v[j] = pmin(pmax(f_add(param(0u), f_mul(param(1u), x)), param(2u)), param(3u));
    }`,
};

function entryPoint(kind: KernelKind, precision: Precision): string {
  const exactBody = precision === "exact" ? SAMPLE_EXACT[kind] : undefined;
  const draws = kind !== "constant" && kind !== "copy";
  const binding = kind === "copy" ? "@group(0) @binding(2) var<storage, read> src: array<u32>;\n" : "";
  const prologue = draws
    ? /* wgsl */ `${exactBody ? "\n  load_registers();" : ""}
  seed_block(params.key, add64(params.block, vec2<u32>(b, 0u)));
  for (var i = 0u; i < chunk * params.steps; i = i + 1u) {
    for (var lane = 0u; lane < 8u; lane = lane + 1u) { next_word(lane); }
  }`
    : "";
  const step = draws
    ? /* wgsl */ `
    var w: array<u32, 8>;
    for (var lane = 0u; lane < 8u; lane = lane + 1u) { w[lane] = next_word(lane); }
    var v: array<u32, 8>;${exactBody ?? SAMPLE[kind as keyof typeof SAMPLE]}
    for (var j = 0u; j < params.eight; j = j + 1u) {
      let rel = first + step * 8u + j;
      if (rel >= params.skip && rel < end) { put(params.elem_base + rel - params.skip, v[j]); }
    }`
    : /* wgsl */ `
    for (var j = 0u; j < params.eight; j = j + 1u) {
      let rel = first + step * 8u + j;
      if (rel >= params.skip && rel < end) {
        ${kind === "copy" ? "put_bits(params.elem_base + rel - params.skip, src[rel - params.skip]);" : "put(params.elem_base + rel - params.skip, param(0u));"}
      }
    }`;
  return /* wgsl */ `${binding}
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) groups: vec3<u32>) {
  let t = gid.x + gid.y * groups.x * ${WORKGROUP_SIZE}u;
  let b = t >> 3u;
  let chunk = t & 7u;
  if (b >= params.blocks) { return; }
  let first = b * 1024u + chunk * ${WORDS_PER_THREAD}u;
  let end = params.skip + params.count;
  if (first + ${WORDS_PER_THREAD}u <= params.skip || first >= end) { return; }${prologue}
  for (var step = 0u; step < params.steps; step = step + 1u) {${step}
  }
}
`;
}

/**
 * The WGSL of one kernel. `mutate` (tests only) swaps in a deliberately wrong operation, to prove
 * the bit-for-bit tests notice a one-ulp deviation of the kind a driver could introduce.
 */
export function shaderSource(kind: KernelKind, precision: Precision, mutate?: (wgsl: string) => string): string {
  const program = precision === "exact" && (kind === "normal" || kind === "truncNormal") ? programWgsl() : "";
  const source = [HEADER, SOFT_WGSL, arithmetic(precision), TAPE_WGSL, SAMPLERS_WGSL, program, entryPoint(kind, precision)].join("\n");
  return mutate ? mutate(source) : source;
}

/**
 * @internal Tests only: a kernel that writes, for input i of [first, first + count * stride) by
 * `stride`, one part of the exact precision's Box-Muller for the word i << 8: its radius (1 word
 * per input) or the sine and cosine, in turns before the quadrant, of its angle's remainder (2
 * words per input). The CPU's radii and angles over all 2^24 words can then be compared without
 * going through the tape. A word's radius depends only on m = i | 1 (2^23 values), and its angle
 * only on m's remainder after the quadrant (2^21 odd values), so each part's sweep can visit just
 * those.
 */
export function boxMullerProbeSource(part: "radius" | "angle"): string {
  const segment = programs().segments[part === "radius" ? "normalRadius" : "normalAngle"];
  const store = part === "radius"
    ? `atomicStore(&out[t], reg[${REG.RADIUS}u]);`
    : `atomicStore(&out[t * 2u], reg[${REG.SIN}u]);
  atomicStore(&out[t * 2u + 1u], reg[${REG.COS}u]);`;
  return [HEADER, SOFT_WGSL, arithmetic("exact"), SAMPLERS_WGSL, programWgsl(), /* wgsl */ `
@compute @workgroup_size(${WORKGROUP_SIZE})
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let t = gid.x;
  if (t >= params.count) { return; }
  load_registers();
  let word = (params.skip + t * params.elem_base) << 8u;
  log_reduce(unit_bits(word));
  let m = i32((word >> 8u) | 1u);
  let k = (m + (1 << 21u)) >> 22u;
  reg[${REG.R}u] = sf_from_i32(m - (k << 22u)) - (24u << 23u);
  exec(vec2<u32>(${segment[0]}u, ${segment[1]}u));
  ${store}
}
`].join("\n");
}
