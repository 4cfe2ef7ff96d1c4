// Where and when a run happened: the facts a reader needs to weigh its numbers.

import os from "node:os";
import { readFileSync } from "node:fs";

function cpuinfo() {
  try {
    const text = readFileSync("/proc/cpuinfo", "utf8");
    const field = (name) => text.match(new RegExp(`^${name}\\s*:\\s*(.*)$`, "m"))?.[1];
    return { model: field("model name"), family: field("cpu family"), modelNumber: field("model"), flags: field("flags") ?? "" };
  } catch {
    return {};
  }
}

export function machine() {
  const info = cpuinfo();
  const model = info.model ?? os.cpus()[0]?.model ?? "unknown CPU";
  return {
    cpu: info.family ? `${model} (family ${info.family}, model ${info.modelNumber})` : model,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    avx512: /\bavx512f\b/.test(info.flags ?? ""),
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    v8: process.versions.v8,
    date: new Date().toISOString(),
  };
}

export const loadAverage = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
