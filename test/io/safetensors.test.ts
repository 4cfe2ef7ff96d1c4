// safetensors in memory (Node and Chromium): the header layout byte by byte, streamed writing to
// every sink kind with chunks that cut tensors anywhere (mixed dtypes, odd offsets), reading back
// through a Blob, and every malformed file refused with a clear error without reading past its end.

import { describe, expect, it } from "vitest";
import {
  writeSafetensors, safetensorsBlob, readSafetensorsHeader, readTensorValues, tensorStats, blobSource, encodeHeader,
  planShards, shardFileName, shardIndexJson, parseSize, SafetensorsFormatError, type TensorSource, type ByteSource,
} from "../../src/checkpoint.js";
import { Generator, normal, uniform, bfloat16Value, float16Value } from "../../src/index.js";

/** Tensors with values computable independently: element i of tensor k is k + i / 1024 (exact in every dtype for small i). */
function ramp(name: string, shape: number[], dtype: TensorSource["dtype"], k: number): TensorSource {
  return {
    name, shape, dtype,
    fill(out, s, e) {
      for (let i = s; i < e; i++) {
        const v = k + (i % 64) / 64;
        out[i - s] = dtype === "float32" ? v : dtype === "float16" ? toF16(v) : toBF16(v);
      }
    },
  };
}
const toBF16 = (v: number) => new Uint16Array(new Float32Array([v]).buffer)[1];
const toF16 = (v: number) => { for (let h = 0; h < 65536; h++) if (float16Value(h) === v) return h; throw new Error(`${v}`); };

async function collect(tensors: TensorSource[], options = {}): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  await writeSafetensors({ write: (b) => { parts.push(b.slice()); } }, tensors, options);
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

describe("the header", () => {
  it("is an 8-byte LE length, JSON with metadata first, padded with spaces to a multiple of 8", () => {
    const { bytes, entries } = encodeHeader([{ name: "a", dtype: "F32", shape: [2, 3] }, { name: "b", dtype: "BF16", shape: [5] }], { k: "v" });
    const n = Number(new DataView(bytes.buffer).getBigUint64(0, true));
    expect(n % 8).toBe(0);
    expect(bytes.length).toBe(8 + n);
    const text = new TextDecoder().decode(bytes.subarray(8));
    expect(text).toBe(`{"__metadata__":{"k":"v"},"a":{"dtype":"F32","shape":[2,3],"data_offsets":[0,24]},"b":{"dtype":"BF16","shape":[5],"data_offsets":[24,34]}}`.padEnd(n, " "));
    expect(entries.map((e) => [e.begin, e.end])).toEqual([[0, 24], [24, 34]]);
  });

  it("refuses duplicate and reserved names", () => {
    expect(() => encodeHeader([{ name: "a", dtype: "F32", shape: [1] }, { name: "a", dtype: "F32", shape: [1] }])).toThrow(/"a" is used twice/);
    expect(() => encodeHeader([{ name: "__metadata__", dtype: "F32", shape: [1] }])).toThrow(/reserved/);
  });
});

describe("streamed writing", () => {
  const tensors = [
    ramp("f16.odd", [3, 5], "float16", 1), // 30 bytes: the next tensor starts 2 mod 4
    ramp("f32.misaligned", [7, 3], "float32", 2),
    ramp("bf16", [1000], "bfloat16", 3),
    ramp("empty", [0, 4], "float32", 4),
    ramp("scalar", [], "float32", 5),
  ];

  it("gives the same bytes for every chunk size, and they read back", async () => {
    const whole = await collect(tensors, { chunkBytes: 1 << 20, metadata: { m: "1" } });
    for (const chunkBytes of [64, 72, 136, 1000, 4096]) {
      expect(await collect(tensors, { chunkBytes, metadata: { m: "1" } }), `chunk ${chunkBytes}`).toEqual(whole);
    }
    const source = blobSource(new Blob([whole]));
    const header = await readSafetensorsHeader(source);
    expect(header.metadata).toEqual({ m: "1" });
    expect(header.entries.map((e) => [e.name, e.dtype, e.shape])).toEqual([
      ["f16.odd", "F16", [3, 5]], ["f32.misaligned", "F32", [7, 3]], ["bf16", "BF16", [1000]], ["empty", "F32", [0, 4]], ["scalar", "F32", []],
    ]);
    for (const [k, e] of header.entries.entries()) {
      const values: number[] = [];
      for await (const chunk of readTensorValues(source, header, e, 64)) values.push(...chunk);
      expect(values, e.name).toEqual(Array.from({ length: e.shape.reduce((a, b) => a * b, 1) }, (_, i) => k + 1 + (i % 64) / 64));
    }
  });

  it("reports progress and stops on abort between chunks", async () => {
    const seen: number[] = [];
    await collect(tensors, { chunkBytes: 256, onProgress: (p: { bytesDone: number }) => seen.push(p.bytesDone) });
    expect(seen.length).toBeGreaterThan(5);
    expect(seen[seen.length - 1]).toBe((await collect(tensors)).length);
    const controller = new AbortController();
    const reason = new Error("stop");
    const parts: Uint8Array[] = [];
    const write = writeSafetensors({ write: (b) => { parts.push(b); if (parts.length === 3) controller.abort(reason); } }, tensors, { chunkBytes: 64, signal: controller.signal });
    await expect(write).rejects.toBe(reason);
  });

  it("writes to a WritableStream (copies: the stream may queue) and to a Blob", async () => {
    const want = await collect(tensors);
    const got: Uint8Array[] = [];
    const stream = new WritableStream<Uint8Array>({ write: async (c) => { await new Promise((r) => setTimeout(r, 0)); got.push(c); } }, { highWaterMark: 4 });
    await writeSafetensors(stream, tensors, { chunkBytes: 64 });
    expect(new Uint8Array(await new Blob(got as Uint8Array<ArrayBuffer>[]).arrayBuffer())).toEqual(want);
    const blob = await safetensorsBlob(tensors, { chunkBytes: 100 });
    expect(new Uint8Array(await blob.arrayBuffer())).toEqual(want);
  });

  it("writes initializer output chunk by chunk exactly as one call gives it", async () => {
    const g = new Generator(5);
    const source: TensorSource = {
      name: "w", shape: [300, 77], dtype: "bfloat16",
      fill: (out, s, e) => { normal([300, 77], { generator: g.clone(), std: 0.02, range: [s, e], dtype: "bfloat16", out: out as Uint16Array }); },
    };
    const bytes = await collect([source], { chunkBytes: 1000 });
    const header = await readSafetensorsHeader(blobSource(new Blob([bytes])));
    const data = bytes.slice(header.dataStart);
    expect(new Uint16Array(data.buffer)).toEqual(normal([300, 77], { generator: g.clone(), std: 0.02, dtype: "bfloat16" }));
    const stats = await tensorStats(blobSource(new Blob([bytes])), header, header.entries[0]);
    const ref = normal([300, 77], { generator: g.clone(), std: 0.02, dtype: "bfloat16" });
    expect(stats.max).toBe(Math.max(...Array.from(ref, bfloat16Value)));
  });
});

describe("int64 tensors (counters such as BatchNorm's num_batches_tracked)", () => {
  it("are stored as I64, 8-aligned after half tensors", async () => {
    const bytes = await collect([ramp("h", [3], "bfloat16", 0), { name: "n", shape: [], dtype: "int64", fill: (out) => { (out as BigInt64Array)[0] = -5n; } }], { chunkBytes: 64 });
    const header = await readSafetensorsHeader(blobSource(new Blob([bytes])));
    expect(header.entries[1]).toMatchObject({ name: "n", dtype: "I64", shape: [], begin: 6, end: 14 });
    expect(new DataView(bytes.buffer, header.dataStart + 6, 8).getBigInt64(0, true)).toBe(-5n);
  });
});

describe("reading refuses malformed files", () => {
  const good = (async () => collect([ramp("a", [4], "float32", 0), ramp("b", [2], "float32", 1)]))();
  const withHeader = (json: string, dataBytes: number) => {
    const text = new TextEncoder().encode(json);
    const out = new Uint8Array(8 + text.length + dataBytes);
    new DataView(out.buffer).setBigUint64(0, BigInt(text.length), true);
    out.set(text, 8);
    return out;
  };
  /** A source that records every read and fails any past the end. */
  const guarded = (bytes: Uint8Array<ArrayBuffer>): ByteSource & { reads: [number, number][] } => {
    const reads: [number, number][] = [];
    return {
      size: bytes.length, reads,
      read: async (offset, length) => {
        reads.push([offset, length]);
        if (offset + length > bytes.length) throw new Error(`read past the end: [${offset}, ${offset + length}) of ${bytes.length}`);
        return bytes.slice(offset, offset + length);
      },
    };
  };
  const cases: [string, () => Promise<Uint8Array<ArrayBuffer>>, RegExp][] = [
    ["a file shorter than 8 bytes", async () => new Uint8Array(5), /5 bytes, fewer than the 8-byte header length/],
    ["a header length past the end", async () => { const b = (await good).slice(); new DataView(b.buffer).setBigUint64(0, 10_000n, true); return b; }, /header length 10000 runs past the end of the \d+-byte file/],
    ["a header length of 2^64 - 1", async () => { const b = (await good).slice(); new DataView(b.buffer).setBigUint64(0, 2n ** 64n - 1n, true); return b; }, /header length 18446744073709551615 is over the 100000000-byte limit/],
    ["a header over 100 MB", async () => { const b = new Uint8Array(16); new DataView(b.buffer).setBigUint64(0, 100_000_001n, true); return b; }, /over the 100000000-byte limit/],
    ["non-UTF-8 header bytes", async () => withHeader("{\"a\":\xff}", 0).map((x, i) => (i === 13 ? 0xff : x)), /not valid UTF-8/],
    ["a header that is not JSON", async () => withHeader("{nope", 0), /not valid JSON/],
    ["a header that is an array", async () => withHeader("[]", 0), /not a JSON object/],
    ["an unknown dtype", async () => withHeader(`{"a":{"dtype":"F128","shape":[1],"data_offsets":[0,16]}}`, 16), /tensor "a" has dtype "F128"; expected one of BOOL/],
    ["a negative dimension", async () => withHeader(`{"a":{"dtype":"F32","shape":[-1],"data_offsets":[0,4]}}`, 4), /shape \[-1\]; expected an array of non-negative integers/],
    ["offsets that disagree with the shape", async () => withHeader(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,4]}}`, 4), /hold 4 bytes, but F32 \[2\] needs 8/],
    ["overlapping tensors", async () => withHeader(`{"a":{"dtype":"F32","shape":[2],"data_offsets":[0,8]},"b":{"dtype":"F32","shape":[1],"data_offsets":[4,8]}}`, 8), /tensor "b" at bytes \[4, 8\) overlaps the previous tensor \(which ends at 8\)/],
    ["a gap between tensors", async () => withHeader(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"b":{"dtype":"F32","shape":[1],"data_offsets":[8,12]}}`, 12), /starts at byte 8, leaving a gap after byte 4/],
    ["reversed offsets", async () => withHeader(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[4,0]}}`, 4), /data_offsets \[4,0\]; expected \[begin, end\]/],
    ["data offsets past the end of the file (truncated)", async () => (await good).slice(0, -4), /the tensors need 24 bytes of data but the file holds 20/],
    ["trailing bytes after the last tensor", async () => { const g = await good; const b = new Uint8Array(g.length + 3); b.set(g); return b; }, /3 bytes after the last tensor/],
    ["metadata that is not strings", async () => withHeader(`{"__metadata__":{"n":1}}`, 0), /__metadata__.n is not a string/],
    // the reference refuses these too (serde_json reads a BOM as an unexpected character, "1.0" and "1e0" as floats where it wants usize)
    ["a byte-order mark before the JSON", async () => withHeader(`\ufeff{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, 4), /not valid JSON/],
    ["a shape written 1.0", async () => withHeader(`{"a":{"dtype":"F32","shape":[1.0],"data_offsets":[0,4]}}`, 4), /tensor "a" has shape entry 1\.0; expected a non-negative integer/],
    ["an offset written 4e0", async () => withHeader(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4e0]}}`, 4), /data_offsets entry 4e0/],
    ["a field given twice", async () => withHeader(`{"a":{"dtype":"F32","dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, 4), /tensor "a" gives "dtype" twice/],
    // the reference keeps the last of two same-named entries; a checkpoint with two tensors of one name is refused here
    ["a tensor name twice", async () => withHeader(`{"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]},"a":{"dtype":"F32","shape":[1],"data_offsets":[0,4]}}`, 4), /tensor name "a" appears twice/],
    // serde_json's recursion limit: 127 levels pass, 128 do not (measured on safetensors 0.8)
    ["128 levels of nesting in an unread field", async () => withHeader(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":${"[".repeat(126)}${"]".repeat(126)}}}`, 0), /nests arrays and objects more than 127 levels deep/],
    ["F4 elements that do not fill a byte", async () => withHeader(`{"a":{"dtype":"F4","shape":[3],"data_offsets":[0,1]}}`, 1), /3 elements of F4 do not fill whole bytes/],
  ];
  it.each(cases)("%s", async (_label, make, message) => {
    const bytes = await make();
    const source = guarded(bytes);
    const error = await readSafetensorsHeader(source).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(SafetensorsFormatError);
    expect((error as Error).message).toMatch(message);
    for (const [offset, length] of source.reads) expect(offset + length).toBeLessThanOrEqual(bytes.length);
  });

  it("accepts 127 levels of nesting, brackets inside strings not counted", async () => {
    const h = await readSafetensorsHeader(guarded(withHeader(`{"a":{"dtype":"F32","shape":[0],"data_offsets":[0,0],"x":["[[[[",${"[".repeat(124)}${"]".repeat(124)}]}}`, 0)));
    expect(h.entries.map((e) => e.name)).toEqual(["a"]);
  });

  it("accepts null metadata, unknown entry fields, a key named like a field in metadata, and every dtype width", async () => {
    const h = await readSafetensorsHeader(guarded(withHeader(`{"__metadata__":null,"a":{"dtype":"F4","shape":[2],"data_offsets":[0,1],"x":1.5},"b":{"dtype":"C64","shape":[1],"data_offsets":[1,9]}}`, 9)));
    expect(h.entries.map((e) => [e.name, e.dtype, e.begin, e.end])).toEqual([["a", "F4", 0, 1], ["b", "C64", 1, 9]]);
    expect(h.metadata).toEqual({});
    const m = await readSafetensorsHeader(guarded(withHeader(`{"__metadata__":{"shape":"1.0","k":"v","k2":"v"}}`, 0)));
    expect(m.metadata).toEqual({ shape: "1.0", k: "v", k2: "v" });
  });

  it("accepts the good file, reading only its header to parse it", async () => {
    const bytes = await good;
    const source = guarded(bytes);
    const header = await readSafetensorsHeader(source);
    expect(header.entries.map((e) => e.name)).toEqual(["a", "b"]);
    expect(source.reads.reduce((a, [, n]) => a + n, 0)).toBe(header.dataStart);
  });
});

describe("shards", () => {
  it("split greedily in order, a tensor over the maximum alone, as huggingface_hub does", () => {
    expect(planShards([4, 4, 4, 4], 8)).toEqual([[0, 1], [2, 3]]);
    expect(planShards([4, 5, 4], 8)).toEqual([[0], [1], [2]]);
    // huggingface_hub appends an oversized tensor's shard at once and keeps filling the open one
    expect(planShards([2, 20, 2, 2], 8)).toEqual([[1], [0, 2, 3]]);
    expect(planShards([1, 1, 1], 100)).toEqual([[0, 1, 2]]);
    expect(planShards([], 100)).toEqual([[]]);
  });

  it("are named and indexed as transformers writes them", () => {
    expect(shardFileName(2, 14)).toBe("model-00002-of-00014.safetensors");
    const index = JSON.parse(shardIndexJson(["a", "b", "c"], [8, 8, 4], [[0, 1], [2]]));
    expect(index).toEqual({ metadata: { total_size: 20 }, weight_map: { a: "model-00001-of-00002.safetensors", b: "model-00001-of-00002.safetensors", c: "model-00002-of-00002.safetensors" } });
  });

  it("sizes parse as transformers parses them (GB decimal, GiB binary)", () => {
    expect(parseSize("2GB")).toBe(2e9);
    expect(parseSize("500MB")).toBe(5e8);
    expect(parseSize("1.5GiB")).toBe(1.5 * 2 ** 30);
    expect(parseSize("10kb")).toBe(10_000);
    expect(parseSize("4096")).toBe(4096);
    expect(() => parseSize("2 parsecs")).toThrow(/must look like 2GB/);
    expect(() => parseSize("0")).toThrow(/at least 1 byte/);
  });
});

describe("uniform writes through the same path", () => {
  it("float32 values land byte for byte", async () => {
    const g = new Generator(9);
    const bytes = await collect([{ name: "u", shape: [1000], dtype: "float32", fill: (out, s, e) => { uniform(1000, { generator: g.clone(), range: [s, e], out: out as Float32Array }); } }], { chunkBytes: 72 });
    const header = await readSafetensorsHeader(blobSource(new Blob([bytes])));
    expect(new Float32Array(bytes.slice(header.dataStart).buffer)).toEqual(uniform(1000, { generator: g.clone() }));
  });
});
