// saveFile / loadFile / safeOpen in memory (Node and Chromium): every dtype round-trips bit for bit
// from a Map or a plain object, format "pt" is written unless the caller names a format, getSlice
// reads only the bytes spanning its selection, and a Response is read through range requests.

import { describe, expect, it } from "vitest";
import { saveFile, loadFile, safeOpen, bytesSource, type ByteSource, type SaveInput } from "../../src/checkpoint.js";
import { everyDtype } from "./every-dtype.js";

async function save(tensors: Parameters<typeof saveFile>[1], options?: Parameters<typeof saveFile>[2]): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  await saveFile({ write: (b) => { parts.push(b.slice()); } }, tensors, options);
  const out = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let at = 0;
  for (const p of parts) { out.set(p, at); at += p.length; }
  return out;
}

describe("saveFile and loadFile", () => {
  it("round-trip every dtype bit for bit from a plain object, in insertion order", async () => {
    const tensors = everyDtype();
    const loaded = await loadFile(await save(tensors));
    expect([...loaded.keys()]).toEqual(Object.keys(tensors));
    for (const [name, t] of Object.entries(tensors)) {
      const got = loaded.get(name);
      expect(got?.shape).toEqual(t.shape);
      expect(got?.data.constructor).toBe("data" in t ? t.data.constructor : undefined);
      expect(new Uint8Array(got?.data.buffer ?? new ArrayBuffer(0))).toEqual(new Uint8Array((t as { data: ArrayBufferView }).data.buffer));
    }
    expect(loaded.get("bf16")?.dtype).toBe("BF16");
    expect(loaded.get("bool")?.dtype).toBe("BOOL");
  });

  it("take a Map and lazy sources; write format pt unless given", async () => {
    const map = new Map<string, SaveInput>([
      ["a", { shape: [2], data: Float32Array.from([1, 2]) }],
      ["b", { dtype: "float32", shape: [3], fill: (out) => { (out as Float32Array).fill(5); } }],
    ]);
    const file = await safeOpen(await save(map, { metadata: { note: "x" } }));
    expect(file.keys()).toEqual(["a", "b"]);
    expect(file.metadata()).toEqual({ format: "pt", note: "x" });
    expect([...(await file.getTensor("b")).data]).toEqual([5, 5, 5]);
    expect((await safeOpen(await save(map))).metadata()).toEqual({ format: "pt" });
    expect((await safeOpen(await save(map, { metadata: { format: "np" } }))).metadata()).toEqual({ format: "np" });
  });

  it("refuse data that does not match its dtype or shape", async () => {
    const refuse = (t: unknown) => save(t as never).then(() => "", (e: Error) => e.message);
    expect(await refuse({ w: { shape: [2], data: new Uint16Array(2) } })).toMatch(/^saveFile: tensors\["w"\]\.dtype must be given for a Uint16Array/);
    expect(await refuse({ w: { dtype: "float32", shape: [2], data: new Uint16Array(2) } })).toMatch(/a Uint16Array, which cannot hold F32 elements/);
    expect(await refuse({ w: { shape: [3], data: new Float32Array(2) } })).toMatch(/holds 8 bytes, but F32 \[3\] needs 12/);
    expect(await refuse({ w: { shape: [2], data: [1, 2] } })).toMatch(/data must be a typed array/);
    expect(await refuse({ w: null })).toMatch(/tensors\["w"\] must be/);
    expect(await refuse(null)).toMatch(/^saveFile: tensors must be a Map or a plain object/);
  });
});

describe("safeOpen", () => {
  const counting = (bytes: Uint8Array): ByteSource & { read_bytes: number } => {
    const inner = bytesSource(bytes);
    const s = { size: inner.size, read_bytes: 0, read: async (o: number, n: number) => { s.read_bytes += n; return inner.read(o, n); } };
    return s;
  };

  it("getSlice reads only the rows asked for, and gathers columns", async () => {
    const data = Float32Array.from({ length: 1000 * 8 }, (_, i) => i);
    const bytes = await save({ big: { shape: [1000, 8], data }, after: { shape: [1], data: new Float32Array(1) } });
    const source = counting(bytes);
    const file = await safeOpen(source);
    const headerBytes = source.read_bytes;
    const rows = await file.getSlice("big").get([10, 12]);
    expect(rows.shape).toEqual([2, 8]);
    expect([...rows.data]).toEqual([...data.subarray(80, 96)]);
    expect(source.read_bytes - headerBytes).toBe(2 * 8 * 4);
    const cell = await file.getSlice("big").get(-1, [2, 4]);
    expect(cell.shape).toEqual([2]);
    expect([...cell.data]).toEqual([999 * 8 + 2, 999 * 8 + 3]);
    const col = await file.getSlice("big").get([0, 3], [7]);
    expect([...col.data]).toEqual([7, 15, 23]);
    expect(() => file.getSlice("nope")).toThrow(/^getSlice: no tensor "nope"/);
    await expect(file.getSlice("big").get(1000)).rejects.toThrow(/index 1000 is out of range for dimension 0 of size 1000/);
  });

  it("reads a Blob and a Response", async () => {
    const bytes = await save(everyDtype());
    expect((await safeOpen(new Blob([bytes]))).keys()).toContain("bf16");
    expect((await loadFile(new Response(bytes))).get("i8")?.data).toEqual(Int8Array.from([-128, 0, 127]));
  });

  it("names the file in format errors (a File's name)", async () => {
    const bad = new File([new Uint8Array(5)], "broken.safetensors");
    await expect(safeOpen(bad)).rejects.toThrow(/^broken\.safetensors: not a safetensors file: 5 bytes/);
  });
});
