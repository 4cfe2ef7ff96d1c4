// A 1 GiB fill into the caller's array: wasm memory stays at the window size (the kernels write
// into a fixed 256 KiB window that is copied out chunk by chunk), and the far end of the tensor
// is still bit-exact with a range fill of the same positions.

import { describe, expect, it } from "vitest";
import { Generator, normal } from "../src/index.js";
import { kernels, WINDOW_ELEMENTS } from "../src/wasm/loader.js";
import { bits } from "./helpers.js";

describe("bounded memory", () => {
  it("fills 2^28 floats (1 GiB) without growing wasm memory past the window", () => {
    const n = 2 ** 28;
    const out = new Float32Array(n);
    normal(n, { generator: new Generator(1), out, std: 0.02 });
    const k = kernels();
    // the window plus the static data (constants, lane state) and page rounding
    expect(k.memoryBytes()).toBeLessThanOrEqual(WINDOW_ELEMENTS * 4 + 65536);
    const tail = normal(n, { generator: new Generator(1), std: 0.02, range: [n - 1000, n] });
    expect(bits(out.subarray(n - 1000))).toEqual(bits(tail));
    let sum = 0, sum2 = 0;
    for (let i = 0; i < n; i += 1024) { sum += out[i]; sum2 += out[i] * out[i]; }
    const m = n / 1024;
    expect(Math.abs(sum / m)).toBeLessThan(5 * 0.02 / Math.sqrt(m));
    expect(Math.abs(Math.sqrt(sum2 / m) / 0.02 - 1)).toBeLessThan(5 * Math.sqrt(0.5 / m));
  });
});
