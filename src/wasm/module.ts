// One way to load any of nninit's wasm modules (the core samplers, the QR, and modules that
// subpaths add): each module ships two inlined builds, SIMD and scalar, compiled once, lazily and
// synchronously, on first use. Which build runs is one package-wide choice (`useBuild`).
//
// A module is a plain object created by `kernelModule(...)`; creating it does nothing (no
// decoding, no compiling), so importing a module that is never used costs nothing but its bytes,
// and bundlers drop unused modules whole (the call is marked pure where it is made).

/** Which compiled kernels run. */
export type BuildName = "simd" | "scalar";

/** What every nninit wasm module exports besides its kernels. */
export interface BaseExports {
  memory: WebAssembly.Memory;
  /** First free byte after the static data, 16-aligned. */
  heap_base(): number;
  /** 1 in the SIMD build. */
  is_simd(): number;
}

/** A module's inlined builds, base64 (written by scripts/build-wasm.mjs). */
export interface ModuleSource {
  /** The module's name, for messages ("core", "linalg", ...). */
  name: string;
  simd: string;
  scalar: string;
}

/** An instantiated build: its exports, and a window of `windowBytes` at its heap base. */
export class Instance<E extends BaseExports> {
  readonly build: BuildName;
  readonly exports: E;
  /** Byte offset of the window in wasm memory (16-aligned). */
  readonly window: number;
  /** Byte size of the window. */
  readonly windowBytes: number;
  #buffer: ArrayBuffer | null = null;
  #f32: Float32Array = new Float32Array(0);
  #u32: Uint32Array = new Uint32Array(0);
  #u16: Uint16Array = new Uint16Array(0);

  constructor(build: BuildName, module: WebAssembly.Module, windowBytes: number) {
    this.build = build;
    this.exports = new WebAssembly.Instance(module, {}).exports as unknown as E;
    this.window = this.exports.heap_base();
    this.windowBytes = windowBytes;
    this.ensureBytes(this.window + windowBytes);
  }

  /** Grows memory so that at least `bytes` bytes exist. */
  ensureBytes(bytes: number): void {
    const memory = this.exports.memory;
    if (memory.buffer.byteLength < bytes) memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / 65536));
  }

  /** Float32 view of the window; rebuilt whenever memory grew (growth detaches old views). */
  windowF32(): Float32Array {
    this.#refreshViews();
    return this.#f32;
  }

  /** Uint32 view of the window. */
  windowU32(): Uint32Array {
    this.#refreshViews();
    return this.#u32;
  }

  /** Uint16 view of the window (twice as many elements): where half conversions leave their bits. */
  windowU16(): Uint16Array {
    this.#refreshViews();
    return this.#u16;
  }

  /** Current byte size of wasm memory. */
  memoryBytes(): number {
    return this.exports.memory.buffer.byteLength;
  }

  #refreshViews(): void {
    const buffer = this.exports.memory.buffer;
    if (buffer !== this.#buffer) {
      this.#buffer = buffer as ArrayBuffer;
      this.#f32 = new Float32Array(buffer, this.window, this.windowBytes >>> 2);
      this.#u32 = new Uint32Array(buffer, this.window, this.windowBytes >>> 2);
      this.#u16 = new Uint16Array(buffer, this.window, this.windowBytes >>> 1);
    }
  }
}

/** A wasm module of the package: its two builds, compiled and instantiated on demand. */
export interface KernelModule<E extends BaseExports> {
  readonly name: string;
  /** Whether this engine validates the module's SIMD build. */
  simdSupported(): boolean;
  /** The build `useBuild` asks for ("auto": SIMD where the engine validates it). */
  chosenBuild(): BuildName;
  /** The instance every caller shares, created on first use with the chosen build. */
  current(): Instance<E>;
  /** A fresh instance of a build, with its own memory (tests, and work too big to share). */
  instantiate(build: BuildName): Instance<E>;
  /** Compiles a build asynchronously; later synchronous uses reuse the compiled module. */
  compileAsync(build?: BuildName): Promise<void>;
}

let preference: BuildName | "auto" = "auto";
/** Bumped by every `selectBuild`, so each module re-picks its shared instance lazily. */
let epoch = 0;

/** Sets the package-wide build ("auto" picks SIMD where the engine validates it). */
export function selectBuild(build: BuildName | "auto"): void {
  preference = build;
  epoch++;
}

function requireWebAssembly(): void {
  if (typeof WebAssembly !== "object" || typeof WebAssembly.Module !== "function") {
    throw new Error("nninit: this environment has no WebAssembly; nninit needs WebAssembly (any browser or Node since 2017)");
  }
}

/**
 * A page whose Content-Security-Policy lacks 'wasm-unsafe-eval' (e.g. `script-src 'self'`) makes
 * the browser refuse to compile any WebAssembly, with a CompileError about 'unsafe-eval'. This
 * turns that refusal into an error that says what to allow; other errors pass through.
 */
function explainCsp(error: unknown): unknown {
  const message = error instanceof Error ? error.message : String(error);
  if (!/unsafe-eval|Content.Security.Policy|\bCSP\b/i.test(message)) return error;
  return new Error(
    "nninit: the page's Content-Security-Policy does not allow WebAssembly. Add 'wasm-unsafe-eval' to its " +
      `script-src (e.g. Content-Security-Policy: script-src 'self' 'wasm-unsafe-eval'). The browser said: ${message}`,
    { cause: error },
  );
}

/** Runs a WebAssembly compilation, explaining a CSP refusal. */
function compiling<T>(compile: () => T): T {
  try {
    return compile();
  } catch (error) {
    throw explainCsp(error);
  }
}

function decodeBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Describes a module; nothing is decoded or compiled until it is used. */
export function kernelModule<E extends BaseExports>(source: ModuleSource, windowBytes: number): KernelModule<E> {
  const bytes: Partial<Record<BuildName, Uint8Array<ArrayBuffer>>> = {};
  const compiled: Partial<Record<BuildName, WebAssembly.Module>> = {};
  // Whether the engine validates the SIMD build, asked again after each `selectBuild` (cheap), so
  // that "auto" follows the engine the caller has now (tests stub WebAssembly.validate).
  let simdOk: boolean | undefined;
  let simdEpoch = -1;
  let shared: Instance<E> | null = null;
  let sharedEpoch = -1;

  const bytesOf = (build: BuildName) => (bytes[build] ??= decodeBase64(source[build]));
  const simdSupported = (): boolean => {
    requireWebAssembly();
    if (simdOk === undefined || simdEpoch !== epoch) {
      simdOk = WebAssembly.validate(bytesOf("simd"));
      simdEpoch = epoch;
    }
    return simdOk;
  };
  const chosenBuild = (): BuildName => (preference !== "auto" ? preference : simdSupported() ? "simd" : "scalar");
  const compile = (build: BuildName): WebAssembly.Module => {
    requireWebAssembly();
    if (build === "simd" && !simdSupported()) {
      throw new Error(`nninit: this engine does not support WebAssembly SIMD; use the scalar build (useBuild("scalar"))`);
    }
    return (compiled[build] ??= compiling(() => new WebAssembly.Module(bytesOf(build))));
  };

  return {
    name: source.name,
    simdSupported,
    chosenBuild,
    current() {
      if (shared === null || sharedEpoch !== epoch) {
        const build = chosenBuild();
        if (shared === null || shared.build !== build) shared = new Instance<E>(build, compile(build), windowBytes);
        sharedEpoch = epoch;
      }
      return shared;
    },
    instantiate: (build) => new Instance<E>(build, compile(build), windowBytes),
    async compileAsync(build = chosenBuild()) {
      requireWebAssembly();
      if (build === "simd" && !simdSupported()) compile(build); // throws the clear error
      compiled[build] ??= await WebAssembly.compile(bytesOf(build)).catch((error: unknown) => {
        throw explainCsp(error);
      });
    },
  };
}
