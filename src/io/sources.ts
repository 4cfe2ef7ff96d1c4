// Where a file's bytes come from in any runtime: a Blob or File, bytes in memory, or an HTTP
// response (range requests when the server accepts them, so that safeOpen reads only the header
// and the tensors asked for; otherwise the body, once).

import { blobSource, type ByteSource } from "./read.js";

/**
 * Bytes in memory as a ByteSource.
 *
 * @example
 * ```ts
 * import { bytesSource, loadFile, saveFile } from "nninit/checkpoint";
 * const chunks: Uint8Array<ArrayBuffer>[] = [];
 * await saveFile({ write: (b) => { chunks.push(b.slice()); } }, { w: { shape: [3], data: new Float32Array([1, 2, 3]) } });
 * const bytes = new Uint8Array(await new Blob(chunks).arrayBuffer());
 * const tensors = await loadFile(bytesSource(bytes, "in-memory"));
 * console.log(tensors.get("w")?.data); // Float32Array(3) [ 1, 2, 3 ]
 * ```
 */
export function bytesSource(bytes: Uint8Array | ArrayBuffer, name?: string): ByteSource {
  const view = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return {
    size: view.length,
    ...(name === undefined ? {} : { name }),
    read: async (offset, length) => view.subarray(offset, offset + length),
  };
}

/**
 * A fetched Response as a ByteSource. When the server says it serves byte ranges
 * (`Accept-Ranges: bytes` and a `Content-Length`), the body is left unread and each read is a
 * `Range` request to `response.url`; otherwise the body is read whole.
 *
 * @example
 * ```ts
 * import { bytesSource, responseSource, safeOpen, safetensorsBlob } from "nninit/checkpoint";
 * const blob = await safetensorsBlob([{ name: "w", shape: [2], dtype: "float32", fill: (out) => { (out as Float32Array).fill(1); } }]);
 * // A fetch() Response; one built from a Blob here, so the example runs without a server.
 * const source = await responseSource(new Response(blob));
 * const file = await safeOpen(source);
 * console.log(file.keys()); // [ "w" ]
 * ```
 */
export async function responseSource(response: Response, name = response.url || undefined): Promise<ByteSource> {
  if (!response.ok) throw new Error(`${name ?? "the response"}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  const length = Number(response.headers.get("content-length"));
  const ranges = response.headers.get("accept-ranges")?.toLowerCase() === "bytes";
  if (!ranges || !response.url || !Number.isSafeInteger(length) || response.headers.get("content-encoding")) {
    return blobSource(await response.blob(), name);
  }
  await response.body?.cancel();
  const url = response.url;
  return {
    size: length,
    ...(name === undefined ? {} : { name }),
    async read(offset, n) {
      if (n === 0) return new Uint8Array(0);
      const r = await fetch(url, { headers: { Range: `bytes=${offset}-${offset + n - 1}` } });
      if (r.status !== 206) throw new Error(`${name ?? url}: a range request answered HTTP ${r.status}, not 206`);
      const bytes = new Uint8Array(await r.arrayBuffer());
      if (bytes.length !== n) throw new Error(`${name ?? url}: a range request gave ${bytes.length} bytes for ${n}`);
      return bytes;
    },
  };
}

/** What safeOpen and loadFile read in any runtime: a Blob/File, a Response, bytes, or a ByteSource. */
export type ReadableInput = Blob | Response | Uint8Array | ArrayBuffer | ByteSource;

/** The ByteSource of an input (`fn` names the caller in the error for anything else). */
export async function sourceOf(fn: string, input: ReadableInput): Promise<ByteSource> {
  if (typeof Blob === "function" && input instanceof Blob) return blobSource(input);
  if (typeof Response === "function" && input instanceof Response) return responseSource(input);
  if (input instanceof Uint8Array || input instanceof ArrayBuffer) return bytesSource(input);
  const s = input as ByteSource;
  if (s !== null && typeof s === "object" && typeof s.read === "function" && Number.isSafeInteger(s.size) && s.size >= 0) return s;
  throw new TypeError(`${fn}: source must be a Blob, a File, a Response, a Uint8Array, an ArrayBuffer or a { size, read(offset, length) } source${fn.endsWith("(node)") ? "" : " (file paths: import from nninit/checkpoint/node)"}`);
}
