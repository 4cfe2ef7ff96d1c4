// Types of ./ensure-built.mjs for test/global-setup.ts.
/** Brings the generated sources (and with `dist`, the bundles) up to date; returns what it rebuilt. */
export function ensureBuilt(options?: { dist?: boolean }): Promise<Array<"wasm" | "worker" | "dist">>;
