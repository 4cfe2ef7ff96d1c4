// Property-based fuzzing of the reader: valid files mutated at the byte level (header length,
// header bytes, data length) and at the JSON level (offsets, shapes, dtypes, fields, metadata,
// duplicates, a BOM, number spellings). For every case: no crash (only SafetensorsFormatError),
// no hang (the whole run is timed by vitest), a message naming the file, and the same accept /
// reject decision as the reference reader (safetensors 0.8's safe_open), live when the reference
// venv is there, else against the committed corpus of its decisions
// (fixtures/fuzz-corpus.json; NNINIT_WRITE_FUZZ_CORPUS=1 rewrites it from a live run).

import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeHeader, readSafetensorsHeader, bytesSource, SafetensorsFormatError } from "../../src/checkpoint.js";
import { hasModules, runReference } from "../python/venv.js";

const SCRIPT = fileURLToPath(new URL("./reference_io.py", import.meta.url));
const CORPUS = fileURLToPath(new URL("./fixtures/fuzz-corpus.json", import.meta.url));
const LIVE = hasModules("safetensors", "numpy", "torch");
const RUNS = 400;

/** Valid files to mutate: small, mixed dtypes, with and without metadata. */
function base(k: number): Uint8Array {
  const layouts = [
    [{ name: "a", dtype: "F32", shape: [2, 2] }, { name: "b", dtype: "BF16", shape: [3] }],
    [{ name: "w", dtype: "F16", shape: [1] }, { name: "e", dtype: "I64", shape: [0] }, { name: "s", dtype: "U8", shape: [] }],
    [{ name: "x", dtype: "F4", shape: [4] }, { name: "y", dtype: "F64", shape: [1, 1] }],
  ] as const;
  const { bytes, entries } = encodeHeader(layouts[k].map((t) => ({ ...t, shape: [...t.shape] })), k === 1 ? {} : { format: "pt" });
  const data = entries.length ? entries[entries.length - 1].end : 0;
  const out = new Uint8Array(bytes.length + data);
  out.set(bytes);
  for (let i = bytes.length; i < out.length; i++) out[i] = (i * 31) & 255;
  return out;
}

function split(file: Uint8Array): { header: string; data: Uint8Array } {
  const n = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(0, true));
  return { header: new TextDecoder().decode(file.subarray(8, 8 + n)), data: file.subarray(8 + n) };
}

function join8(header: Uint8Array, data: Uint8Array, length = BigInt(header.length)): Uint8Array {
  const out = new Uint8Array(8 + header.length + data.length);
  new DataView(out.buffer).setBigUint64(0, length, true);
  out.set(header, 8);
  out.set(data, 8 + header.length);
  return out;
}

const enc = (s: string) => new TextEncoder().encode(s);

/** Text-level edits of the header JSON. */
const jsonEdit = fc.oneof(
  fc.record({ kind: fc.constant("offset"), which: fc.nat(5), value: fc.oneof(fc.nat(64), fc.constantFrom(-1, 2 ** 53, 1e20)) }),
  fc.record({ kind: fc.constant("dim"), which: fc.nat(5), value: fc.oneof(fc.nat(8), fc.constantFrom(-1, 0.5, 2 ** 40)) }),
  fc.record({ kind: fc.constant("dtype"), which: fc.nat(5), value: fc.constantFrom("F32", "F16", "BF16", "I8", "F4", "F6_E2M3", "F8_E8M0", "C64", "U64", "f32", "F128", "", "BOOL") }),
  fc.record({ kind: fc.constant("drop"), which: fc.nat(5), value: fc.constantFrom("dtype", "shape", "data_offsets") }),
  fc.record({ kind: fc.constant("text"), which: fc.nat(5), value: fc.constantFrom("1.0", "1e0", "01", "-0", "true", "null", "\"1\"", "[]", "{}") }),
  fc.record({ kind: fc.constant("meta"), which: fc.nat(0), value: fc.constantFrom("null", "1", "[]", "{\"a\":1}", "{\"a\":\"b\"}", "{\"a\":null}") }),
  fc.record({ kind: fc.constant("wrap"), which: fc.nat(0), value: fc.constantFrom("\ufeff", " ", "\n", "\t", "\u0000", "x", "[") }),
  fc.record({ kind: fc.constant("extra"), which: fc.nat(5), value: fc.constantFrom("\"x\":1", "\"x\":1.5", "\"dtype\":\"F32\"", "\"shape\":[1]", `"x":${"[".repeat(125)}${"]".repeat(125)}`, `"x":${"[".repeat(126)}${"]".repeat(126)}`) }),
);

/** One mutated file (and what was done, for failure messages). */
const mutated = fc.record({
  k: fc.nat(2),
  mutation: fc.oneof(
    fc.record({ kind: fc.constant("none") }),
    fc.record({ kind: fc.constant("byte"), at: fc.nat(400), value: fc.nat(255) }),
    fc.record({ kind: fc.constant("length"), delta: fc.integer({ min: -16, max: 16 }) }),
    fc.record({ kind: fc.constant("huge-length"), value: fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }) }),
    fc.record({ kind: fc.constant("data"), delta: fc.integer({ min: -8, max: 8 }) }),
    fc.record({ kind: fc.constant("json"), edit: jsonEdit }),
  ),
}).map(({ k, mutation }) => ({ label: JSON.stringify({ k, mutation }, (_, v) => (typeof v === "bigint" ? `${v}n` : v)), bytes: mutate(base(k), mutation as Mutation) }));

type Mutation = { kind: string; at?: number; value?: unknown; delta?: number; edit?: { kind: string; which: number; value: unknown } };

function mutate(file: Uint8Array, m: Mutation): Uint8Array {
  const { header, data } = split(file);
  switch (m.kind) {
    case "none": return file;
    case "byte": {
      const out = file.slice();
      out[(m.at as number) % Math.min(out.length, 8 + header.length)] = m.value as number;
      return out;
    }
    case "length": return join8(enc(header), data, BigInt(Math.max(0, header.length + (m.delta as number))));
    case "huge-length": return join8(enc(header), data, m.value as bigint);
    case "data": {
      const d = m.delta as number;
      return join8(enc(header), d < 0 ? data.subarray(0, Math.max(0, data.length + d)) : Uint8Array.from([...data, ...new Uint8Array(d)]));
    }
    default: return join8(enc(editJson(header, m.edit as NonNullable<Mutation["edit"]>)), data);
  }
}

function editJson(text: string, e: { kind: string; which: number; value: unknown }): string {
  const obj = JSON.parse(text) as Record<string, Record<string, unknown>>;
  const names = Object.keys(obj).filter((n) => n !== "__metadata__");
  const name = names[e.which % names.length];
  const t = obj[name];
  const v = e.value;
  switch (e.kind) {
    case "offset": (t.data_offsets as number[])[e.which % 2] = v as number; return JSON.stringify(obj);
    case "dim": {
      const shape = t.shape as number[];
      if (shape.length === 0) shape.push(v as number); else shape[e.which % shape.length] = v as number;
      return JSON.stringify(obj);
    }
    case "dtype": t.dtype = v; return JSON.stringify(obj);
    case "drop": delete t[v as string]; return JSON.stringify(obj);
    case "text": { // replace the first number of this tensor's shape or offsets with a spelling
      const key = JSON.stringify(name);
      const at = text.indexOf(key);
      const field = e.which % 2 ? "\"data_offsets\":[" : "\"shape\":[";
      const f = text.indexOf(field, at);
      if (f < 0) return text;
      const s = f + field.length;
      const end = s + (/^\d+/.exec(text.slice(s))?.[0].length ?? 0);
      return text.slice(0, s) + (v as string) + text.slice(end);
    }
    case "meta": return `{"__metadata__":${v as string},${text.trimEnd().slice(1).replace(/^"__metadata__":\{[^}]*\},/, "")}`;
    case "wrap": return (v as string) === "[" ? `[${text}]` : (e.which % 2 ? `${text.trimEnd()}${v as string}` : `${v as string}${text}`);
    case "extra": { // a field inside the tensor's object, or a second entry of the same name
      const key = JSON.stringify(name);
      const at = text.indexOf(`${key}:{`) + key.length + 2;
      return (v as string) === "\"shape\":[1]" && e.which % 2 ? `${text.trimEnd().slice(0, -1)},${key}:${JSON.stringify(t)}}` : `${text.slice(0, at)}${v as string},${text.slice(at)}`;
    }
  }
  return text;
}

/** nninit's decision on one file: accepted, or refused with a message (a crash fails the test). */
async function decide(bytes: Uint8Array, name: string): Promise<{ ok: boolean; message?: string }> {
  try {
    await readSafetensorsHeader(bytesSource(bytes, name));
    return { ok: true };
  } catch (e) {
    if (!(e instanceof SafetensorsFormatError)) throw new Error(`${name}: crashed with ${(e as Error)?.stack ?? e}`);
    return { ok: false, message: e.message };
  }
}

/** Where nninit may differ from the reference: a tensor name given twice (the reference keeps the last; nninit refuses). */
const allowedDifference = (ours: { ok: boolean; message?: string }, reference: boolean) => !ours.ok && reference && /tensor name .* appears twice/.test(ours.message ?? "");

interface CorpusCase { label: string; hex: string; accept: boolean }

describe("fuzzing the reader", () => {
  const cases = fc.sample(mutated, { seed: 20261206, numRuns: RUNS });

  it("never crashes, names the file, and decides as the reference does", async () => {
    let corpus: CorpusCase[];
    if (LIVE) {
      const dir = mkdtempSync(join(tmpdir(), "nninit-fuzz-"));
      const paths = cases.map((c, i) => { const p = join(dir, `case-${i}.safetensors`); writeFileSync(p, c.bytes); return p; });
      const verdict = JSON.parse(runReference(SCRIPT, ["decide"], paths.join("\n"))) as Record<string, boolean>;
      corpus = cases.map((c, i) => ({ label: c.label, hex: Buffer.from(c.bytes).toString("hex"), accept: verdict[paths[i]] }));
      if (process.env.NNINIT_WRITE_FUZZ_CORPUS) writeFileSync(CORPUS, `${JSON.stringify(corpus, null, 0).replace(/\},\{/g, "},\n{")}\n`);
    } else {
      corpus = JSON.parse(readFileSync(CORPUS, "utf8")) as CorpusCase[];
    }
    const differ: string[] = [];
    let accepted = 0;
    for (const [i, c] of corpus.entries()) {
      const name = `fuzz-${i}.safetensors`;
      const ours = await decide(Buffer.from(c.hex, "hex"), name);
      if (!ours.ok) expect(ours.message?.startsWith(`${name}: `)).toBe(true);
      if (ours.ok) accepted++;
      if (ours.ok !== c.accept && !allowedDifference(ours, c.accept)) differ.push(`${c.label}: nninit ${ours.ok ? "accepts" : `refuses (${ours.message})`}, the reference ${c.accept ? "accepts" : "refuses"}`);
    }
    expect(differ).toEqual([]);
    // the mutations reach both sides of the decision
    expect(accepted).toBeGreaterThan(corpus.length / 8);
    expect(accepted).toBeLessThan(corpus.length * 0.9);
  }, 60_000);

  it("the committed corpus is the live run's (same cases, same decisions)", () => {
    const corpus = JSON.parse(readFileSync(CORPUS, "utf8")) as CorpusCase[];
    expect(corpus.map((c) => c.hex)).toEqual(cases.map((c) => Buffer.from(c.bytes).toString("hex")));
  });
});
