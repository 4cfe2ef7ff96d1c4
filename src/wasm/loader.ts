// One loader: picks the SIMD or the scalar build, compiles it once on first use (synchronously;
// the binaries are a few KiB, far below any main-thread compile limit) and owns the memory
// window that kernels write into.

import { SIMD_WASM_BASE64, SCALAR_WASM_BASE64 } from "./binaries.generated.js";

/** Which compiled kernels run. */
export type BuildName = "simd" | "scalar";

/** The raw exports of a kernel module. Pointers are byte offsets into `memory`. */
export interface KernelExports {
  memory: WebAssembly.Memory;
  heap_base(): number;
  is_simd(): number;
  fill_bits(dst: number, n: number, seedLo: number, seedHi: number, block: number): void;
  fill_uniform(dst: number, n: number, seedLo: number, seedHi: number, block: number, a: number, width: number, b: number): void;
  fill_normal(dst: number, n: number, seedLo: number, seedHi: number, block: number, mean: number, std: number): void;
  fill_trunc_normal(dst: number, n: number, seedLo: number, seedHi: number, block: number,
    mean: number, std: number, lo: number, hi: number, cLo: number, pLo: number, qHi: number, w: number): void;
}

/** Elements in the window: 64 Ki floats = 256 KiB, small enough to stay in L2; a whole number of tape blocks. */
export const WINDOW_ELEMENTS = 1 << 16;

/** Tape words per block (assembly/tape.ts BLOCK_WORDS): kernels start at block boundaries. */
export const BLOCK_WORDS = 1024;

/** An instantiated build with its window. */
export class Kernels {
  readonly build: BuildName;
  readonly exports: KernelExports;
  /** Byte offset of the window in wasm memory. */
  readonly window: number;
  private buffer: ArrayBuffer | null = null;
  private f32: Float32Array = new Float32Array(0);
  private u32: Uint32Array = new Uint32Array(0);

  constructor(build: BuildName, module: WebAssembly.Module) {
    this.build = build;
    const instance = new WebAssembly.Instance(module, {});
    this.exports = instance.exports as unknown as KernelExports;
    this.window = this.exports.heap_base();
    const needed = this.window + WINDOW_ELEMENTS * 4;
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < needed) {
      memory.grow(Math.ceil((needed - memory.buffer.byteLength) / 65536));
    }
  }

  /** Float32 view of the window; rebuilt whenever memory grew (growth detaches old views). */
  windowF32(): Float32Array {
    this.refreshViews();
    return this.f32;
  }

  /** Uint32 view of the window. */
  windowU32(): Uint32Array {
    this.refreshViews();
    return this.u32;
  }

  /** Current byte size of wasm memory. */
  memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  private refreshViews(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer !== this.buffer) {
      this.buffer = buffer as ArrayBuffer;
      this.f32 = new Float32Array(buffer, this.window, WINDOW_ELEMENTS);
      this.u32 = new Uint32Array(buffer, this.window, WINDOW_ELEMENTS);
    }
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function requireWebAssembly(): void {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.Module !== "function") {
    throw new Error("nninit: this environment has no WebAssembly; nninit needs WebAssembly (any browser or Node since 2017)");
  }
}

const bytesCache: Partial<Record<BuildName, Uint8Array<ArrayBuffer>>> = {};
const moduleCache: Partial<Record<BuildName, WebAssembly.Module>> = {};

function bytesOf(build: BuildName): Uint8Array<ArrayBuffer> {
  return (bytesCache[build] ??= decodeBase64(build === "simd" ? SIMD_WASM_BASE64 : SCALAR_WASM_BASE64));
}

/** Whether this engine validates the SIMD binary. */
export function simdSupported(): boolean {
  requireWebAssembly();
  return WebAssembly.validate(bytesOf("simd"));
}

/** Compiles (once) and instantiates a fresh copy of a build, with its own memory. */
export function instantiate(build: BuildName): Kernels {
  requireWebAssembly();
  if (build === "simd" && !simdSupported()) {
    throw new Error("nninit: this engine does not support WebAssembly SIMD; use the scalar build");
  }
  const module = (moduleCache[build] ??= new WebAssembly.Module(bytesOf(build)));
  return new Kernels(build, module);
}

/** Compiles a build off the main path; later synchronous calls reuse the module. */
export async function compileAsync(build: BuildName): Promise<void> {
  requireWebAssembly();
  if (!moduleCache[build]) moduleCache[build] = await WebAssembly.compile(bytesOf(build));
}

let preference: BuildName | "auto" = "auto";
let active: Kernels | null = null;

/** The build the next instantiation picks. */
export function chosenBuild(): BuildName {
  if (preference !== "auto") return preference;
  return simdSupported() ? "simd" : "scalar";
}

/** The shared kernels every public function uses, created on first use. */
export function kernels(): Kernels {
  return (active ??= instantiate(chosenBuild()));
}

/** Selects the build ("auto" picks SIMD when the engine validates it). */
export function selectBuild(build: BuildName | "auto"): void {
  preference = build;
  if (active && build !== "auto" && active.build !== build) active = null;
  if (active && build === "auto" && active.build !== chosenBuild()) active = null;
}
