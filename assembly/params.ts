// The law parameters of a fill: a record of 8 float32 fields in linear memory at LAW (its address
// is the export `law_params`). The JS side writes it by field name before a fill (LAW_FIELDS in
// src/wasm/loader.ts holds the same layout, in float32 slots = these byte offsets / 4); the
// samplers read it by the names below. Fields by law (a slot means one thing per law):
//
//   slot:          0     1      2    3    4     5     6     7
//   uniform:       a     width  b                               y = pmin(a + width u, b)
//   normal:        mean  std                                    y = mean + std z
//   trunc normal:  mean  std    lo   hi   cLo   pLo   qHi   w   y = pmin(pmax(mean + std x, lo), hi)
//
// width = b - a rounded to f32; for the truncated normal x = truncDeviate(u, cLo, pLo, qHi, w)
// (the standardised interval's masses, see index.ts fill_trunc_normal).

/** The record's address: 8 float32 fields, 16-byte aligned. */
export const LAW: usize = memory.data(32, 16);
/** Float32 fields in the record. */
export const LAW_FIELDS: i32 = 8;

export const UNIFORM_A: usize = 0;
export const UNIFORM_WIDTH: usize = 4;
export const UNIFORM_B: usize = 8;

export const NORMAL_MEAN: usize = 0;
export const NORMAL_STD: usize = 4;

export const TRUNC_MEAN: usize = 0;
export const TRUNC_STD: usize = 4;
export const TRUNC_LO: usize = 8;
export const TRUNC_HI: usize = 12;
export const TRUNC_CLO: usize = 16;
export const TRUNC_PLO: usize = 20;
export const TRUNC_QHI: usize = 24;
export const TRUNC_W: usize = 28;

/** The field at byte offset `field` of the record (one of the constants above). */
// @ts-ignore: decorator
@inline export function law(field: usize): f32 {
  return load<f32>(LAW + field);
}
