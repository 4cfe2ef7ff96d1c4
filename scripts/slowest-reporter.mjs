// A vitest reporter that prints, on stderr at the end of a run, the test files that took longest
// (import + setup + tests + hooks, per project; not the time a file waited for a worker or a
// browser page), so CI logs say where the time goes. .ci/run
// adds it beside the default and JSON reporters: `--reporter=./scripts/slowest-reporter.mjs`.
const SHOWN = 12;

export default class SlowestReporter {
  rows = [];

  onTestModuleEnd(module) {
    const d = module.diagnostic();
    const seconds = (d.collectDuration + d.setupDuration + d.duration) / 1000;
    this.rows.push({ seconds, file: module.relativeModuleId, project: module.project.name });
  }

  onTestRunEnd() {
    const total = this.rows.reduce((s, r) => s + r.seconds, 0);
    const lines = [...this.rows].sort((a, b) => b.seconds - a.seconds).slice(0, SHOWN)
      .map((r) => `${r.seconds.toFixed(1).padStart(7)} s  ${r.project.padEnd(13)} ${r.file}`);
    process.stderr.write(`\nslowest test files (of ${this.rows.length}, ${total.toFixed(0)} s in all, summed over workers):\n${lines.join("\n")}\n`);
  }
}
