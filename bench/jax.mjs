// `npm run bench:jax`: only the jax rows of `npm run bench` (bench/peers/jax.mjs: nninit/jax
// against jax 0.10.2 on CPU with all its threads and on one core, 16M float32, threefry bits,
// uniform, normal, truncated normal, nninit's tape normal beside), measured, checked and reported
// by bench/run.mjs as in the full run: `node bench/run.mjs --only=jax`. Extra arguments pass
// through (`-- --quick`: 64K values). No static import: the flag must be in place before
// bench/config.mjs reads the arguments.

process.argv.push("--only=jax");
await import("./run.mjs");
