// The memory limit: writing n float32 values with no arithmetic at all. Float32Array.fill is a
// pure store stream; TypedArray.set of a same-size source is a copy (one read + one write).
// No random initializer can beat these; the ratios say how close one gets.

import { sink } from "../check.mjs";

export function fillBaseline() {
  return {
    id: "fill",
    label: "Float32Array.fill",
    call: "out.fill(v)",
    allocates: false,
    make({ n }) {
      const out = new Float32Array(n);
      let v = 0;
      return {
        run() {
          out.fill(++v); // a new value each call, so no call can be skipped as a repeat
          sink.value += out[v % n];
        },
        output: () => out,
        verify: () => (out[0] === v && out[n - 1] === v && out[n >> 1] === v ? [] : [`fill did not write ${v}`]),
      };
    },
  };
}

export function setBaseline() {
  return {
    id: "set",
    label: "TypedArray.set",
    call: "out.set(src)",
    allocates: false,
    make({ n }) {
      const out = new Float32Array(n);
      const src = new Float32Array(n);
      for (let i = 0; i < n; i++) src[i] = i & 1023;
      let k = 0;
      return {
        run() {
          out.set(src);
          k = (k + 7919) % n;
          sink.value += out[k];
        },
        output: () => out,
        verify: () => {
          for (let i = 0; i < n; i += 4099) if (out[i] !== src[i]) return [`set: out[${i}] = ${out[i]}, src ${src[i]}`];
          return out[n - 1] === src[n - 1] ? [] : ["set: last element differs"];
        },
      };
    },
  };
}

export const memoryBaselines = () => [fillBaseline(), setBaseline()];
