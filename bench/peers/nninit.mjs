// nninit itself, from the built package (dist/), in either build. Every call fills a
// preallocated `out` with its own seeded Generator, the way a training script would.

import { SEED } from "../config.mjs";
import { intoOut } from "./into-out.mjs";
import { sink } from "../check.mjs";

const mod = await import(new URL("../../dist/esm/index.js", import.meta.url));

export const BUILDS = ["simd", "scalar"];
const LABEL = { simd: "nninit SIMD", scalar: "nninit scalar" };

/** Whether the package exports `name` yet (initializers land in parallel with this bench). */
export const nninitHas = (name) => typeof mod[name] === "function";

/** Switches the global build choice and proves it took effect (outside the timed region). */
export function selectBuild(build) {
  mod.useBuild(build);
  const active = mod.activeBuild();
  if (active !== build) throw new Error(`nninit: asked for the ${build} build, ${active} runs`);
}

/**
 * A candidate timing `mod[fn](shape, { ...params, generator, out })` in one build.
 * `extra` names a row that is not the group's main nninit function (e.g. torch xavierNormal
 * shown next to Keras glorotNormal).
 */
export function nninitCandidate(fn, build, params = {}, { primary = false, note } = {}) {
  const base = {
    id: `nninit-${build}`,
    label: note ? `${LABEL[build]} ${fn}` : LABEL[build],
    call: `${fn}(shape, {${Object.keys(params).concat("out").join(", ")}})`,
    allocates: false,
    primary: primary && build === "simd",
  };
  if (!nninitHas(fn)) return { ...base, unavailable: `not available: nninit does not export ${fn} yet` };
  return intoOut({ ...base, prepare: () => selectBuild(build) }, (out, { shape }) => {
    // One options object reused by every call, so the timed loop allocates nothing of ours.
    const options = { ...params, generator: new mod.Generator(SEED), out };
    const f = mod[fn];
    return () => f(shape, options);
  });
}

/** The same function in both builds; the SIMD one is the group's reference when `primary`. */
export const nninitBoth = (fn, params, opts) => BUILDS.map((b) => nninitCandidate(fn, b, params, opts));

export const nninit = mod;

const HALF_DECODE = { float16: (h) => mod.float16Value(h), bfloat16: (h) => mod.bfloat16Value(h) };

/**
 * `mod[fn](shape, { ...params, generator, out, dtype })` into a preallocated Uint16Array (SIMD
 * build): the half-precision output of issue 12. The moments check runs on the decoded values.
 */
export function nninitHalfCandidate(fn, dtype, params = {}, { primary = false } = {}) {
  const base = {
    id: `nninit-${dtype}`, label: `nninit SIMD ${dtype}`, call: `${fn}(shape, {${Object.keys(params).concat("out", "dtype").join(", ")}})`,
    allocates: false, primary,
  };
  if (!nninitHas(fn)) return { ...base, unavailable: `not available: nninit does not export ${fn} yet` };
  return {
    ...base,
    prepare: () => selectBuild("simd"),
    make(spec) {
      const out = new Uint16Array(spec.n);
      const options = { ...params, generator: new mod.Generator(SEED), out, dtype };
      const f = mod[fn];
      let k = 0;
      return {
        run() {
          f(spec.shape, options);
          k = (k + 7919) % spec.n;
          sink.value += out[k];
        },
        output: () => Float32Array.from(out, HALF_DECODE[dtype]),
      };
    },
  };
}
