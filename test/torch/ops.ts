// The op sequence of scripts/torch-reference.py, replayed with nninit's initializers and a
// TorchGenerator, and the comparison helpers of the torch tests.

import * as nninit from "../../src/index.js";
import type { TorchGenerator } from "../../src/torch/index.js";

export interface RefOp {
  op: string;
  shape: number[];
  params: Record<string, number | string>;
  sha256: string;
  samples: [number, string][];
  state: { index: number; mt: string; normal: number | null };
  data?: string;
}

export interface RefFile {
  torch: string;
  capability: string;
  build: "avx2" | "default";
  seeds: Record<string, { initialSeed: string; ops: RefOp[] }>;
}

type Init = (shape: number[], options: object) => Float32Array;
const FUNCTIONS: Record<string, Init> = {
  uniform: nninit.uniform, normal: nninit.normal, kaimingUniform: nninit.kaimingUniform,
  kaimingNormal: nninit.kaimingNormal, xavierUniform: nninit.xavierUniform, xavierNormal: nninit.xavierNormal,
  zeros: nninit.zeros, ones: nninit.ones, constant: nninit.constant, eye: nninit.eye, dirac: nninit.dirac,
  truncNormal: nninit.truncNormal, orthogonal: nninit.orthogonal, sparse: nninit.sparse,
} as Record<string, Init>;

/** Runs one op of the reference with the generator. */
export function runOp(op: RefOp, generator: TorchGenerator): Float32Array {
  const f = FUNCTIONS[op.op];
  if (!f) throw new Error(`no nninit function for ${op.op}`);
  return f(op.shape, { ...op.params, generator });
}

/**
 * How an op compares with torch: "exact" (bit for bit), "ulp" (float32 ulps: libm inside torch's
 * kernel), or "abs" (absolute: our QR against LAPACK's).
 */
export function exactness(op: RefOp, build: "avx2" | "default"): "exact" | "ulp" | "abs" {
  if (op.op === "orthogonal") return "abs";
  if (op.op === "truncNormal") return "ulp";
  const numel = op.shape.reduce((a, b) => a * b, 1);
  const normalLaw = ["normal", "kaimingNormal", "xavierNormal", "sparse"].includes(op.op);
  if (build === "default" && normalLaw && numel >= 16) return "ulp";
  return "exact";
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", bytes as Uint8Array<ArrayBuffer>);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** The float32 with these bits. */
export function floatOfHex(hex: string): number {
  return new Float32Array(new Uint32Array([parseInt(hex, 16)]).buffer)[0];
}

/** Distance in float32 steps between two floats (monotone integer order, -0 = +0). */
export function ulpDistance(a: number, b: number): number {
  const key = (x: number) => {
    const i = new Int32Array(new Float32Array([x]).buffer)[0];
    return i < 0 ? -(i & 0x7fffffff) : i;
  };
  return Math.abs(key(a) - key(b));
}

/** The generator's state in the reference's terms. */
export async function stateOf(g: TorchGenerator): Promise<{ index: number; mt: string; normal: number | null }> {
  const s = g.getState();
  const mt = new Uint8Array(s.mt.buffer, s.mt.byteOffset, s.mt.byteLength);
  return { index: s.index, mt: (await sha256(mt)).slice(0, 16), normal: s.normal };
}

export function bytesOf(x: Float32Array): Uint8Array {
  return new Uint8Array(x.buffer, x.byteOffset, x.byteLength);
}
