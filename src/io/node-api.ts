// saveFile, loadFile and safeOpen with file paths (Node): a path is written atomically (a
// temporary name, then a rename) and read without loading the file; everything else goes to the
// runtime-neutral versions in ./api.ts.

import { Writable } from "node:stream";
import * as neutral from "./api.js";
import { fileSource, writableSink, writeFileAtomically } from "./node.js";
import { sourceOf, type ReadableInput } from "./sources.js";
import { prepareWrite, writeChecked, type ByteSink } from "./write.js";

/**
 * Writes tensors (a Map such as nninit/torch's stateDict, or a plain object of { dtype, shape,
 * data }) as one safetensors file at `path`, or to a Writable or sink. Adds `format: "pt"` to the
 * metadata unless it names a format. Resolves to the bytes written.
 *
 * @example
 * ```ts
 * import { loadFile, saveFile } from "nninit/checkpoint/node";
 * const path = "model.safetensors"; // relative to the working directory
 * await saveFile(path, { w: { dtype: "bfloat16", shape: [2], data: new Uint16Array(2) } }); // written atomically
 * const tensors = await loadFile(path);
 * console.log(tensors.get("w")?.dtype); // "BF16"
 * ```
 */
export async function saveFile(target: string | Writable | ByteSink | WritableStream<Uint8Array>, tensors: neutral.SaveTensors, options?: neutral.SaveOptions): Promise<number> {
  const fn = "saveFile";
  const sources = neutral.saveSources(fn, tensors);
  const writeOptions = neutral.saveWriteOptions(options);
  if (typeof target === "string") {
    const write = prepareWrite(fn, sources, writeOptions); // every check before the temporary file is created
    let bytes = 0;
    await writeFileAtomically(target, async (sink) => { bytes = await write(sink); });
    return bytes;
  }
  return writeChecked(fn, target instanceof Writable ? writableSink(target) : target, sources, writeOptions);
}

/**
 * Opens a safetensors file (a path, or anything nninit/checkpoint's safeOpen takes); reads its header only. Close it when done.
 *
 * @example
 * ```ts
 * import { safeOpen, saveFile } from "nninit/checkpoint/node";
 * const path = "model.safetensors"; // relative to the working directory
 * await saveFile(path, { a: { shape: [2], data: new Float32Array([1, 2]) }, b: { shape: [1], data: new Float32Array([3]) } });
 * const file = await safeOpen(path);
 * console.log(file.keys(), file.metadata()); // [ "a", "b" ] { format: "pt" }
 * console.log((await file.getTensor("b")).data); // Float32Array(1) [ 3 ]
 * await file.close();
 * ```
 */
export async function safeOpen(input: string | ReadableInput): Promise<neutral.SafeOpenFile> {
  if (typeof input === "string") {
    const source = await fileSource(input);
    return neutral.openSource(source, () => source.close());
  }
  return neutral.openSource(await sourceOf("safeOpen(node)", input));
}

/**
 * Every tensor of a safetensors file, by name in file order.
 *
 * @example
 * ```ts
 * import { loadFile, saveFile } from "nninit/checkpoint/node";
 * const path = "model.safetensors"; // relative to the working directory
 * await saveFile(path, { w: { dtype: "bfloat16", shape: [2], data: new Uint16Array([0x3f80, 0x4000]) } });
 * console.log(await loadFile(path)); // Map(1) { "w" => { dtype: "BF16", shape: [2], data: Uint16Array(2) [16256, 16384] } }
 * ```
 */
export async function loadFile(input: string | ReadableInput): Promise<Map<string, neutral.Tensor>> {
  return neutral.loadAll(await safeOpen(input));
}
