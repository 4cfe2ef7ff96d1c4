// The demo uses nninit as a consumer would: the built package (npm run build), not the sources.
import { defineConfig } from "vite";
import { fileURLToPath } from "node:url";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  resolve: { alias: [{ find: /^nninit$/, replacement: fileURLToPath(new URL("../dist/esm/index.js", import.meta.url)) }] },
  server: { host: "127.0.0.1" },
  preview: { host: "127.0.0.1" },
  build: { target: "es2022" },
});
