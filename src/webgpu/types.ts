// The few WebGPU interfaces nninit/webgpu touches, typed structurally so that the package needs
// no @webgpu/types: a real GPUDevice, GPUBuffer or GPUCommandEncoder satisfies them.

export interface GpuBuffer {
  readonly size: number;
  readonly usage: number;
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  unmap(): void;
}

export interface GpuComputePipeline {
  getBindGroupLayout(index: number): unknown;
}

export interface GpuComputePass {
  setPipeline(pipeline: GpuComputePipeline): void;
  setBindGroup(index: number, group: unknown): void;
  dispatchWorkgroups(x: number, y?: number, z?: number): void;
  end(): void;
}

export interface GpuCommandEncoder {
  beginComputePass(descriptor?: unknown): GpuComputePass;
  finish(): unknown;
}

export interface GpuDevice {
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly minStorageBufferOffsetAlignment: number;
  };
  readonly queue: { submit(buffers: unknown[]): void };
  createShaderModule(descriptor: { code: string; label?: string }): unknown;
  createComputePipeline(descriptor: { layout: "auto"; compute: { module: unknown; entryPoint: string }; label?: string }): GpuComputePipeline;
  createBuffer(descriptor: { size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  createBindGroup(descriptor: { layout: unknown; entries: unknown[] }): unknown;
  createCommandEncoder(): GpuCommandEncoder;
}
