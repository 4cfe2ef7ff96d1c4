// Preloaded (node --import) for the documentation samples flagged `gpu`: gives Node what a page
// with WebGPU has, navigator.gpu and the GPU* globals (GPUBufferUsage ...), from Dawn's bindings
// (the npm package `webgpu`) over the SwiftShader Vulkan driver that Debian's chromium ships, as
// test/webgpu/device.ts does for the GPU tests. samples.node.test.ts skips these samples (and
// lists them) where that driver is missing.
import { existsSync } from "node:fs";

const SWIFTSHADER_ICD = "/usr/lib/chromium/vk_swiftshader_icd.json"; // as test/webgpu/device.ts
if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;

const webgpu = await import("webgpu");
Object.assign(globalThis, webgpu.globals);
const gpu = webgpu.create([]);
// Dawn's GPU object must stay referenced for the process's life.
globalThis.__nninitDocsGpu = gpu;
if (globalThis.navigator) Object.defineProperty(globalThis.navigator, "gpu", { value: gpu, configurable: true });
else Object.defineProperty(globalThis, "navigator", { value: { gpu }, configurable: true });
