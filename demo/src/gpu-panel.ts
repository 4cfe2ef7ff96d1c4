// The GPU half of the model panel: GPT-2's tensors filled on the GPU by nninit/webgpu
// (createGpuInit, fillModel: one command encoder), timed, read back and compared byte for byte
// with the same tensors filled on the CPU. Without navigator.gpu, or without an adapter, the
// panel says so. On a software adapter (SwiftShader: the CPU emulating a GPU, ~0.5 M values/s
// fast, ~20 k values/s exact) GPT-2 small would take hours, so a tiny GPT-2 runs and the panel
// says why.

import { createGpuInit, type GpuBuffer, type GpuDevice, type Precision } from "nninit/webgpu";
import { Generator, catalogEntry, float16Value, bfloat16Value, type Dtype } from "nninit";
import { parameterCount, type ModelRecipe } from "nninit/checkpoint";
import { recipeOf } from "./models.js";

// The WebGPU surface used here, typed structurally (the DOM lib of TypeScript 5.9 has no WebGPU).
interface Adapter {
  readonly limits: { maxStorageBufferBindingSize: number; maxBufferSize: number };
  readonly info?: { vendor?: string; architecture?: string; description?: string; isFallbackAdapter?: boolean };
  readonly isFallbackAdapter?: boolean;
  requestDevice(d?: { requiredLimits?: Record<string, number> }): Promise<Device>;
}
interface Device extends GpuDevice {
  readonly queue: GpuDevice["queue"] & { onSubmittedWorkDone(): Promise<void> };
  createBuffer(d: { size: number; usage: number; mappedAtCreation?: boolean }): MappableBuffer;
  createCommandEncoder(): ReturnType<GpuDevice["createCommandEncoder"]> & { copyBufferToBuffer(a: GpuBuffer, ao: number, b: GpuBuffer, bo: number, size: number): void };
  destroy(): void;
}
interface MappableBuffer extends GpuBuffer {
  mapAsync(mode: number): Promise<void>;
  destroy(): void;
}
interface Gpu { requestAdapter(): Promise<Adapter | null> }

// GPUBufferUsage and GPUMapMode values (numeric: see the WebGPU spec).
const MAP_READ = 0x01, COPY_SRC = 0x04, COPY_DST = 0x08, STORAGE = 0x80, MODE_READ = 0x01;

/** What a software adapter runs instead of GPT-2 small: ~22 k values, a second or two exact. */
const SOFTWARE_MODEL = { n_layer: 1, n_embd: 32, n_head: 2, vocab_size: 256, n_positions: 32 };

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const count = (n: number) => n.toLocaleString("en-US");

async function readBack(device: Device, buffer: GpuBuffer, bytes: number): Promise<Uint8Array> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = device.createBuffer({ size, usage: MAP_READ | COPY_DST });
  const encoder = device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, size);
  device.queue.submit([encoder.finish()] as never[]);
  await staging.mapAsync(MODE_READ);
  const out = new Uint8Array(staging.getMappedRange().slice(0, bytes));
  staging.unmap();
  staging.destroy();
  return out;
}

/** The first `n` values of a tensor's bytes, as numbers. */
function firstValues(bytes: Uint8Array, dtype: Dtype, n: number): number[] {
  const k = Math.min(n, bytes.byteLength / (dtype === "float32" ? 4 : 2));
  if (dtype === "float32") return Array.from(new Float32Array(bytes.buffer, bytes.byteOffset, k));
  return Array.from(new Uint16Array(bytes.buffer, bytes.byteOffset, k), dtype === "float16" ? float16Value : bfloat16Value);
}

const show = (xs: number[]) => xs.map((x) => x.toFixed(5)).join(", ");

export interface GpuPanelInputs {
  seed: () => number;
  dtype: () => Dtype;
}

export function setupGpuPanel(inputs: GpuPanelInputs): void {
  const run = $<HTMLButtonElement>("gpu-run"), status = $("gpu-status"), results = $("gpu-results"), precision = $<HTMLSelectElement>("gpu-precision");
  const gpu = (navigator as unknown as { gpu?: Gpu }).gpu;
  if (!gpu) {
    status.textContent = "This browser has no WebGPU (navigator.gpu is missing), so there is nothing to run here. " +
      "Current Chrome, Edge and Safari have it; Firefox on Windows; Chromium on Linux with --enable-unsafe-webgpu.";
    run.disabled = true;
    document.body.dataset.gpu = "missing";
    return;
  }
  status.textContent = "Press the button: GPT-2's tensors are filled in compute shaders, read back and compared with the CPU's.";

  run.addEventListener("click", async () => {
    run.disabled = true;
    delete document.body.dataset.gpu;
    results.innerHTML = "";
    status.classList.remove("error");
    let device: Device | undefined;
    try {
      const adapter = await gpu.requestAdapter();
      if (!adapter) {
        status.textContent = "navigator.gpu is here but gives no adapter (WebGPU is off or this GPU is blocked), so there is nothing to run.";
        document.body.dataset.gpu = "no-adapter";
        return;
      }
      const info = adapter.info ?? {};
      const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(" ") || "unnamed adapter";
      const software = Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter) || /swiftshader|llvmpipe|software/i.test(name);
      const recipe: ModelRecipe = recipeOf(software ? SOFTWARE_MODEL : "gpt2");
      const dtype = inputs.dtype(), seed = inputs.seed(), p = precision.value as Precision;
      const bytesPer = dtype === "float32" ? 4 : 2;
      const modelText = software
        ? `a tiny GPT-2 (1 layer × 32, vocab 256: ${count(parameterCount(recipe))} values), not GPT-2 small: this adapter (${name}) is software, the CPU emulating a GPU at about 0.5 M values/s (fast) or 20 k values/s (exact), where GPT-2 small's 124 M values would take minutes to hours`
        : `GPT-2 small (${count(parameterCount(recipe))} values) on ${name}`;
      status.textContent = `compiling the shaders and filling ${modelText}…`;
      const dev = device = await adapter.requestDevice({
        requiredLimits: { maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize, maxBufferSize: adapter.limits.maxBufferSize },
      });
      const init = createGpuInit(dev, { precision: p });
      // Compile the pipelines first (one tiny fill of each kind) so the time below is the fills'.
      const tc = performance.now();
      const scratch = dev.createBuffer({ size: 16, usage: STORAGE | COPY_SRC });
      for (const fn of new Set(recipe.tensors.map((t) => t.fn))) await init.fill(fn, scratch, [2], { dtype, generator: new Generator(0) });
      await dev.queue.onSubmittedWorkDone();
      const compileMs = performance.now() - tc;

      const gpuGen = new Generator(seed);
      const tensors = recipe.tensors.map((t) => {
        const n = t.shape.reduce((a, b) => a * b, 1);
        return { initializer: t.fn, shape: t.shape, options: { ...t.options, generator: gpuGen, dtype }, bytes: n * bytesPer,
          buffer: dev.createBuffer({ size: Math.ceil((n * bytesPer) / 4) * 4, usage: STORAGE | COPY_SRC }) };
      });
      const t0 = performance.now();
      await init.fillModel(tensors);
      await dev.queue.onSubmittedWorkDone();
      const gpuMs = performance.now() - t0;

      // The CPU: the same calls from a generator with the same seed, tensor by tensor (timed),
      // each compared with the GPU's bytes as they are read back.
      const cpuGen = new Generator(seed);
      let cpuMs = 0, same = true, firstDiff = "", gpuFirst: number[] = [], cpuFirst: number[] = [], compared = 0;
      for (const [i, t] of recipe.tensors.entries()) {
        const tc0 = performance.now();
        const fill = catalogEntry(t.fn).fn as unknown as (shape: number[], options: object) => Float32Array | Uint16Array;
        const out = fill(t.shape, { ...t.options, generator: cpuGen, dtype });
        cpuMs += performance.now() - tc0;
        const want = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
        const got = await readBack(dev, tensors[i]!.buffer, tensors[i]!.bytes);
        if (i === 0) { gpuFirst = firstValues(got, dtype, 6); cpuFirst = firstValues(want, dtype, 6); }
        const at = got.findIndex((b, j) => b !== want[j]);
        if (at >= 0 && same) { same = false; firstDiff = `${t.name}, byte ${at}`; }
        compared += want.byteLength;
        (tensors[i]!.buffer as MappableBuffer).destroy();
      }
      results.innerHTML = [
        `<tr><th></th><th>fill time</th><th>first values of ${recipe.tensors[0]!.name}</th></tr>`,
        `<tr><th>GPU</th><td class="v" data-k="gpu-ms">${gpuMs.toFixed(1)} ms</td><td class="v" data-k="gpu-first">${show(gpuFirst)}, …</td></tr>`,
        `<tr><th>CPU</th><td class="v" data-k="cpu-ms">${cpuMs.toFixed(1)} ms</td><td class="v" data-k="cpu-first">${show(cpuFirst)}, …</td></tr>`,
        `<tr class="${same ? "same" : "differs"}"><th>same bits</th><td class="v" data-k="same" colspan="2">${same
          ? `✓ all ${recipe.tensors.length} tensors, ${count(compared)} bytes identical`
          : `✗ the GPU differs from the CPU first at ${firstDiff}`}</td></tr>`,
      ].join("");
      status.textContent = `${recipe.tensors.length} tensors of ${modelText}, ${dtype}, seed ${seed}, ${p} precision, one command encoder; ` +
        `shaders compiled in ${compileMs.toFixed(0)} ms (not counted in the fill time).`;
      document.body.dataset.gpu = same ? "same" : "differs";
    } catch (e) {
      status.textContent = `GPU: ${(e as Error).message}`;
      status.classList.add("error");
      document.body.dataset.gpu = "error";
    } finally {
      device?.destroy();
      run.disabled = false;
    }
  });
}
