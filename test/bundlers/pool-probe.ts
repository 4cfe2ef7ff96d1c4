// What every pool page computes: fills through a pool (in the page) or through the synchronous
// functions (here, in Node), as digests of their bits, so that a 16M-element fill can be compared
// without shipping it back. Written as plain JS, pasted into each page.

import * as nninit from "../../src/index.js";

/** The names the pool probe uses: every page imports exactly these from "nninit". */
export const POOL_NAMES = "createPool, normal, uniform, truncNormal, orthogonal, kaimingUniform, Generator";

/** `(nninit, fill) => digests`; `fill(f, shape, options)` is `pool.fill` in pages, the sync call here. */
export const POOL_PROBE = `async ({ normal, uniform, truncNormal, orthogonal, kaimingUniform, Generator }, fill) => {
  const digest = (x) => {
    const w = new Uint32Array(x.buffer, x.byteOffset, x.length);
    let h = 0x811c9dc5;
    for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w[i], 0x01000193);
    return (h >>> 0).toString(16) + "/" + w.length + "/" + w[0].toString(16) + "/" + w[w.length - 1].toString(16);
  };
  const g = new Generator(42);
  const out = new Float32Array(300000);
  return {
    normal: digest(await fill(normal, [4096, 4096], { generator: g, std: 0.02 })),
    uniform: digest(await fill(uniform, 1000003, { generator: g, a: -1, b: 1 })),
    truncNormal: digest(await fill(truncNormal, [999, 1001], { generator: g })),
    orthogonal: digest(await fill(orthogonal, [96, 64], { generator: g })),
    kaimingRange: digest(await fill(kaimingUniform, [1000, 700], { generator: g, range: [1234, 301234], out })),
    position: g.position,
  };
}`;

export type PoolProbeResult = Record<"normal" | "uniform" | "truncNormal" | "orthogonal" | "kaimingRange", string> & { position: number };

/** The probe through the synchronous functions, in Node: what every page must reproduce. */
export async function expectedPoolProbe(): Promise<PoolProbeResult> {
  const probe = new Function(`return ${POOL_PROBE}`)() as (m: typeof nninit, fill: unknown) => Promise<PoolProbeResult>;
  return probe(nninit, async (f: (s: unknown, o: unknown) => Float32Array, s: unknown, o: unknown) => f(s, o));
}

/** A page's entry: the probe through a pool of 3, then what the page saw, in `globalThis.__nninit`. */
export function poolEntry(specifier = "nninit"): string {
  return `import { ${POOL_NAMES} } from "${specifier}";
(async () => {
  const pool = createPool({ threads: 3 });
  try {
    const result = await (${POOL_PROBE})({ ${POOL_NAMES} }, (f, s, o) => pool.fill(f, s, o));
    globalThis.__nninit = { ...result, shared: pool.shared, isolated: globalThis.crossOriginIsolated === true };
  } catch (e) {
    globalThis.__nninit = { error: String(e && e.message) };
  } finally {
    await pool.close();
  }
})();
`;
}
