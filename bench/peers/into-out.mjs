// The shape every non-allocating candidate shares: a preallocated `out`, a timed call that
// fills it, and one sampled element of it added to the sink after each call.

import { sink } from "../check.mjs";

/**
 * A candidate from `meta` (id, label, call, ...) and `setup(out, spec)`, which runs once per
 * size outside the timed region and returns the fill to time (or { fill, verify }).
 * The fill is called through a closure: one indirect call per fill, the same for every peer.
 * `out` is a Float32Array, or a `meta.Out` (Uint32Array for raw words).
 */
export function intoOut(meta, setup) {
  return {
    allocates: false,
    ...meta,
    make(spec) {
      const out = new (meta.Out ?? Float32Array)(spec.n);
      const made = setup(out, spec);
      const { fill, verify } = typeof made === "function" ? { fill: made } : made;
      const n = spec.n;
      let k = 0;
      return {
        run() {
          fill();
          k = (k + 7919) % n;
          sink.value += out[k];
        },
        output: () => out,
        verify,
      };
    },
  };
}
