// The lookup-table path of normal (src/jax/normal-table.ts) gives the same bits as the direct
// kernel path, whole and in ranges, and a released table is rebuilt the same.

import { describe, it, expect } from "vitest";
import { key, split, normal, releaseNormalTable } from "../../src/jax/index.js";

describe("normal's table path", () => {
  it("equals the direct path", () => {
    releaseNormalTable();
    const [k] = split(key(99), 1);
    const shape = [1 << 23];
    const direct = normal(k, shape, { range: [5_000_000, 5_100_000] }); // below the build size: direct
    const whole = normal(k, shape); // builds the table, uses it
    expect(whole.subarray(5_000_000, 5_100_000)).toEqual(direct);
    const viaTable = normal(k, shape, { range: [5_000_000, 5_100_000] }); // >= 4096: table
    expect(viaTable).toEqual(direct);
    releaseNormalTable();
    expect(normal(k, shape, { range: [8_000_000, 8_388_608] })).toEqual(whole.subarray(8_000_000));
  }, 120_000);
});
