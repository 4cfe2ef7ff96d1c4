// Runs the torch kernels (assembly/torch.entry.ts) on a generator's mt19937 state: the 624 state
// words are copied into wasm memory, the kernel runs window by window, the outputs are copied
// into the caller's array and the state is copied back. Wasm memory stays at one window whatever
// the fill size. These functions trust their arguments (the public functions checked them).

import { torch, TORCH_STATE_BYTES, TORCH_WINDOW_ELEMENTS, type TorchKernels } from "../wasm/torch.js";

/** An mt19937 position: the 624 state words and the index of the next word (624: twist first). */
export interface MtState {
  mt: Uint32Array;
  next: number;
}

/** A kernel session: the state is in wasm memory between `open` and `close`. */
class Session {
  readonly k: TorchKernels;
  readonly state: number;
  readonly out: number;
  next: number;

  constructor(readonly st: MtState, k: TorchKernels = torch.current()) {
    this.k = k;
    this.state = k.window;
    this.out = k.window + TORCH_STATE_BYTES;
    new Uint32Array(k.exports.memory.buffer, this.state, 624).set(st.mt);
    this.next = st.next;
  }

  close(): void {
    this.st.mt.set(new Uint32Array(this.k.exports.memory.buffer, this.state, 624));
    this.st.next = this.next;
  }

  f32(n: number): Float32Array {
    return new Float32Array(this.k.exports.memory.buffer, this.out, n);
  }

  u32(n: number): Uint32Array {
    return new Uint32Array(this.k.exports.memory.buffer, this.out, n);
  }

  skip(n: number): void {
    for (let left = n; left > 0;) {
      const step = Math.min(left, 1 << 30);
      this.next = this.k.exports.torch_skip(this.state, this.next, step);
      left -= step;
    }
  }
}

function session<T>(st: MtState, k: TorchKernels | undefined, f: (s: Session) => T): T {
  const s = new Session(st, k);
  try {
    return f(s);
  } finally {
    s.close();
  }
}

/** Moves past n outputs (only the twists run: about 0.4 ns a word). */
export function skipWords(st: MtState, n: number, k?: TorchKernels): void {
  session(st, k, (s) => s.skip(n));
}

/** The next out.length outputs (torch `random()`). */
export function drawWords(st: MtState, out: Uint32Array, k?: TorchKernels): void {
  session(st, k, (s) => {
    for (let done = 0; done < out.length;) {
      const n = Math.min(TORCH_WINDOW_ELEMENTS, out.length - done);
      s.next = s.k.exports.torch_words(s.state, s.next, s.out, n);
      out.set(s.u32(n), done);
      done += n;
    }
  });
}

/**
 * uniform_ of a tensor of `numel` elements, elements [start, end) into out: one word per element,
 * x * range + from in float32 (fused: one fma, the AVX2 build). Draws numel words.
 */
export function fillUniform(st: MtState, numel: number, start: number, end: number, out: Float32Array,
  from: number, range: number, fused: boolean, k?: TorchKernels): void {
  session(st, k, (s) => {
    s.skip(start);
    for (let done = 0; done < end - start;) {
      const n = Math.min(TORCH_WINDOW_ELEMENTS, end - start - done);
      s.next = s.k.exports.torch_uniform(s.state, s.next, s.out, n, from, range, fused ? 1 : 0);
      out.set(s.f32(n), done);
      done += n;
    }
    s.skip(numel - end);
  });
}

/**
 * normal_ of a contiguous float32 tensor of numel >= 16 elements, elements [start, end) into out.
 * torch draws numel uniforms, transforms them 16 at a time, and when numel % 16 != 0 draws 16
 * more for the last 16 slots and redoes them: so element i < numel - 16 comes from block
 * floor(i / 16) of the words, the last 16 elements from words [numel, numel + 16), and words
 * [16 floor(numel / 16), numel) are drawn but unused. Draws numel (+ 16 when numel % 16 != 0).
 */
export function fillNormal(st: MtState, numel: number, start: number, end: number, out: Float32Array,
  mean: number, std: number, fused: boolean, k?: TorchKernels): void {
  const tail = numel % 16 !== 0;
  const main = tail ? numel - 16 : numel; // elements [0, main) come from the blocks in place
  session(st, k, (s) => {
    let word = 0;
    // Blocks holding elements [start, min(end, main)).
    const stop = Math.min(end, main);
    if (start < stop) {
      const first = Math.floor(start / 16), last = Math.ceil(stop / 16);
      s.skip(first * 16);
      word = first * 16;
      for (let b = first; b < last;) {
        const blocks = Math.min(TORCH_WINDOW_ELEMENTS / 16, last - b);
        s.next = s.k.exports.torch_normal(s.state, s.next, s.out, blocks, mean, std, fused ? 1 : 0);
        const lo = Math.max(start, b * 16), hi = Math.min(stop, (b + blocks) * 16);
        out.set(s.f32(blocks * 16).subarray(lo - b * 16, hi - b * 16), lo - start);
        b += blocks;
        word = b * 16;
      }
    }
    s.skip(numel - word);
    if (tail) {
      s.next = s.k.exports.torch_normal(s.state, s.next, s.out, 1, mean, std, fused ? 1 : 0);
      const lo = Math.max(start, main), hi = Math.min(end, numel);
      if (lo < hi) out.set(s.f32(16).subarray(lo - main, hi - main), lo - start);
    }
  });
}

/** Blocks of words skipped rather than computed between two needed blocks (a kernel call costs more). */
const GAP_BLOCKS = 4;

/**
 * A whole-tensor normal_ of numel >= 16 elements of which only the elements at `idx[0..count)`
 * (sorted, ascending) are wanted: `vals[k]` gets element idx[k]. The generator moves exactly as
 * fillNormal's (numel words, + 16 when numel % 16 != 0), but only the 16-blocks holding wanted
 * elements are transformed; the others are skipped. trunc_normal_'s redraws (torch >= 2.12) use
 * it: each redraw is a whole-tensor normal_ of which a few percent are kept.
 */
export function fillNormalAt(st: MtState, numel: number, idx: Int32Array, count: number, vals: Float32Array,
  mean: number, std: number, fused: boolean, k?: TorchKernels): void {
  const tail = numel % 16 !== 0;
  const main = tail ? numel - 16 : numel;
  const windowBlocks = TORCH_WINDOW_ELEMENTS / 16;
  session(st, k, (s) => {
    const view = s.f32(TORCH_WINDOW_ELEMENTS); // one view for the session: a redraw may need thousands of short calls
    let word = 0, i = 0;
    while (i < count && idx[i] < main) {
      const first = idx[i] >> 4;
      let last = first, j = i;
      while (j < count && idx[j] < main) {
        const b = idx[j] >> 4;
        if (b - last > GAP_BLOCKS || b - first >= windowBlocks) break;
        last = b;
        j++;
      }
      s.skip(first * 16 - word);
      const blocks = last - first + 1;
      s.next = s.k.exports.torch_normal(s.state, s.next, s.out, blocks, mean, std, fused ? 1 : 0);
      const base = first * 16;
      for (; i < j; i++) vals[i] = view[idx[i] - base];
      word = (last + 1) * 16;
    }
    s.skip(numel - word);
    if (tail) {
      s.next = s.k.exports.torch_normal(s.state, s.next, s.out, 1, mean, std, fused ? 1 : 0);
      for (; i < count; i++) vals[i] = view[idx[i] - main];
    }
  });
}
