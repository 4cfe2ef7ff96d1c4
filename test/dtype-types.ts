// Compile-time checks (npm test's typecheck step): the return types follow a literal dtype, and fillAsync infers
// the initializer's options from the options object.
import { normal, kaimingNormal, Generator, fillAsync, type NormalOptions } from "../src/index.js";
const o: NormalOptions = { std: 0.02, generator: new Generator(1) };
const w: Float32Array = normal([2, 2], o);
const p: Promise<Float32Array> = fillAsync(normal, [2, 2], { std: 1, chunkSize: 2 });
const q: Promise<Uint16Array> = fillAsync(kaimingNormal, [2, 2], { dtype: "bfloat16", mode: "fan_out" });
const r: Promise<Float32Array> = fillAsync(normal, [2, 2]);
const h: Uint16Array = normal(3, { dtype: "float16" });
// @ts-expect-error a half dtype does not give a Float32Array
const bad: Float32Array = normal(3, { dtype: "float16" });
export { w, p, q, r, h, bad };
