// threefry2x32 in JS for the key operations (split, foldIn): a handful of blocks per call, where
// entering wasm would cost more than it saves. The bulk draws use assembly/jax/threefry.ts; a
// test checks the two agree.

const rotl = (x: number, r: number) => (x << r) | (x >>> (32 - r));

/** threefry2x32 of the counter (x0, x1) under key (k0, k1): [y0, y1] as uint32. */
export function threefry2x32(k0: number, k1: number, x0: number, x1: number): [number, number] {
  const k2 = k0 ^ k1 ^ 0x1bd11bda;
  const ks = [k0 | 0, k1 | 0, k2 | 0];
  let a = (x0 + k0) | 0, b = (x1 + k1) | 0;
  for (let g = 0; g < 5; g++) {
    const rs = g & 1 ? [17, 29, 16, 24] : [13, 15, 26, 6];
    for (const r of rs) {
      a = (a + b) | 0;
      b = rotl(b, r) ^ a;
    }
    a = (a + ks[(g + 1) % 3]) | 0;
    b = (b + ks[(g + 2) % 3] + g + 1) | 0;
  }
  return [a >>> 0, b >>> 0];
}
