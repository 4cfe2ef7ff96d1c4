// mt19937 as PyTorch's CPU generator runs it (aten/src/ATen/core/MT19937RNGEngine.h): 624 words
// of state, twisted when all are used, each output tempered. The state lives in caller memory
// (624 u32 at `state`); `next` is the index of the next state word to temper, 624 meaning "twist
// first" (torch's `left_ == 1`). Kernels take `next` and return the new one: nothing is kept in
// wasm globals, so any number of generators share one instance.
// see: Matsumoto & Nishimura (1998), mt19937ar.c genrand_int32.

export const MT_N: i32 = 624;
const MT_M: i32 = 397;
const MATRIX_A: u32 = 0x9908b0df;
const UPPER: u32 = 0x80000000;
const LOWER: u32 = 0x7fffffff;

// @ts-ignore: decorator
@inline function twistWord(cur: u32, nxt: u32, far: u32): u32 {
  let y = (cur & UPPER) | (nxt & LOWER);
  return far ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
}

/** The scalar twist: state[i] = state[i + 397] ^ twist(state[i], state[i + 1]), indices mod 624. */
export function twistScalar(s: usize): void {
  for (let i = 0; i < MT_N; i++) {
    let far = i < MT_N - MT_M ? i + MT_M : i + MT_M - MT_N;
    let nxt = i + 1 < MT_N ? i + 1 : 0;
    store<u32>(s + (<usize>i << 2), twistWord(load<u32>(s + (<usize>i << 2)), load<u32>(s + (<usize>nxt << 2)), load<u32>(s + (<usize>far << 2))));
  }
}

const UPPER_V = memory.data<u32>([UPPER, UPPER, UPPER, UPPER], 16);
const LOWER_V = memory.data<u32>([LOWER, LOWER, LOWER, LOWER], 16);
const MATRIX_A_V = memory.data<u32>([MATRIX_A, MATRIX_A, MATRIX_A, MATRIX_A], 16);
const ONE_V = memory.data<u32>([1, 1, 1, 1], 16);

// @ts-ignore: decorator
@inline function twistVector(cur: v128, nxt: v128, far: v128): v128 {
  let y = v128.or(v128.and(cur, v128.load(UPPER_V)), v128.and(nxt, v128.load(LOWER_V)));
  let odd = i32x4.sub(i32x4.splat(0), v128.and(y, v128.load(ONE_V)));
  return v128.xor(v128.xor(far, i32x4.shr_u(y, 1)), v128.and(odd, v128.load(MATRIX_A_V)));
}

/**
 * The twist, 4 words at a time where the words it reads are known: for i < 227 it reads
 * state[i + 1] (old) and state[i + 397] (old, not yet rewritten); for 227 <= i < 623 it reads
 * state[i + 1] (old) and state[i - 227] (already rewritten, at least 227 words back, so a vector
 * of 4 never reads its own lanes). Word 623 reads state[0] (new) and is done alone. Same words,
 * same order of dependencies as twistScalar, so the same result.
 *   i:    0 .. 223 (56 vectors) | 224 225 226 (scalar) | 227 .. 622 (99 vectors) | 623 (scalar)
 */
export function twist(s: usize): void {
  if (ASC_FEATURE_SIMD) {
    let i = 0;
    for (; i + 4 <= MT_N - MT_M; i += 4) {
      let at = s + (<usize>i << 2);
      v128.store(at, twistVector(v128.load(at), v128.load(at, 4), v128.load(at, MT_M << 2)));
    }
    for (; i < MT_N - MT_M; i++) {
      let at = s + (<usize>i << 2);
      store<u32>(at, twistWord(load<u32>(at), load<u32>(at, 4), load<u32>(at, MT_M << 2)));
    }
    for (; i + 4 <= MT_N - 1; i += 4) {
      let at = s + (<usize>i << 2);
      v128.store(at, twistVector(v128.load(at), v128.load(at, 4), v128.load(at - ((MT_N - MT_M) << 2))));
    }
    for (; i < MT_N - 1; i++) {
      let at = s + (<usize>i << 2);
      store<u32>(at, twistWord(load<u32>(at), load<u32>(at, 4), load<u32>(at - ((MT_N - MT_M) << 2))));
    }
    let last = s + (<usize>(MT_N - 1) << 2);
    store<u32>(last, twistWord(load<u32>(last), load<u32>(s), load<u32>(s + (<usize>(MT_M - 1) << 2))));
  } else {
    twistScalar(s);
  }
}

// @ts-ignore: decorator
@inline export function temper(y: u32): u32 {
  y ^= y >>> 11;
  y ^= (y << 7) & 0x9d2c5680;
  y ^= (y << 15) & 0xefc60000;
  return y ^ (y >>> 18);
}

const TEMPER_B_V = memory.data<u32>([0x9d2c5680, 0x9d2c5680, 0x9d2c5680, 0x9d2c5680], 16);
const TEMPER_C_V = memory.data<u32>([0xefc60000, 0xefc60000, 0xefc60000, 0xefc60000], 16);

// @ts-ignore: decorator
@inline function temperVector(y: v128): v128 {
  y = v128.xor(y, i32x4.shr_u(y, 11));
  y = v128.xor(y, v128.and(i32x4.shl(y, 7), v128.load(TEMPER_B_V)));
  y = v128.xor(y, v128.and(i32x4.shl(y, 15), v128.load(TEMPER_C_V)));
  return v128.xor(y, i32x4.shr_u(y, 18));
}

/** Writes the next n outputs at dst (u32); returns the new `next`. */
export function words(state: usize, next: i32, dst: usize, n: i32): i32 {
  let done = 0;
  while (done < n) {
    if (next == MT_N) {
      twist(state);
      next = 0;
    }
    let k = min(n - done, MT_N - next);
    let src = state + (<usize>next << 2);
    let out = dst + (<usize>done << 2);
    let i = 0;
    if (ASC_FEATURE_SIMD) {
      for (; i + 4 <= k; i += 4) v128.store(out + (<usize>i << 2), temperVector(v128.load(src + (<usize>i << 2))));
    }
    for (; i < k; i++) store<u32>(out + (<usize>i << 2), temper(load<u32>(src + (<usize>i << 2))));
    next += k;
    done += k;
  }
  return next;
}

/** Moves past the next n outputs without computing them (only the twists run); returns `next`. */
export function skip(state: usize, next: i32, n: i32): i32 {
  while (n > 0) {
    if (next == MT_N) {
      twist(state);
      next = 0;
    }
    let k = min(n, MT_N - next);
    next += k;
    n -= k;
  }
  return next;
}
