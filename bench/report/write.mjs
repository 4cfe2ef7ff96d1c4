// Writes a run's evidence: <name>.md, <name>.json, <name>.svg, plus a dated copy of the page
// for full runs, so earlier results stay comparable in git history and on disk.

import { mkdirSync, writeFileSync } from "node:fs";
import { markdown } from "./markdown.mjs";
import { svg } from "./svg.mjs";

const DIR = new URL("../results/", import.meta.url);

export function writeResults(report) {
  mkdirSync(DIR, { recursive: true });
  const page = markdown(report);
  const files = {
    [`${report.name}.md`]: page,
    [`${report.name}.json`]: `${JSON.stringify(report, null, 1)}\n`,
    [`${report.name}.svg`]: svg(report),
  };
  if (report.name === "latest") files[`${report.machine.date.slice(0, 10)}.md`] = page.replace(/^!\[.*\]\(latest\.svg\)\n\n/m, ""); // latest.svg will move on
  for (const [name, text] of Object.entries(files)) writeFileSync(new URL(name, DIR), text);
  return { page, files: Object.keys(files).map((f) => `bench/results/${f}`) };
}
