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
 * await saveFile("model.safetensors", { w: { dtype: "bfloat16", shape: [2], data: new Uint16Array(2) } });
 * const tensors = await loadFile("model.safetensors");
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

/** Opens a safetensors file (a path, or anything nninit/checkpoint's safeOpen takes); reads its header only. Close it when done. */
export async function safeOpen(input: string | ReadableInput): Promise<neutral.SafeOpenFile> {
  if (typeof input === "string") {
    const source = await fileSource(input);
    return neutral.openSource(source, () => source.close());
  }
  return neutral.openSource(await sourceOf("safeOpen(node)", input));
}

/** Every tensor of a safetensors file, by name in file order. */
export async function loadFile(input: string | ReadableInput): Promise<Map<string, neutral.Tensor>> {
  return neutral.loadAll(await safeOpen(input));
}
