// Cross-check with the official safetensors package (0.8, test/io/reference_io.py). Committed
// fixtures (written by safetensors.torch.save_file, safetensors.numpy.save_file and
// huggingface_hub.save_torch_state_dict, with the bytes Python read back) cover machines without
// Python; with the reference venv the same runs live, and Python reads what nninit writes: every
// dtype, one file and sharded, bit for bit.

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { saveFile, loadFile } from "../../src/checkpoint-node.js";
import { planShards, shardFileName, shardIndexJson, type SaveInput, type TensorArray } from "../../src/checkpoint.js";
import { inspect } from "../../src/cli/inspect.js";
import { hasModules, runReference } from "../python/venv.js";
import { everyDtype } from "./every-dtype.js";

const SCRIPT = fileURLToPath(new URL("./reference_io.py", import.meta.url));
const FIXTURES = fileURLToPath(new URL("./fixtures/reference/", import.meta.url));
const LIVE = hasModules("safetensors", "numpy", "torch", "huggingface_hub");

/** torch's name of each safetensors code (what reference_io.py reports). */
const TORCH_NAME: Record<string, string> = {
  F64: "float64", F32: "float32", F16: "float16", BF16: "bfloat16", I64: "int64", I32: "int32", I16: "int16", I8: "int8", U8: "uint8", BOOL: "bool",
  F8_E4M3: "float8_e4m3fn", F8_E5M2: "float8_e5m2", F8_E8M0: "float8_e8m0fnu", U16: "uint16", U32: "uint32", U64: "uint64", C64: "complex64",
};

type Read = Record<string, { error?: string; metadata: Record<string, string>; tensors: Record<string, { dtype: string; shape: number[]; hex: string }> }>;

const hex = (a: TensorArray) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString("hex");

/** nninit's reading of each file equals Python's (names, dtypes, shapes, bytes, metadata). */
async function expectSameReading(files: Read, base: string): Promise<void> {
  for (const [file, want] of Object.entries(files)) {
    expect(want.error).toBeUndefined();
    const got = await loadFile(join(base, file));
    expect([...got.keys()].sort()).toEqual(Object.keys(want.tensors).sort());
    for (const [name, t] of Object.entries(want.tensors)) {
      const g = got.get(name);
      expect({ name, dtype: TORCH_NAME[g?.dtype ?? ""], shape: g?.shape, hex: g ? hex(g.data) : "" }).toEqual({ name, dtype: t.dtype, shape: t.shape, hex: t.hex });
    }
  }
}

describe("nninit reads what the reference writes", () => {
  it("committed fixtures: torch.save_file every dtype, numpy.save_file, a sharded checkpoint", async () => {
    const { readFileSync } = await import("node:fs");
    const expected = JSON.parse(readFileSync(join(FIXTURES, "expected.json"), "utf8")) as Read;
    expect(Object.keys(expected)).toHaveLength(5);
    await expectSameReading(expected, FIXTURES);
    const report = await inspect(join(FIXTURES, "sharded"));
    expect(report.files).toHaveLength(3);
    expect(report.tensors).toHaveLength(6);
  });

  it.skipIf(!LIVE)("live: files Python writes now", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-ref-"));
    const written = JSON.parse(runReference(SCRIPT, ["write", dir])) as Read;
    await expectSameReading(written, "");
  }, 60_000);
});

/** Every dtype, including the ones torch names only (F8_E8M0, unsigned, complex64). */
function allDtypes(): Record<string, SaveInput> {
  const bytes = (n: number, k: number) => Uint8Array.from({ length: n }, (_, i) => (i * 53 + k) & 255);
  return {
    ...everyDtype(),
    f8e8m0: { dtype: "F8_E8M0", shape: [3], data: bytes(3, 5) },
    u16: { dtype: "uint16", shape: [2], data: Uint16Array.from([0, 65535]) },
    u32: { shape: [2], data: Uint32Array.from([0, 2 ** 32 - 1]) },
    u64: { shape: [2], data: BigUint64Array.from([0n, 2n ** 64n - 1n]) },
    c64: { dtype: "C64", shape: [2], data: Float32Array.from([1, -1, 0.5, 2]) },
  };
}

describe.skipIf(!LIVE)("the reference reads what nninit writes", () => {
  it("every dtype in one file, bit for bit, with format pt", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-ref-"));
    const path = join(dir, "all.safetensors");
    const tensors = allDtypes();
    await saveFile(path, tensors, { metadata: { note: "x" } });
    const read = (JSON.parse(runReference(SCRIPT, ["read", path])) as Read)[path];
    expect(read.error).toBeUndefined();
    expect(read.metadata).toEqual({ format: "pt", note: "x" });
    const back = await loadFile(path);
    for (const [name, t] of back) {
      expect({ name, dtype: read.tensors[name]?.dtype, shape: read.tensors[name]?.shape, hex: read.tensors[name]?.hex }).toEqual({ name, dtype: TORCH_NAME[t.dtype], shape: t.shape, hex: hex(t.data) });
      expect(hex(t.data)).toBe(hex((tensors[name] as unknown as { data: TensorArray }).data));
    }
  });

  it("a sharded checkpoint with its index", async () => {
    const dir = mkdtempSync(join(tmpdir(), "nninit-ref-"));
    const entries = Object.entries(allDtypes());
    const sizes = entries.map(([, t]) => (t as { data: ArrayBufferView }).data.byteLength);
    const shards = planShards(sizes, 40);
    expect(shards.length).toBeGreaterThan(3);
    const files: string[] = [];
    for (const [k, members] of shards.entries()) {
      const file = join(dir, shardFileName(k + 1, shards.length));
      await saveFile(file, new Map(members.map((i) => entries[i])));
      files.push(file);
    }
    writeFileSync(join(dir, "model.safetensors.index.json"), shardIndexJson(entries.map(([n]) => n), sizes, shards));
    const read = JSON.parse(runReference(SCRIPT, ["read", ...files])) as Read;
    const names = Object.values(read).flatMap((r) => { expect(r.error).toBeUndefined(); return Object.keys(r.tensors); });
    expect(names.sort()).toEqual(entries.map(([n]) => n).sort());
    await expectSameReading(Object.fromEntries(Object.entries(read)), "");
    expect((await inspect(dir)).tensors).toHaveLength(entries.length);
  });
});
