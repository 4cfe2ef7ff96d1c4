// Two projects from one `vitest run`:
//   node     - every test file, in Node (forks pool);
//   chromium - every environment-agnostic test file (no `.node.` in its name, not a bundler test),
//              in Debian's headless Chromium through the playwright provider. The browser is
//              never downloaded: CHROMIUM_PATH (set by .ci/run) or /usr/bin/chromium.
import { defineConfig } from "vitest/config";
import { playwright } from "@vitest/browser-playwright";
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from "./test/browser/chromium.js";

const timeouts = { testTimeout: 120_000, hookTimeout: 120_000 };

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "node",
          include: ["test/**/*.test.ts"],
          pool: "forks",
          ...timeouts,
        },
      },
      {
        test: {
          name: "chromium",
          include: ["test/**/*.test.ts"],
          exclude: ["**/*.node.test.ts", "test/bundlers/**", "**/node_modules/**"],
          ...timeouts,
          browser: {
            enabled: true,
            headless: true,
            screenshotFailures: false,
            provider: playwright({
              launchOptions: { executablePath: CHROMIUM_EXECUTABLE, args: CHROMIUM_ARGS },
            }),
            instances: [{ browser: "chromium" }],
          },
        },
      },
    ],
  },
});
