// Progress of a long write on stderr: a redrawn bar on a terminal (bytes, tensors, throughput,
// ETA), plain lines at every tenth otherwise (logs, CI), nothing with --quiet.

export interface Progress {
  update(bytesDone: number, tensorsDone: number): void;
  done(): void;
}

export function formatBytes(n: number): string {
  const units = ["B", "kB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1000 && i < units.length - 1) { n /= 1000; i++; }
  return `${n.toFixed(i === 0 ? 0 : n < 10 ? 2 : n < 100 ? 1 : 0)} ${units[i]}`;
}

function formatTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

export function progress(label: string, bytesTotal: number, tensorsTotal: number, stream: NodeJS.WriteStream | null): Progress {
  if (stream === null) return { update() {}, done() {} };
  const t0 = performance.now();
  const tty = stream.isTTY === true;
  let lastDraw = 0, lastTenth = -1;
  const line = (bytes: number, tensors: number): string => {
    const seconds = (performance.now() - t0) / 1000;
    const rate = bytes / Math.max(seconds, 1e-9);
    const eta = (bytesTotal - bytes) / rate;
    return `${formatBytes(bytes)} / ${formatBytes(bytesTotal)}, ${tensors}/${tensorsTotal} tensors, ${formatBytes(rate)}/s, ETA ${formatTime(eta)}`;
  };
  return {
    update(bytes, tensors) {
      const fraction = bytesTotal > 0 ? bytes / bytesTotal : 1;
      if (tty) {
        const now = performance.now();
        if (now - lastDraw < 100 && bytes < bytesTotal) return;
        lastDraw = now;
        const width = 24, filled = Math.round(fraction * width);
        stream.write(`\r\x1b[K${label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${line(bytes, tensors)}`);
      } else {
        const tenth = Math.floor(fraction * 10);
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        stream.write(`${label}: ${(fraction * 100).toFixed(0)}% ${line(bytes, tensors)}\n`);
      }
    },
    done() {
      if (tty) stream.write("\n");
    },
  };
}
