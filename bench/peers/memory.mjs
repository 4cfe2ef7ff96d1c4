// The memory limit: writing n float32 values with no arithmetic at all. Float32Array.fill is a
// pure store stream; TypedArray.set of a same-size source is a copy (one read + one write).
// No random initializer can beat these; the ratios say how close one gets.

import { intoOut } from "./into-out.mjs";

export function fillBaseline() {
  return intoOut({ id: "fill", label: "Float32Array.fill", call: "out.fill(v)" }, (out, { n }) => {
    let v = 0;
    return {
      fill: () => out.fill(++v), // a new value each call, so no call can be skipped as a repeat
      verify: () => (out[0] === v && out[n - 1] === v && out[n >> 1] === v ? [] : [`fill did not write ${v}`]),
    };
  });
}

export function setBaseline() {
  return intoOut({ id: "set", label: "TypedArray.set", call: "out.set(src)" }, (out, { n }) => {
    const src = new Float32Array(n);
    for (let i = 0; i < n; i++) src[i] = i & 1023;
    return {
      fill: () => out.set(src),
      verify: () => {
        for (let i = 0; i < n; i += 4099) if (out[i] !== src[i]) return [`set: out[${i}] = ${out[i]}, src ${src[i]}`];
        return out[n - 1] === src[n - 1] ? [] : ["set: last element differs"];
      },
    };
  });
}

export const memoryBaselines = () => [fillBaseline(), setBaseline()];
