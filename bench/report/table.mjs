// One row of a results table, in the words and units a reader expects, and the notes that
// explain rows (peer semantics, skips, failed checks).

import { formatTime, formatRate, formatRatio } from "../format.mjs";

/** Cells for one row; `spread` is benchmark.js's ±rme with the sample count. */
export function cells(r) {
  if (!Number.isFinite(r.median)) {
    return { median: r.note ?? (r.problems?.length ? "error" : "—"), spread: "", rate: "", ratio: "", check: r.problems?.length ? "FAIL" : "" };
  }
  const spread = Number.isFinite(r.rme) ? `±${r.rme.toFixed(1)}% (n ${r.samples})` : r.timer?.startsWith("performance") ? "one call, timed directly" : "single sample";
  return {
    median: formatTime(r.median),
    spread,
    rate: formatRate(r.rate),
    ratio: r.ratio === null ? "—" : r.primary ? "1× (ref)" : formatRatio(r.ratio),
    check: r.problems.length ? "FAIL" : "ok",
  };
}

export const markdownRow = (values) => `| ${values.map((v) => String(v).replaceAll("|", "\\|")).join(" | ")} |`;

export function markdownTable(header, rows) {
  return [markdownRow(header), markdownRow(header.map(() => "---")), ...rows.map(markdownRow)].join("\n");
}

/** Distinct notes attached to rows (peer semantics such as tfjs's uncorrected truncation). */
export function rowNotes(rows) {
  return [...new Set(rows.filter((r) => r.note && Number.isFinite(r.median)).map((r) => `${r.label}: ${r.note}`))];
}

export const failures = (rows) => rows.filter((r) => r.problems?.length);
