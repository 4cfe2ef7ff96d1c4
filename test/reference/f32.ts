// Float32 arithmetic in plain JS. Each operation is computed in float64 and rounded once with
// Math.fround: for +, -, *, / and sqrt of float32 inputs that is exactly the correctly rounded
// float32 result (float64 has more than 2 * 24 + 2 bits), i.e. what wasm's f32 ops give.

export const fr = Math.fround;

const scratch = new DataView(new ArrayBuffer(4));

export function bitsOf(x: number): number {
  scratch.setFloat32(0, x, true);
  return scratch.getInt32(0, true);
}

export function floatOf(bits: number): number {
  scratch.setInt32(0, bits | 0, true);
  return scratch.getFloat32(0, true);
}

export const add = (a: number, b: number) => fr(a + b);
export const sub = (a: number, b: number) => fr(a - b);
export const mul = (a: number, b: number) => fr(a * b);
export const div = (a: number, b: number) => fr(a / b);
export const sqrt = (a: number) => fr(Math.sqrt(a));
/** wasm's pmin / pmax: `b < a ? b : a` and `a < b ? b : a` (ties and -0/+0 keep a). */
export const pmin = (a: number, b: number) => (b < a ? b : a);
export const pmax = (a: number, b: number) => (a < b ? b : a);
