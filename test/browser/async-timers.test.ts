// The point of fillAsync: a 256M-element (1 GiB) fill while timers keep firing (and, in the
// browser, animation frames keep coming, so a progress bar repaints). Runs in Chromium (the case
// that matters: a page's main thread) and in Node. Chromium allocates the 1 GiB
// Float32Array in a tab without complaint (V8's typed-array limit is 2^32 elements on 64-bit).

import { expect, it } from "vitest";
import { expectSameBits } from "./compare.js";
import { fillAsync, normal, Generator } from "../../src/index.js";

const N = 256 * 2 ** 20;
const INTERVAL_MS = 10;

it(`timers keep firing during a ${N / 2 ** 20}M-element fillAsync(normal)`, async () => {
  let ticks = 0, last = performance.now(), maxGap = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    maxGap = Math.max(maxGap, now - last);
    last = now;
    ticks++;
  }, INTERVAL_MS);
  const hasFrames = typeof requestAnimationFrame === "function";
  let frames = 0, filling = true;
  const frame = () => { frames++; if (filling) requestAnimationFrame(frame); };
  if (hasFrames) requestAnimationFrame(frame);
  const ticksAtChunk: number[] = [];
  const start = performance.now();
  let x: Float32Array;
  try {
    x = await fillAsync(normal, N, { generator: new Generator(2024), onProgress: () => ticksAtChunk.push(ticks) });
  } finally {
    clearInterval(timer);
    filling = false;
  }
  const elapsed = performance.now() - start;
  const chunks = ticksAtChunk.length;
  console.log(`${N / 2 ** 20}M normals async in ${elapsed.toFixed(0)} ms: ${ticks} ticks of a ${INTERVAL_MS} ms interval, ` +
    `longest gap ${maxGap.toFixed(0)} ms, ${chunks} chunks${hasFrames ? `, ${frames} animation frames` : ""}`);

  expect(x.length).toBe(N);
  expect(chunks).toBe(256);
  // A blocking fill would give no tick at all. Between chunks the due timer runs (Chromium picks
  // the next chunk's message first about every other time, when it was queued before the timer
  // became due), so expect at least a third of min(chunks, elapsed / interval) ticks...
  expect(ticks).toBeGreaterThanOrEqual(Math.floor(Math.min(chunks, elapsed / INTERVAL_MS) / 3));
  // ...and ticks in every quarter of the fill, not only at its end.
  for (let q = 1; q <= 4; q++) {
    const from = ticksAtChunk[(q - 1) * chunks / 4]!, to = ticksAtChunk[q * chunks / 4 - 1]!;
    expect(to - from, `ticks during quarter ${q}`).toBeGreaterThan(0);
  }
  // Frames too, at 1 fps at the very least (the display's rate when idle; about 20 fps on a loaded 2-core box).
  if (hasFrames) expect(frames).toBeGreaterThanOrEqual(Math.floor(elapsed / 1000));
  // The same bits as the sync fill, spot-checked at the start, a chunk seam and the end.
  for (const s of [0, 2 ** 20 - 2048, N - 4096]) {
    const ref = normal(N, { generator: new Generator(2024), range: [s, s + 4096] });
    expectSameBits(x.subarray(s, s + 4096), ref, `at ${s}`);
  }
});
