// What people write by hand: Math.random in a loop, and the textbook Box-Muller on it.
// (Loops kept apart from the pure-rand ones on purpose: see peers/pure-rand.mjs.)

import { intoOut } from "./into-out.mjs";

const TWO_PI = 2 * Math.PI;

function fillUniform(out) {
  for (let i = 0; i < out.length; i++) out[i] = Math.random();
}

function fillNormal(out) {
  const n = out.length;
  for (let i = 0; i < n; i += 2) {
    const u1 = 1 - Math.random(); // in (0, 1]: log(u1) is finite
    const u2 = Math.random();
    const r = Math.sqrt(-2 * Math.log(u1));
    out[i] = r * Math.cos(TWO_PI * u2);
    if (i + 1 < n) out[i + 1] = r * Math.sin(TWO_PI * u2);
  }
}

const candidate = (call, fill) => intoOut({ id: "math-random", label: "Math.random", call }, (out) => () => fill(out));

export const mathRandomUniform = () => candidate("out[i] = Math.random() loop", fillUniform);
export const mathRandomNormal = () => candidate("Box-Muller on Math.random loop", fillNormal);
