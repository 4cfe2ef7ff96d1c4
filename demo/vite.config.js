// The demo uses nninit as a consumer would: the built package (npm run build), not the sources.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: {
    alias: [
      { find: /^nninit$/, replacement: fileURLToPath(new URL("../dist/esm/index.js", import.meta.url)) },
      { find: /^nninit\/probe$/, replacement: fileURLToPath(new URL("../dist/esm/probe.js", import.meta.url)) },
      { find: /^nninit\/checkpoint$/, replacement: fileURLToPath(new URL("../dist/esm/checkpoint.js", import.meta.url)) },
      { find: /^nninit\/webgpu$/, replacement: fileURLToPath(new URL("../dist/esm/webgpu.js", import.meta.url)) },
    ],
  },
  // The probe worker imports nninit/probe, which shares a chunk with nninit: ES workers split chunks.
  worker: { format: "es" },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  build: { target: "es2022" },
});
