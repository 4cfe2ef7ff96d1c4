// The core kernels (assembly/index.ts): the tape and its samplers, every fill of the package.
// Loaded through the shared module loader (./module.ts); this file names their ABI and window.

import { SIMD_BASE64, SCALAR_BASE64 } from "./core.generated.js";
import { kernelModule, selectBuild, type BaseExports, type BuildName, type Instance } from "./module.js";

export { selectBuild, type BuildName };

/**
 * A fill's output format (assembly/fill.ts): float32 values, or their float16 / bfloat16 roundings
 * as u16 bits packed at dst (rounded block by block inside the kernel).
 */
export type Format = 0 | 1 | 2;

/** A fill of a law whose parameters the caller wrote into the law record first ({@link writeLaw}). */
type LawFill = (dst: number, n: number, seedLo: number, seedHi: number, block: number, format: Format) => void;

/**
 * The raw exports of the core module, exactly assembly/index.ts's exports (a test compares the
 * two). Pointers are byte offsets into `memory`.
 */
export interface KernelExports extends BaseExports {
  fill_bits(dst: number, n: number, seedLo: number, seedHi: number, block: number): void;
  /** The byte address of the law record the three fills below read (see {@link LAW_FIELDS}). */
  law_params(): number;
  fill_uniform: LawFill;
  fill_normal: LawFill;
  fill_trunc_normal: LawFill;
  /** n float32 at src -> n float16 bits at dst (round to nearest even); dst == src allowed. */
  to_float16(src: number, dst: number, n: number): void;
  /** n float32 at src -> n bfloat16 bits at dst (round to nearest even); dst == src allowed. */
  to_bfloat16(src: number, dst: number, n: number): void;
}

/** The names of {@link KernelExports}, for the test that checks them against the binary. */
export const KERNEL_EXPORT_NAMES = [
  "memory", "heap_base", "is_simd", "fill_bits", "law_params", "fill_uniform", "fill_normal", "fill_trunc_normal",
  "to_float16", "to_bfloat16",
] as const satisfies readonly (keyof KernelExports)[];

/**
 * The law record (assembly/params.ts, the same layout): 8 float32 slots at `law_params()`, each
 * law's parameters by name -> slot. `width` is b - a rounded to float32; cLo, pLo, qHi and w are
 * the standardised interval's masses (src/random/normal-cdf.ts `intervalMass`).
 */
export const LAW_FIELDS = {
  uniform: { a: 0, width: 1, b: 2 },
  normal: { mean: 0, std: 1 },
  truncNormal: { mean: 0, std: 1, lo: 2, hi: 3, cLo: 4, pLo: 5, qHi: 6, w: 7 },
} as const;

/** A law of the record and its parameters, by name. */
export type KernelLaw = keyof typeof LAW_FIELDS;

/** Writes a law's parameters into `k`'s law record by name (rounded to float32), before its fills. */
export function writeLaw<L extends KernelLaw>(k: Kernels, law: L, values: Record<keyof (typeof LAW_FIELDS)[L], number>): void {
  const record = new Float32Array(k.exports.memory.buffer, k.exports.law_params(), 8);
  const fields: Record<string, number> = LAW_FIELDS[law];
  for (const name in fields) record[fields[name]] = (values as Record<string, number>)[name];
}

/** Elements in the window: 64 Ki floats = 256 KiB, small enough to stay in L2; a whole number of tape blocks. */
export const WINDOW_ELEMENTS = 1 << 16;
/**
 * The window in bytes. A constant of its own because the pure `kernelModule(...)` call below must
 * take only plain values: bundlers keep a pure call whose arguments compute (`a * 4`), and with it
 * the inlined wasm, even in apps that never fill anything.
 */
const WINDOW_BYTES = WINDOW_ELEMENTS * 4;

/** Tape words per block (assembly/tape.ts BLOCK_WORDS): kernels start at block boundaries. */
export const BLOCK_WORDS = 1024;

/** An instantiated core build with its window. */
export type Kernels = Instance<KernelExports>;

/** The core module: the tape samplers. */
export const core = /* @__PURE__ */ kernelModule<KernelExports>(
  { name: "core", simd: SIMD_BASE64, scalar: SCALAR_BASE64 }, WINDOW_BYTES);

/** Whether this engine validates the SIMD build. */
export function simdSupported(): boolean {
  return core.simdSupported();
}

/** A fresh instance of a core build, with its own memory. */
export function instantiate(build: BuildName): Kernels {
  return core.instantiate(build);
}

/** The build the next instantiation picks. */
export function chosenBuild(): BuildName {
  return core.chosenBuild();
}

/** The shared core kernels every public function uses, created on first use. */
export function kernels(): Kernels {
  return core.current();
}

/** Compiles a build off the main path; later synchronous calls reuse the module. */
export function compileAsync(build: BuildName): Promise<void> {
  return core.compileAsync(build);
}
