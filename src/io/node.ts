// Node's side of the file API: write a safetensors file to a path (through a temporary name and a
// rename, so that an interrupted write never leaves a partial file under the final name) or to a
// Writable stream, and read one from a path without loading it.

import { constants } from "node:fs";
import { lstat, open, readlink, rename, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Writable } from "node:stream";
import { writeSafetensors, type ByteSink, type TensorSource, type WriteOptions } from "./write.js";
import type { ByteSource } from "./read.js";

/**
 * The temporary name a file is written under before its rename: hidden, beside it, unique per process.
 *
 * @example
 * ```ts
 * import { temporaryName } from "nninit/checkpoint/node";
 * console.log(temporaryName("/data/model.safetensors")); // "/data/.model.safetensors.<pid>.<time>.partial"
 * ```
 */
export function temporaryName(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now().toString(36)}.partial`);
}

/**
 * Writes a file through its temporary name: `produce` gets a sink; on success the file is renamed
 * to `path`, on any failure (or abort) the temporary file is removed and the error rethrown.
 *
 * @example
 * ```ts
 * import { writeFileAtomically } from "nninit/checkpoint/node";
 * await writeFileAtomically("notes.txt", async (sink) => {
 *   await sink.write(new TextEncoder().encode("complete or absent\n")); // renamed into place only on success
 * });
 * ```
 */
export async function writeFileAtomically(path: string, produce: (sink: ByteSink) => Promise<void>): Promise<void> {
  const temp = temporaryName(path);
  const handle = await open(temp, "w");
  let ok = false;
  try {
    await produce(fileHandleSink(handle));
    await handle.close();
    await rename(temp, path);
    ok = true;
  } finally {
    if (!ok) {
      await handle.close().catch(() => undefined);
      await unlink(temp).catch(() => undefined);
    }
  }
}

/**
 * Sequential writes to an open file; each resolves when the bytes are in the kernel's page cache.
 *
 * @example
 * ```ts
 * import { open } from "node:fs/promises";
 * import { writeSafetensors } from "nninit/checkpoint";
 * import { fileHandleSink } from "nninit/checkpoint/node";
 * const handle = await open("model.safetensors", "w");
 * await writeSafetensors(fileHandleSink(handle), [{ name: "w", shape: [8], dtype: "float32", fill: (out) => { (out as Float32Array).fill(1); } }]);
 * await handle.close();
 * ```
 */
export function fileHandleSink(handle: FileHandle): ByteSink {
  return {
    async write(bytes) {
      for (let done = 0; done < bytes.length;) {
        const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
        done += bytesWritten;
      }
    },
  };
}

/**
 * A Node Writable as a sink: copies each chunk (the writer reuses its buffers) and waits for 'drain'.
 *
 * @example
 * ```ts
 * import { createWriteStream } from "node:fs";
 * import { writeSafetensors } from "nninit/checkpoint";
 * import { writableSink } from "nninit/checkpoint/node";
 * const stream = createWriteStream("model.safetensors");
 * await writeSafetensors(writableSink(stream), [{ name: "w", shape: [8], dtype: "float32", fill: (out) => { (out as Float32Array).fill(0); } }]);
 * await new Promise((resolve) => stream.end(resolve));
 * ```
 */
export function writableSink(stream: Writable): ByteSink {
  return {
    write(bytes) {
      if (stream.write(Buffer.from(bytes))) return;
      return new Promise<void>((resolve, reject) => {
        const done = (error?: Error) => { stream.off("drain", done); stream.off("error", done); if (error) reject(error); else resolve(); };
        stream.on("drain", done);
        stream.on("error", done);
      });
    },
  };
}

/**
 * Writes a safetensors file to a path (atomically: temporary name, then rename) or to a Node
 * Writable stream (not ended: the caller owns it). Resolves to the bytes written.
 *
 * @example
 * ```ts
 * import { normal } from "nninit";
 * import { writeSafetensorsFile } from "nninit/checkpoint/node";
 * const bytes = await writeSafetensorsFile("model.safetensors", [
 *   { name: "w", shape: [64, 64], dtype: "float32", fill: (out, s, e) => { normal([64, 64], { range: [s, e], out: out as Float32Array }); } },
 * ]);
 * console.log(bytes); // header + 16384 bytes
 * ```
 */
export async function writeSafetensorsFile(target: string | Writable, tensors: readonly TensorSource[], options?: WriteOptions): Promise<number> {
  if (typeof target !== "string") return writeSafetensors(writableSink(target), tensors, options);
  let bytes = 0;
  await writeFileAtomically(target, async (sink) => { bytes = await writeSafetensors(sink, tensors, options); });
  return bytes;
}

/** Why a path cannot be opened for reading, in words (the path as given, and what it is). */
export async function openError(path: string, error: NodeJS.ErrnoException): Promise<Error> {
  if (error.code === "ELOOP") return new Error(`${path}: a loop of symbolic links`);
  if (error.code === "ENOENT") {
    const link = await lstat(path).then((s) => s.isSymbolicLink(), () => false);
    if (link) return new Error(`${path}: a symbolic link to ${await readlink(path).catch(() => "?")}, which does not exist`);
    return new Error(`${path} does not exist`);
  }
  if (error.code === "EACCES" || error.code === "EPERM") return new Error(`${path}: permission denied`);
  if (error.code === "EISDIR") return new Error(`${path} is a directory`);
  return new Error(`${path}: ${error.message}`);
}

/**
 * Opens a regular file for reading. The open does not block (O_NONBLOCK: a named pipe with no
 * writer would otherwise wait forever) and anything but a regular file (a FIFO, a device, a
 * socket, a directory) is refused before a byte is read. Errors name the path as given.
 *
 * @example
 * ```ts
 * import { writeFile } from "node:fs/promises";
 * import { openRegularFile } from "nninit/checkpoint/node";
 * const path = "data.bin";
 * await writeFile(path, new Uint8Array(16));
 * const { handle, size } = await openRegularFile(path); // a FIFO or a directory would be refused
 * console.log(size); // 16
 * await handle.close();
 * ```
 */
export async function openRegularFile(path: string): Promise<{ handle: FileHandle; size: number }> {
  let handle: FileHandle;
  try {
    handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (e) {
    throw await openError(path, e as NodeJS.ErrnoException);
  }
  const info = await handle.stat();
  if (!info.isFile()) {
    await handle.close();
    const kind = info.isDirectory() ? "a directory" : info.isFIFO() ? "a named pipe" : info.isCharacterDevice() || info.isBlockDevice() ? "a device" : info.isSocket() ? "a socket" : "not a regular file";
    throw new Error(`${path} is ${kind}; only regular files are read`);
  }
  return { handle, size: info.size };
}

/**
 * A file as a ByteSource named by its path; close it when done. Reads past the end are refused, not attempted.
 *
 * @example
 * ```ts
 * import { readSafetensorsHeader } from "nninit/checkpoint";
 * import { fileSource, saveFile } from "nninit/checkpoint/node";
 * const path = "model.safetensors"; // relative to the working directory
 * await saveFile(path, { w: { shape: [2, 3], data: new Float32Array(6) } });
 * const source = await fileSource(path);
 * console.log((await readSafetensorsHeader(source)).entries); // [ { name: "w", dtype: "F32", shape: [2, 3], begin: 0, end: 24 } ]
 * await source.close();
 * ```
 */
export async function fileSource(path: string): Promise<ByteSource & {
  /** Closes the file. */
  close(): Promise<void>;
}> {
  const { handle, size } = await openRegularFile(path);
  return {
    size,
    name: path,
    async read(offset, length) {
      if (offset < 0 || length < 0 || offset + length > size) throw new RangeError(`read of [${offset}, ${offset + length}) past the end of the ${size}-byte file ${path}`);
      const out = new Uint8Array(length);
      for (let done = 0; done < length;) {
        const { bytesRead } = await handle.read(out, done, length - done, offset + done);
        if (bytesRead === 0) throw new Error(`${path} shrank while being read`);
        done += bytesRead;
      }
      return out;
    },
    close: () => handle.close(),
  };
}
