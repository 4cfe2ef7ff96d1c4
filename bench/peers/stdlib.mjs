// @stdlib/random-array-normal: its `assign` form fills an existing Float32Array
// (seeded factory; stdlib draws with MT19937 and the improved ziggurat).

import normal from "@stdlib/random-array-normal";
import { SEED } from "../config.mjs";
import { intoOut } from "./into-out.mjs";

export function stdlibNormal() {
  return intoOut({ id: "stdlib", label: "@stdlib", call: "normal.factory({seed}).assign(0, 1, out)" }, (out) => {
    const rand = normal.factory({ seed: SEED });
    return () => rand.assign(0, 1, out);
  });
}
