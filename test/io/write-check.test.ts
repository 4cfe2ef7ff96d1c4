// The writer checks every tensor and option before it writes a byte (Node and Chromium). Each case
// below used to loop forever in the chunk loop ([-1, 4], [NaN], an unknown dtype, chunkBytes NaN),
// write a file its own reader refuses ([-2, -2], [1.5], ["2"], metadata { a: 1 }), or fail deep
// inside with an engine message (shape null, no fill). Now: a TypeError or RangeError naming the
// function and the argument, and an untouched sink.

import { describe, expect, it } from "vitest";
import { writeSafetensors, saveFile, safetensorsBlob, readSafetensorsHeader, blobSource, type TensorSource } from "../../src/checkpoint.js";

const fill = (out: { fill?: unknown }) => { (out as Float32Array).fill(0); };
const t = (over: Record<string, unknown>): TensorSource => ({ name: "w", shape: [2], dtype: "float32", fill, ...over }) as TensorSource;

const CASES: [string, unknown, unknown, RegExp, "TypeError" | "RangeError"][] = [
  ["shape [-1, 4]", [t({ shape: [-1, 4] })], undefined, /tensors\[0\]\.shape must be an array of non-negative integers, got \[-1, 4\]/, "RangeError"],
  ["shape [NaN]", [t({ shape: [Number.NaN] })], undefined, /tensors\[0\]\.shape .* got \[NaN\]/, "RangeError"],
  ["shape [-2, -2]", [t({ shape: [-2, -2] })], undefined, /tensors\[0\]\.shape/, "RangeError"],
  ["shape [1.5]", [t({ shape: [1.5] })], undefined, /tensors\[0\]\.shape .* got \[1\.5\]/, "RangeError"],
  ["shape [Infinity]", [t({ shape: [Number.POSITIVE_INFINITY] })], undefined, /tensors\[0\]\.shape/, "RangeError"],
  ["shape [\"2\"]", [t({ shape: ["2"] })], undefined, /tensors\[0\]\.shape must be an array of non-negative integers, got \["2"\]/, "TypeError"],
  ["shape null", [t({ shape: null })], undefined, /tensors\[0\]\.shape must be an array .* got null/, "TypeError"],
  ["shape too large", [t({ shape: [2 ** 30, 2 ** 30] })], undefined, /tensors\[0\]\.shape must be a shape of fewer than 2\^53 bits/, "RangeError"],
  ["dtype \"float128\"", [t({ dtype: "float128" })], undefined, /tensors\[0\]\.dtype must be one of float64, .* got "float128"/, "RangeError"],
  ["dtype \"f32\" (codes are upper case)", [t({ dtype: "f32" })], undefined, /tensors\[0\]\.dtype must be one of/, "RangeError"],
  ["dtype 4", [t({ dtype: 4 })], undefined, /tensors\[0\]\.dtype must be a dtype name/, "TypeError"],
  ["F4 with an odd element count", [t({ dtype: "F4", shape: [3] })], undefined, /whole bytes/, "RangeError"],
  ["no fill", [t({ fill: undefined })], undefined, /tensors\[0\]\.fill must be a function/, "TypeError"],
  ["name 5", [t({ name: 5 })], undefined, /tensors\[0\]\.name must be a string, got 5/, "TypeError"],
  ["name __metadata__", [t({ name: "__metadata__" })], undefined, /reserved __metadata__/, "RangeError"],
  ["a name twice", [t({}), t({})], undefined, /tensors\[1\]\.name must be a name not used by an earlier tensor, got "w"/, "RangeError"],
  ["tensor null", [null], undefined, /tensors\[0\] must be an object/, "TypeError"],
  ["tensors a Map", new Map(), undefined, /tensors must be an array/, "TypeError"],
  ["chunkBytes NaN", [t({})], { chunkBytes: Number.NaN }, /options\.chunkBytes must be an integer from 1 to 2\^30, got NaN/, "RangeError"],
  ["chunkBytes 0", [t({})], { chunkBytes: 0 }, /options\.chunkBytes/, "RangeError"],
  ["chunkBytes \"1MB\"", [t({})], { chunkBytes: "1MB" }, /options\.chunkBytes must be a number/, "TypeError"],
  ["metadata { a: 1 }", [t({})], { metadata: { a: 1 } }, /options\.metadata\.a must be a string .* got 1/, "TypeError"],
  ["metadata an array", [t({})], { metadata: ["x"] }, /options\.metadata must be a plain object/, "TypeError"],
  ["an unknown option", [t({})], { chunk: 10 }, /options must be an object with keys among/, "RangeError"],
  ["signal not a signal", [t({})], { signal: {} }, /options\.signal must be an AbortSignal/, "TypeError"],
  ["onProgress not a function", [t({})], { onProgress: 1 }, /options\.onProgress must be a function/, "TypeError"],
  ["shared \"yes\"", [t({})], { shared: "yes" }, /options\.shared must be a boolean/, "TypeError"],
];

describe("writeSafetensors checks its input before a byte is written", () => {
  it.each(CASES)("%s", async (_label, tensors, options, message, kind) => {
    const writes: number[] = [];
    const error = await writeSafetensors({ write: (b) => { writes.push(b.length); } }, tensors as TensorSource[], options as never).then(() => null, (e: unknown) => e as Error);
    expect(error?.name).toBe(kind);
    expect(error?.message).toMatch(/^writeSafetensors: /);
    expect(error?.message).toMatch(message);
    expect(writes).toEqual([]);
  });

  it("saveFile names itself", async () => {
    const error = await saveFile({ write: () => undefined }, { w: { dtype: "float32", shape: [-1, 4], data: new Float32Array(4) } }).then(() => null, (e: unknown) => e as Error);
    expect(error?.message).toMatch(/^saveFile: tensors\["w"\]\.shape must be an array of non-negative integers, got \[-1, 4\]/);
  });

  it("a sink that is not a sink is refused first", async () => {
    await expect(writeSafetensors(null as never, [t({})])).rejects.toThrow(/^writeSafetensors: sink must be a \{ write\(bytes\) \} object or a WritableStream/);
  });

  it("every valid dtype word and code writes a file the reader accepts", async () => {
    const words = ["float64", "float32", "float16", "bfloat16", "int64", "int32", "int16", "int8", "uint8", "bool", "uint16", "uint32", "uint64",
      "F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0", "U16", "U32", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2"];
    const tensors = words.map((dtype, i) => ({ name: `t${i}`, shape: [4], dtype, fill: () => undefined }) as unknown as TensorSource);
    const header = await readSafetensorsHeader(blobSource(await safetensorsBlob(tensors)));
    expect(header.entries.map((e) => e.dtype)).toEqual(["F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "U16", "U32", "U64",
      "F64", "F32", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL", "F8_E4M3", "F8_E5M2", "F8_E8M0", "U16", "U32", "U64", "C64", "F4", "F6_E2M3", "F6_E3M2"]);
  });
});

describe("aborts", () => {
  it("an already aborted signal writes nothing", async () => {
    const writes: number[] = [];
    const controller = new AbortController();
    controller.abort(new Error("stop"));
    await expect(writeSafetensors({ write: (b) => { writes.push(b.length); } }, [t({})], { signal: controller.signal })).rejects.toThrow("stop");
    expect(writes).toEqual([]);
  });

  it("an abort while the sink never answers still rejects", async () => {
    const controller = new AbortController();
    const pending = writeSafetensors({ write: () => new Promise<void>(() => undefined) }, [t({ shape: [1 << 16] })], { signal: controller.signal, chunkBytes: 64 });
    setTimeout(() => controller.abort(new Error("stalled")), 10);
    await expect(pending).rejects.toThrow("stalled");
  });
});
