// Compile-time checks (npm test's typecheck step): the return types follow a literal dtype, and fillAsync infers
// the initializer's options from the options object.
import { normal, kaimingNormal, Generator, fillAsync, createPool, type NormalOptions } from "../src/index.js";
const o: NormalOptions = { std: 0.02, generator: new Generator(1) };
const w: Float32Array = normal([2, 2], o);
const p: Promise<Float32Array> = fillAsync(normal, [2, 2], { std: 1, chunkSize: 2 });
const q: Promise<Uint16Array> = fillAsync(kaimingNormal, [2, 2], { dtype: "bfloat16", mode: "fan_out" });
const r: Promise<Float32Array> = fillAsync(normal, [2, 2]);
const h: Uint16Array = normal(3, { dtype: "float16" });
// @ts-expect-error a half dtype does not give a Float32Array
const bad: Float32Array = normal(3, { dtype: "float16" });
// pool.fill types its result as fillAsync does (issue 21, item 4: it said Float32Array for bfloat16).
const pool = createPool({ threads: 1 });
const pq: Promise<Uint16Array> = pool.fill(normal, [16], { dtype: "bfloat16" });
const pr: Promise<Float32Array> = pool.fill(normal, [16], { std: 0.02 });
const ps: Promise<Uint16Array> = pool.fill("kaimingNormal", [4, 4], { dtype: "float16", mode: "fan_out" });
// @ts-expect-error a half dtype does not give a Float32Array
const pbad: Promise<Float32Array> = pool.fill(normal, [16], { dtype: "bfloat16" });
// an unannotated onProgress callback still lets the other keys pick the options (it fixed them at
// TensorOptions before, so `std` was "not a known property")
const cb: Promise<Uint16Array> = fillAsync(normal, [2, 2], { std: 0.02, dtype: "bfloat16", onProgress: (done, total) => done / total });
// @ts-expect-error a misspelt option is still refused
const typo = fillAsync(normal, [2, 2], { sdt: 0.02 });
export { w, p, q, r, h, bad, pq, pr, ps, pbad, cb, typo };
