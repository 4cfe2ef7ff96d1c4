// @stdlib/random-array-normal: its `assign` form fills an existing Float32Array
// (seeded factory; stdlib draws with MT19937 and the improved ziggurat).

import normal from "@stdlib/random-array-normal";
import { sink } from "../check.mjs";
import { SEED } from "../config.mjs";

export function stdlibNormal() {
  return {
    id: "stdlib",
    label: "@stdlib",
    call: "normal.factory({seed}).assign(0, 1, out)",
    allocates: false,
    make({ n }) {
      const out = new Float32Array(n);
      const rand = normal.factory({ seed: SEED });
      let k = 0;
      return {
        run() {
          rand.assign(0, 1, out);
          k = (k + 7919) % n;
          sink.value += out[k];
        },
        output: () => out,
      };
    },
  };
}
