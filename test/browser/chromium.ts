// How the tests launch Debian's Chromium (never a downloaded browser): the executable and the
// flags for a headless run in a container. vitest.config.ts and the bundler tests share them.

/** CHROMIUM_PATH (set by .ci/run) or Debian's /usr/bin/chromium. */
export const CHROMIUM_EXECUTABLE = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** No sandbox (root in a container), no GPU, no network chatter. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  // WebGPU on the software adapter (SwiftShader), for test/webgpu/: without it navigator.gpu has no adapter.
  "--enable-unsafe-webgpu",
];
