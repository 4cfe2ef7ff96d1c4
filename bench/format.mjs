// Human-readable numbers for tables, logs and the chart.

/** 1024 -> "1K", 16777216 -> "16M". */
export function formatCount(n) {
  if (n >= 1 << 20 && n % (1 << 20) === 0) return `${n / (1 << 20)}M`;
  if (n >= 1 << 10 && n % (1 << 10) === 0) return `${n / (1 << 10)}K`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)}M`;
  return String(n);
}

/** Seconds with a unit that keeps three significant digits. */
export function formatTime(s) {
  if (!Number.isFinite(s)) return "—";
  if (s >= 1) return `${s.toFixed(2)} s`;
  if (s >= 1e-3) return `${(s * 1e3).toPrecision(3)} ms`;
  if (s >= 1e-6) return `${(s * 1e6).toPrecision(3)} µs`;
  return `${(s * 1e9).toPrecision(3)} ns`;
}

/** Elements per second: "245 M/s", "1.20 G/s". */
export function formatRate(r) {
  if (!Number.isFinite(r)) return "—";
  if (r >= 1e9) return `${(r / 1e9).toPrecision(3)} G/s`;
  if (r >= 1e6) return `${(r / 1e6).toPrecision(3)} M/s`;
  if (r >= 1e3) return `${(r / 1e3).toPrecision(3)} K/s`;
  return `${r.toPrecision(3)} /s`;
}

/** A speed ratio: "12.3×", "0.45×". */
export function formatRatio(x) {
  if (!Number.isFinite(x)) return "—";
  return x >= 100 ? `${Math.round(x)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`;
}
