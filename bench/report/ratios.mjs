// Ratios within one run: for each workload and size, how many times faster the group's
// reference row (the first nninit SIMD row) is than each row: ratio = row median / reference median.

export function addRatios(rows) {
  const groups = new Map(); // (Map.groupBy needs Node 21)
  for (const r of rows) {
    const key = `${r.workload}|${r.n}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  for (const group of groups.values()) {
    const ref = group.find((r) => r.primary && Number.isFinite(r.median));
    for (const r of group) r.ratio = ref && Number.isFinite(r.median) ? r.median / ref.median : null;
  }
  return rows;
}
