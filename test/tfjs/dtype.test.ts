// nninit/tfjs and dtypes: tfjs has no float16 or bfloat16 tensors, so a class refuses a config
// dtype at construction with a clear message, and keeps making float32 weights.

import { describe, expect, it } from "vitest";
import * as nt from "../../src/tfjs/index.js";

describe("nninit/tfjs classes and dtype", () => {
  it.each(["float16", "bfloat16", "float32"])("config.dtype %s is refused at construction", (dtype) => {
    expect(() => new nt.HeNormal({ seed: 1, dtype } as never)).toThrow(
      new TypeError("nninit/tfjs HeNormal: config.dtype is not accepted: tfjs has no float16 or bfloat16 tensors, and a layer's weights take the layer's dtype (float32) through apply(shape, dtype)"));
  });
});
