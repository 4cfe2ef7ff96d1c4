// The few WebGPU interfaces nninit/webgpu touches, typed structurally so that the package needs
// no @webgpu/types: a real GPUDevice, GPUBuffer or GPUCommandEncoder satisfies them. A method that
// takes WebGPU's own handles (a shader module, a bind group layout, command buffers) takes `never`
// here: any real method is assignable to that, where a structural copy of the descriptor is not
// (its handle types are branded in @webgpu/types); nninit's calls cast their descriptors.

/** The part of WebGPU's `GPUBuffer` nninit uses (a real GPUBuffer is one). */
export interface GpuBuffer {
  readonly size: number;
  readonly usage: number;
  /** WebGPU's `GPUBuffer.getMappedRange`. */
  getMappedRange(offset?: number, size?: number): ArrayBuffer;
  /** WebGPU's `GPUBuffer.unmap`. */
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

/** The part of WebGPU's `GPUCommandEncoder` nninit uses. */
export interface GpuCommandEncoder {
  /** WebGPU's `GPUCommandEncoder.beginComputePass`. */
  beginComputePass(descriptor?: unknown): GpuComputePass;
  /** WebGPU's `GPUCommandEncoder.finish`. */
  finish(): unknown;
}

/** The part of WebGPU's `GPUDevice` nninit uses (a real GPUDevice is one). */
export interface GpuDevice {
  readonly limits: {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly minStorageBufferOffsetAlignment: number;
  };
  readonly queue: {
    /**
     * WebGPU's `GPUQueue.submit`. The parameter is `never[]` so that a real GPUQueue (which takes
     * `Iterable<GPUCommandBuffer>`, a type this package does not import) is assignable; calls pass
     * `encoder.finish()`'s result with a cast.
     */
    submit(buffers: never[]): void;
  };
  /** WebGPU's `GPUDevice.createShaderModule`. */
  createShaderModule(descriptor: { code: string; label?: string }): unknown;
  /** WebGPU's `GPUDevice.createComputePipeline`. */
  createComputePipeline(descriptor: never): GpuComputePipeline;
  /** WebGPU's `GPUDevice.createBuffer`. */
  createBuffer(descriptor: { size: number; usage: number; mappedAtCreation?: boolean }): GpuBuffer;
  /** WebGPU's `GPUDevice.createBindGroup`. */
  createBindGroup(descriptor: never): unknown;
  /** WebGPU's `GPUDevice.createCommandEncoder`. */
  createCommandEncoder(): GpuCommandEncoder;
}
