// The test projects. With NNINIT_TESTS unset (`npm test`, `vitest run`), two projects:
//   node     - every test file, in Node (forks pool);
//   chromium - CHROMIUM below (environment-agnostic files, no `.node.` in the name, whose result
//              depends on the browser), in Debian's headless Chromium through the playwright
//              provider. The browser is never downloaded: CHROMIUM_PATH (set by .ci/run) or
//              /usr/bin/chromium.
// NNINIT_TESTS picks one smaller Node project instead:
//   quick         - QUICK below, the inner loop (`npm run test:quick`, under 2 minutes);
//   node-versions - NODE_VERSIONS below, what .ci/run runs again on Node 22 and 24.
import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "./test/browser/chromium.js";

/**
 * The inner loop: what a change most often breaks, Node only. The bits (golden vectors, SIMD =
 * scalar = JS reference, the kernel ABI, the stream contract, dtypes), the catalog and the
 * initializers' formulas and errors, fillAsync, the pool's bits and errors, torch's generator
 * against its committed references, safetensors. Not here: exhaustive sweeps, live Python
 * comparisons, model replays, bundlers, the package, the demo, other engines.
 */
const QUICK = [
  "test/golden.test.ts", "test/parity.test.ts", "test/kernel-abi.test.ts", "test/tape-contract.test.ts",
  "test/dtype.test.ts", "test/catalog.test.ts", "test/catalog-laws.test.ts", "test/seed.test.ts",
  "test/errors.test.ts", "test/bad-input.test.ts", "test/stream/*.test.ts",
  "test/async.test.ts", "test/initializers/!(*.node).test.ts", "test/engines/vectors.test.ts",
  "test/pool/errors.test.ts", "test/pool/same-bits.test.ts", "test/pool/help.test.ts",
  "test/torch/generator.test.ts", "test/torch/reference.test.ts", "test/torch-models/errors.test.ts",
  "test/torch-models/references.test.ts", "test/io/!(*.node).test.ts", "test/tfjs/classes.test.ts", "test/tfjs/keras-jax.test.ts",
  "test/probe/probe.test.ts", "test/probe/gemm.test.ts",
  "test/torch/default-generator.test.ts", "test/torch/trunc-normal.test.ts",
  "test/jax/generator.test.ts", "test/jax/errors.test.ts", "test/jax/reference.test.ts", "test/jax/pool.test.ts",
  "test/docs/extract.test.ts",
];

/**
 * What depends on Node's version (its V8, its APIs), run again on every Node that package.json's
 * "engines" covers. The rest runs once (on the oldest Node, with Chromium), because its result
 * is a function of the bits these files pin: statistics, formulas, exhaustive 2^24-point sweeps,
 * model replays against torch, Python comparisons, bundler output, the tarball, the demo.
 * - wasm in V8: golden vectors, SIMD = scalar = reference (the engine checks Firefox and Bun run,
 *   and the full parity sweep of the core and torch kernels), the debug build, the build choice,
 *   large-fill digests, the gemm kernels, torch's kernels against torch's committed bits;
 * - typed arrays and buffers: dtypes (Float16Array where Node has it), detached buffers and
 *   length limits (bad input), the 1 GiB fill, safetensors through Blob;
 * - the event loop: fillAsync, timers during a long fill;
 * - worker_threads and the process: the pool, the command's --threads, its files (fs), signals;
 * - module loading: the package's exports map, require and import of one package, the
 *   subpath entries as installed.
 */
const NODE_VERSIONS = [
  "test/golden.test.ts", "test/parity.test.ts", "test/kernel-abi.test.ts", "test/tape-contract.test.ts",
  "test/debug-build.node.test.ts", "test/engines/vectors.test.ts", "test/browser/same-bits.test.ts",
  "test/browser/fallbacks.test.ts", "test/browser/no-webassembly.test.ts", "test/probe/gemm.test.ts",
  "test/torch/parity.test.ts", "test/torch/reference.test.ts", "test/jax/kernels.node.test.ts", "test/jax/reference.test.ts",
  "test/dtype.test.ts", "test/errors.test.ts", "test/bad-input.test.ts", "test/big-fill.node.test.ts",
  "test/io/safetensors.test.ts", "test/io/files.node.test.ts", "test/stream/*.test.ts",
  "test/async.test.ts", "test/browser/async-timers.test.ts",
  "test/pool/*.test.ts", "test/jax/pool.test.ts", "test/cli/threads.node.test.ts", "test/cli/cli.node.test.ts", "test/cli/signals.node.test.ts",
  "test/bundlers/node.node.test.ts", "test/bundlers/dual-package.node.test.ts", "test/*/entry.node.test.ts",
];

/**
 * What Chromium runs: the environment-agnostic files whose result depends on the browser's
 * engine or its APIs (the same reasoning as NODE_VERSIONS: wasm in its V8, typed arrays, the
 * event loop and timers, Web Workers and shared memory, Blob), and the browser checks. Files
 * whose result follows from those bits (statistics, formulas, the catalog, properties, model
 * replays, the probe's numbers) run in Node only.
 */
const CHROMIUM = [
  "test/golden.test.ts", "test/parity.test.ts", "test/kernel-abi.test.ts", "test/tape-contract.test.ts",
  "test/engines/vectors.test.ts", "test/browser/*.test.ts", "test/probe/gemm.test.ts",
  "test/torch/parity.test.ts", "test/torch/reference.test.ts", "test/jax/reference.test.ts",
  "test/dtype.test.ts", "test/errors.test.ts", "test/bad-input.test.ts", "test/io/*.test.ts",
  "test/stream/*.test.ts", "test/async.test.ts", "test/pool/*.test.ts", "test/jax/pool.test.ts", "test/tfjs/*.test.ts",
  "test/demo/timing.test.ts", "test/webgpu/*.test.ts",
];

const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

const node = (name: string, include: string[]) => ({ test: { name, include, pool: "forks" as const, ...timeouts } });

const chromium = {
  test: {
    name: "chromium",
    include: CHROMIUM,
    exclude: ["**/*.node.test.ts", "**/node_modules/**"],
    ...timeouts,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({
        launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS },
      }),
      instances: [{ browser: "chromium" as const }],
    },
  },
};

const SETS: Record<string, ReturnType<typeof node>[]> = {
  quick: [node("quick", QUICK)],
  "node-versions": [node("node-versions", NODE_VERSIONS)],
};

const set = process.env.NNINIT_TESTS;
if (set !== undefined && !(set in SETS)) throw new Error(`NNINIT_TESTS=${set}: expected one of ${Object.keys(SETS).join(", ")}`);

export default defineConfig({
  test: {
    // Rebuilds the generated kernels and pool worker (and dist/ when a test needs it) if stale.
    globalSetup: ["test/global-setup.ts"],
    projects: set ? SETS[set] : [node("node", ["test/**/*.test.ts"]), chromium],
  },
});
