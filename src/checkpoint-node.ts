/**
 * safetensors to and from file paths and Node streams: `saveFile`, `loadFile` and `safeOpen` take
 * a path, files are written atomically (a temporary name, then a rename), and FIFOs or devices
 * are refused before a byte is read.
 *
 * Guide: [checkpoints and the command](https://unpkg.com/nninit@0.2.0/docs/checkpoints.md).
 *
 * @example
 * ```ts
 * import { stateDict } from "nninit/torch";
 * import { loadFile, saveFile } from "nninit/checkpoint/node";
 * const path = "nanogpt.safetensors"; // relative to the working directory
 * await saveFile(path, stateDict("nanogpt", { n_layer: 1, n_head: 2, n_embd: 32, block_size: 16, vocab_size: 65 }, { seed: 1337 }));
 * console.log((await loadFile(path)).size); // the number of tensors
 * ```
 *
 * @module nninit/checkpoint/node
 */

export { writeSafetensorsFile, writeFileAtomically, writableSink, fileHandleSink, fileSource, openRegularFile, temporaryName } from "./io/node.js";
export { saveFile, loadFile, safeOpen } from "./io/node-api.js";
