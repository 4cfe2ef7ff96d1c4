// The exact normal and truncated-normal samplers as straight-line programs of soft-float
// operations, run by a small interpreter in the shader (exec in SOFT_PROGRAM_WGSL).
//
// Why an interpreter: a shader compiler inlines every call, so the ~60 soft-float operations of a
// Box-Muller pair, each a few hundred integer instructions, became one enormous function that
// SwiftShader had not finished compiling after 5 minutes. As data, each soft operation is
// compiled once. The integer steps between programs (a logarithm's exponent, the quadrant of an
// angle, a branch) stay in WGSL. Operations are those of test/reference/mathf.ts, in its order.

/** Opcodes: ADD, SUB, MUL, DIV (a / b), SQRT (of a). */
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, SQRT = 4;

/** Named registers: the inputs and outputs the WGSL side reads and writes. */
export const REG = {
  IX: 0, DK: 1, R: 2, RADIUS: 3, SIN: 4, COS: 5, CS: 6, SN: 7, OUT0: 8, OUT1: 9,
  U: 10, UW: 11, C: 12, M: 13, L: 14, NL: 15, RT: 16, X: 17, Y: 18,
} as const;
/** p0..p7 of the fill. */
const P = [24, 25, 26, 27, 28, 29, 30, 31];
const FIRST_CONSTANT = 32;

type Reg = number;

/** Builds the instruction list and the constant table. */
class Assembler {
  readonly code: number[] = [];
  readonly constants: number[] = [];
  private temp = 0;
  private tempBase = 0;
  maxRegister = 0;

  /** The register holding float32 bits `bits` (shared across programs). */
  k(bits: number): Reg {
    let i = this.constants.indexOf(bits >>> 0);
    if (i < 0) { i = this.constants.length; this.constants.push(bits >>> 0); }
    return FIRST_CONSTANT + i;
  }

  /** Starts a segment; returns its first instruction. Temporaries restart after the constants. */
  begin(tempBase: number): number {
    this.tempBase = tempBase;
    this.temp = 0;
    return this.code.length;
  }

  private op(code: number, a: Reg, b: Reg, dst?: Reg): Reg {
    const d = dst ?? this.tempBase + this.temp++;
    this.maxRegister = Math.max(this.maxRegister, d, a, b);
    this.code.push(((code << 24) | (d << 16) | (a << 8) | b) >>> 0);
    return d;
  }

  add = (a: Reg, b: Reg, d?: Reg) => this.op(ADD, a, b, d);
  sub = (a: Reg, b: Reg, d?: Reg) => this.op(SUB, a, b, d);
  mul = (a: Reg, b: Reg, d?: Reg) => this.op(MUL, a, b, d);
  div = (a: Reg, b: Reg, d?: Reg) => this.op(DIV, a, b, d);
  sqrt = (a: Reg, d?: Reg) => this.op(SQRT, a, a, d);
}

/** [first, end) of a segment. */
export type Segment = [number, number];

export interface Programs {
  code: number[];
  constants: number[];
  registers: number;
  segments: Record<string, Segment>;
}

function build(): Programs {
  const A = new Assembler();
  const segments: Record<string, Segment> = {};
  // Constants first (their registers are fixed before any temporary is placed).
  const c = (x: number) => A.k(x);
  const K = {
    ONE: c(0x3f800000), TWO: c(0x40000000), HALF: c(0x3f000000), MINUS_TWO: c(0xc0000000),
    LN2_HI: c(0x3f317180), LN2_LO: c(0x3717f7d1),
    LG1: c(0x3f2aaaaa), LG2: c(0x3eccce13), LG3: c(0x3e91e9ee), LG4: c(0x3e789e26),
    S: [0x40c90fdb, 0xc2255de7, 0x42a335e3, 0xc2996966, 0x42283c1a].map(c),
    C: [0xc19de9e6, 0x4281e0f8, 0xc2aae9e4, 0x4270fa83, 0xc1d368f9].map(c),
    TP: [0xbf0000f9, 0x3eaa935a, 0xbe7ef401, 0x3e51d804, 0xbe401eae, 0x3df57b69].map(c),
    CENTRAL_T: c(0x3e7522e3), CONST2: c(0x3fcccccd), SPLIT2: c(0x40a00000),
    CP: [0x40966d26, 0x4411b82a, 0x469d7976, 0x484c5eed, 0x49008409, 0x48104818].map(c),
    CQ: [0, 0x4309974b, 0x45ad75e7, 0x478eb825, 0x48856baf, 0x4837b046].map(c),
    QC: [0x3fb63331, 0x40306faa, 0x3fa742e1, 0x3e2e52ed].map(c),
    QD: [0, 0x3f3cac24, 0x3df6315c].map(c),
    QE: [0x40d50d8f, 0x404532d0, 0x3edb7c55, 0x3c8e06c1].map(c),
    QF: [0, 0x3e77c954, 0x3c48d6a1].map(c),
  };
  const tempBase = FIRST_CONSTANT + A.constants.length;
  const seg = (name: string, body: () => void) => {
    const first = A.begin(tempBase);
    body();
    segments[name] = [first, A.code.length];
  };
  const { IX, DK, R, RADIUS, SIN, COS, CS, SN, OUT0, OUT1, U, UW, C, M, L, NL, RT, X, Y } = REG;
  const { add, sub, mul, div, sqrt } = A;

  // Box-Muller, part 1: radius = sqrt(logf(u1) * -2) (IX, DK: logf's reduction, in WGSL). Part 2:
  // sinTurns / cosTurns of the remainder R. Two segments so that a probe can run either alone.
  seg("normalRadius", () => {
    const f = sub(IX, K.ONE);
    const s = div(f, add(K.TWO, f));
    const z = mul(s, s);
    const w = mul(z, z);
    const t1 = mul(w, add(K.LG2, mul(w, K.LG4)));
    const t2 = mul(z, add(K.LG1, mul(w, K.LG3)));
    const r = add(t2, t1);
    const hfsq = mul(mul(K.HALF, f), f);
    const log = add(add(sub(add(mul(s, add(hfsq, r)), mul(DK, K.LN2_LO)), hfsq), f), mul(DK, K.LN2_HI));
    sqrt(mul(log, K.MINUS_TWO), RADIUS);
  });
  seg("normalAngle", () => {
    // sinTurns: r (S1 + r2 (S3 + r2 (S5 + r2 (S7 + r2 S9)))); cosTurns: 1 + r2 (C2 + ... r2 C10).
    const r2 = mul(R, R);
    const [S1, S3, S5, S7, S9] = K.S;
    let sp = S9;
    for (const a of [S7, S5, S3, S1]) sp = add(a, mul(r2, sp));
    mul(R, sp, SIN);
    let cp = K.C[4];
    for (const a of [K.C[3], K.C[2], K.C[1], K.C[0]]) cp = add(a, mul(r2, cp));
    add(K.ONE, mul(r2, cp), COS);
  });
  // Box-Muller, part 3: mean + std (radius cosine), mean + std (radius sine).
  seg("normalB", () => {
    add(P[0], mul(P[1], mul(RADIUS, CS)), OUT0);
    add(P[0], mul(P[1], mul(RADIUS, SN)), OUT1);
  });
  // Truncated normal: c = cLo + u w.
  seg("truncC", () => { mul(U, P[7], UW); add(P[4], UW, C); });
  // The central rational: c (num(s) / den(s)), s = T - c^2.
  seg("truncCentral", () => {
    const s = sub(K.CENTRAL_T, mul(C, C));
    let num = K.CP[5], den = K.CQ[5];
    for (const a of [K.CP[4], K.CP[3], K.CP[2], K.CP[1], K.CP[0]]) num = add(mul(num, s), a);
    for (const b of [K.CQ[4], K.CQ[3], K.CQ[2], K.CQ[1], K.ONE]) den = add(mul(den, s), b);
    mul(C, div(num, den), X);
  });
  // The tail's mass m: pLo + u w below, qHi + (1 - u) w above.
  seg("truncMLow", () => { add(P[5], UW, M); });
  seg("truncMHigh", () => { add(P[6], mul(sub(K.ONE, U), P[7]), M); });
  // The tail log f + f^2 P(f) (IX, DK from m in WGSL).
  seg("truncLog", () => {
    const f = sub(IX, K.ONE);
    const f2 = mul(f, f);
    const [T0, T1, T2, T3, T4, T5] = K.TP;
    const p = add(add(mul(T1, f), T0), mul(f2, add(add(mul(T3, f), T2), mul(f2, add(mul(T5, f), T4)))));
    add(add(add(mul(f2, p), mul(DK, K.LN2_LO)), f), mul(DK, K.LN2_HI), L);
  });
  seg("truncSqrt", () => { sqrt(NL, RT); });
  seg("truncNear", () => {
    const t = sub(RT, K.CONST2);
    const [Q0, Q1, Q2, Q3] = K.QC;
    div(add(mul(add(mul(add(mul(Q3, t), Q2), t), Q1), t), Q0), add(mul(add(mul(K.QD[2], t), K.QD[1]), t), K.ONE), X);
  });
  seg("truncFar", () => {
    const t = sub(RT, K.SPLIT2);
    const [E0, E1, E2, E3] = K.QE;
    div(add(mul(add(mul(add(mul(E3, t), E2), t), E1), t), E0), add(mul(add(mul(K.QF[2], t), K.QF[1]), t), K.ONE), X);
  });
  seg("truncOut", () => { add(P[0], mul(P[1], X), Y); });
  return { code: A.code, constants: A.constants, registers: A.maxRegister + 1, segments };
}

let built: Programs | undefined;
export function programs(): Programs {
  built ??= build();
  return built;
}

const hex = (x: number) => `0x${x.toString(16)}u`;
const segment = (s: Segment) => `vec2<u32>(${s[0]}u, ${s[1]}u)`;

/**
 * The interpreter and the exact normal / truncated-normal step bodies (each reads w[0..7] and
 * writes v[0..7], like the SAMPLE bodies of shader.ts). `divide` replaces the division (tests'
 * mutation runs only).
 */
export function programWgsl(): string {
  const p = programs();
  const S = p.segments;
  return /* wgsl */ `
const PROGRAM = array<u32, ${p.code.length}>(${p.code.map(hex).join(", ")});
const CONSTANTS = array<u32, ${p.constants.length}>(${p.constants.map(hex).join(", ")});
var<private> reg: array<u32, ${p.registers}>;

// Runs instructions [seg.x, seg.y): op << 24 | dst << 16 | a << 8 | b.
fn exec(seg: vec2<u32>) {
  for (var pc = seg.x; pc < seg.y; pc = pc + 1u) {
    let ins = PROGRAM[pc];
    let x = reg[(ins >> 8u) & 0xffu];
    let y = reg[ins & 0xffu];
    var r: u32;
    switch (ins >> 24u) {
      case 0u: { r = sf_add(x, y); }
      case 1u: { r = sf_add(x, y ^ 0x80000000u); }
      case 2u: { r = sf_mul(x, y); }
      case 3u: { r = sf_div(x, y); }
      default: { r = sf_sqrt(x); }
    }
    reg[(ins >> 16u) & 0xffu] = r;
  }
}

fn load_registers() {
  for (var i = 0u; i < 8u; i = i + 1u) { reg[${P[0]}u + i] = param(i); }
  for (var i = 0u; i < ${p.constants.length}u; i = i + 1u) { reg[${FIRST_CONSTANT}u + i] = CONSTANTS[i]; }
}

// float32 bits of (word >>> 8 | 1) 2^-24, in integers (exact).
fn unit_bits(word: u32) -> u32 { return sf_from_i32(i32((word >> 8u) | 1u)) - (24u << 23u); }

// logf's reduction of x (the IX and DK registers).
fn log_reduce(x: u32) {
  let ix = x + (0x3f800000u - 0x3f3504f3u);
  reg[${REG.DK}u] = sf_from_i32((bitcast<i32>(ix) >> 23u) - 0x7f);
  reg[${REG.IX}u] = (ix & 0x007fffffu) + 0x3f3504f3u;
}

fn normal_pair(w1: u32, w2: u32) -> vec2<u32> {
  log_reduce(unit_bits(w1));
  let m = i32((w2 >> 8u) | 1u);
  let k = (m + (1 << 21u)) >> 22u;
  reg[${REG.R}u] = sf_from_i32(m - (k << 22u)) - (24u << 23u); // m is odd: never 0, exact
  // One exec call site (each is inlined): the radius, the angle, then the outputs.
  var seg = ${segment(S.normalRadius)};
  for (var phase = 0u; phase < 3u; phase = phase + 1u) {
    exec(seg);
    if (phase == 0u) { seg = ${segment(S.normalAngle)}; continue; }
    let s = reg[${REG.SIN}u]; let c = reg[${REG.COS}u];
    let odd = (k & 1) != 0;
    reg[${REG.CS}u] = select(c, s, odd) ^ (u32((k + 1) & 2) << 30u);
    reg[${REG.SN}u] = select(s, c, odd) ^ (u32(k & 2) << 30u);
    seg = ${segment(S.normalB)};
  }
  return vec2<u32>(reg[${REG.OUT0}u], reg[${REG.OUT1}u]);
}

fn trunc_one(word: u32) -> u32 {
  let u = unit_bits(word);
  reg[${REG.U}u] = u;
  var seg = ${segment(S.truncC)};
  var phase = 0u;
  var negative = false;
  loop {
    exec(seg);
    if (phase == 0u) {
      let c = reg[${REG.C}u];
      if ((c & 0x7fffffffu) <= 0x3efa825eu) { seg = ${segment(S.truncCentral)}; phase = 5u; }
      else { negative = (c & 0x80000000u) != 0u; seg = select(${segment(S.truncMHigh)}, ${segment(S.truncMLow)}, negative); phase = 1u; }
    } else if (phase == 1u) { log_reduce(reg[${REG.M}u]); seg = ${segment(S.truncLog)}; phase = 2u; }
    else if (phase == 2u) { reg[${REG.NL}u] = reg[${REG.L}u] ^ 0x80000000u; seg = ${segment(S.truncSqrt)}; phase = 3u; }
    else if (phase == 3u) {
      seg = select(${segment(S.truncFar)}, ${segment(S.truncNear)}, !f_lt(0x40a00000u, reg[${REG.RT}u]));
      phase = 4u;
    } else if (phase == 4u) { if (negative) { reg[${REG.X}u] = reg[${REG.X}u] ^ 0x80000000u; } seg = ${segment(S.truncOut)}; phase = 6u; }
    else if (phase == 5u) { seg = ${segment(S.truncOut)}; phase = 6u; }
    else { break; }
  }
  return pmin(pmax(reg[${REG.Y}u], param(2u)), param(3u));
}
`;
}
