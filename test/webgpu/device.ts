// The WebGPU device the GPU tests run on: in Node, Dawn's bindings (the npm package `webgpu`)
// over the SwiftShader Vulkan driver that Debian's chromium package ships; in Chromium,
// navigator.gpu (launched with --enable-unsafe-webgpu). Undefined when neither is available, so
// the suites skip with a reason instead of failing on a machine without them.

export const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json";

export interface TestGpu {
  device: GPUDevice;
  adapterName: string;
  /** navigator.gpu, or Dawn's GPU object in Node. */
  gpu: GPU;
}

// Dawn's GPU object must stay referenced for the process's life (else the process aborts later).
let keep: unknown;

export async function testGpu(): Promise<TestGpu | undefined> {
  let gpu: GPU | undefined = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (!gpu && typeof process !== "undefined" && process.versions?.node) {
    const fs = await import("node:fs");
    if (!process.env.VK_ICD_FILENAMES && fs.existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
    if (!process.env.VK_ICD_FILENAMES) return undefined;
    try {
      const webgpu = await import("webgpu");
      Object.assign(globalThis, webgpu.globals);
      keep = webgpu.create([]);
      gpu = keep as GPU;
    } catch {
      return undefined;
    }
  }
  if (!gpu) return undefined;
  const adapter = await gpu.requestAdapter();
  if (!adapter) return undefined;
  const device = await adapter.requestDevice({
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  const info = adapter.info;
  return { device: device as GPUDevice, adapterName: `${info.vendor} ${info.architecture}`.trim() || "unknown adapter", gpu };
}

/** Reads `bytes` bytes of a buffer (which needs COPY_SRC) back to the CPU. */
export async function readBack(device: GPUDevice, buffer: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
  const size = Math.ceil(bytes / 4) * 4;
  const staging = device.createBuffer({ size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const enc = device.createCommandEncoder();
  enc.copyBufferToBuffer(buffer, 0, staging, 0, size);
  device.queue.submit([enc.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = staging.getMappedRange().slice(0, bytes);
  staging.unmap();
  staging.destroy();
  return out;
}

/** A storage buffer of `bytes` bytes (rounded up to 4) filled with `fill` bytes. */
export function storageBuffer(device: GPUDevice, bytes: number, fill = 0xa5): GPUBuffer {
  const size = Math.max(4, Math.ceil(bytes / 4) * 4);
  const b = device.createBuffer({ size, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST, mappedAtCreation: true });
  new Uint8Array(b.getMappedRange()).fill(fill);
  b.unmap();
  return b;
}

/** Runs `pipeline` once over `threads` threads (64 a workgroup) with `buffers` bound at 0, 1, ... */
export function dispatch(device: GPUDevice, pipeline: { getBindGroupLayout(index: number): unknown }, buffers: GPUBuffer[], threads: number): void {
  const enc = device.createCommandEncoder();
  const pass = enc.beginComputePass();
  pass.setPipeline(pipeline as GPUComputePipeline);
  pass.setBindGroup(0, device.createBindGroup({ layout: pipeline.getBindGroupLayout(0) as GPUBindGroupLayout, entries: buffers.map((buffer, binding) => ({ binding, resource: { buffer } })) }));
  pass.dispatchWorkgroups(Math.ceil(threads / 64));
  pass.end();
  device.queue.submit([enc.finish()]);
}
