/**
 * Node's Math.exp, log, log1p, log2, pow, sin and cos, bit for bit, for the explorer's worker.
 *
 * The last bit of these functions is not fixed by the language: V8 in Node 20 computes them with
 * the fdlibm algorithms (Sun Microsystems, 1993), while current Chromium gives a different last
 * bit for about one argument in ten. The model's results then differ after a few weeks (a logit
 * share, a Bass draw), and the explorer would not reproduce `gbsim run`. So the worker replaces
 * these seven functions with the fdlibm algorithms (log2 as FreeBSD's msun writes it) written out below in plain double arithmetic,
 * which every engine evaluates the same way (IEEE 754, round to nearest). test/reports/node-math
 * checks them against Node's own Math on many arguments; if a Node upgrade changes its libm, that
 * test fails and says so.
 *
 * Math.pow is V8's variant of fdlibm's pow (one parenthesis differs, see fdlibmPow). The `**`
 * operator is not replaced (a browser computes it natively); the model calls Math.pow.
 *
 * sin and cos reduce arguments up to 2^19·π/2 (the model's angles are below 2π); beyond that they
 * use the engine's own function.
 */

const buffer = new Float64Array(1);
const words = new Uint32Array(buffer.buffer);
/** Index of the high word (little-endian hosts, i.e. every engine this runs on, store it second). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function high(x: number): number {
  buffer[0] = x;
  return words[HI]! | 0;
}
function low(x: number): number {
  buffer[0] = x;
  return words[LO]!;
}
function withHigh(x: number, hi: number): number {
  buffer[0] = x;
  words[HI] = hi >>> 0;
  return buffer[0];
}
function withLow(x: number, lo: number): number {
  buffer[0] = x;
  words[LO] = lo >>> 0;
  return buffer[0];
}
function withLowZero(x: number): number {
  buffer[0] = x;
  words[LO] = 0;
  return buffer[0];
}
function fromWords(hi: number, lo: number): number {
  words[HI] = hi >>> 0;
  words[LO] = lo >>> 0;
  return buffer[0]!;
}

const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const TWO54 = 1.8014398509481984e16;
const LG1 = 6.666666666666735130e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

export function fdlibmLog(xIn: number): number {
  let x = xIn;
  let hx = high(x);
  const lx = low(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    if (f === 0) {
      if (k === 0) return 0;
      return k * LN2_HI + k * LN2_LO;
    }
    const R = f * f * (0.5 - 0.33333333333333333 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - k * LN2_LO - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  let i2 = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i2 |= j;
  const R = t2 + t1;
  if (i2 > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + R));
    return dk * LN2_HI - (hfsq - (s * (hfsq + R) + dk * LN2_LO) - f);
  }
  if (k === 0) return f - s * (f - R);
  return dk * LN2_HI - (s * (f - R) - dk * LN2_LO - f);
}

/** log(1 + f) − f for 1 + f in [√2/2, √2] (the kernel log2 shares with log). */
function kernelLog1p(f: number): number {
  const s = f / (2.0 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  const R = t2 + t1;
  const hfsq = 0.5 * f * f;
  return s * (hfsq + R);
}

const IVLN2HI = 1.44269504072144627571;
const IVLN2LO = 1.67517131648865118353e-10;

export function fdlibmLog2(xIn: number): number {
  let x = xIn;
  let hx = high(x);
  const lx = low(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity;
    if (hx < 0) return NaN;
    k -= 54;
    x *= TWO54;
    hx = high(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  if (hx === 0x3ff00000 && lx === 0) return 0;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  const i = (hx + 0x95f64) & 0x100000;
  x = withHigh(x, hx | (i ^ 0x3ff00000));
  k += i >> 20;
  const y = k;
  const f = x - 1.0;
  const hfsq = 0.5 * f * f;
  const r = kernelLog1p(f);
  const hi = withLowZero(f - hfsq);
  const lo = f - hi - hfsq + r;
  let valHi = hi * IVLN2HI;
  let valLo = (lo + hi) * IVLN2LO + lo * IVLN2HI;
  const w = y + valHi;
  valLo += y - w + valHi;
  valHi = w;
  return valLo + valHi;
}

export function fdlibmLog1p(x: number): number {
  const hx = high(x);
  const ax = hx & 0x7fffffff;
  let k = 1;
  let f = 0;
  let hu = 0;
  let c = 0;
  if (hx < 0x3fda827a) {
    if (ax >= 0x3ff00000) return x === -1.0 ? -Infinity : NaN;
    if (ax < 0x3e200000) {
      if (TWO54 + x > 0 && ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) {
      k = 0;
      f = x;
      hu = 1;
    }
  }
  if (hx >= 0x7ff00000) return x + x;
  if (k !== 0) {
    let u: number;
    if (hx < 0x43400000) {
      u = 1.0 + x;
      hu = high(u);
      k = (hu >> 20) - 1023;
      c = k > 0 ? 1.0 - (u - x) : x - (u - 1.0);
      c /= u;
    } else {
      u = x;
      hu = high(u);
      k = (hu >> 20) - 1023;
      c = 0;
    }
    hu &= 0x000fffff;
    if (hu < 0x6a09e) {
      u = withHigh(u, hu | 0x3ff00000);
    } else {
      k += 1;
      u = withHigh(u, hu | 0x3fe00000);
      hu = (0x00100000 - hu) >> 2;
    }
    f = u - 1.0;
  }
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    if (f === 0) {
      if (k === 0) return 0;
      c += k * LN2_LO;
      return k * LN2_HI + c;
    }
    const R = hfsq * (1.0 - 0.66666666666666666 * f);
    if (k === 0) return f - R;
    return k * LN2_HI - (R - (k * LN2_LO + c) - f);
  }
  const s = f / (2.0 + f);
  const z = s * s;
  const R = z * (LG1 + z * (LG2 + z * (LG3 + z * (LG4 + z * (LG5 + z * (LG6 + z * LG7))))));
  if (k === 0) return f - (hfsq - s * (hfsq + R));
  return k * LN2_HI - (hfsq - (s * (hfsq + R) + (k * LN2_LO + c)) - f);
}

const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.65339022054652515390e-6;
const P5 = 4.13813679705723846039e-8;
const TWOM1000 = 9.33263618503218878990e-302;

export function fdlibmExp(xIn: number): number {
  let x = xIn;
  let hx = high(x);
  const xsb = (hx >> 31) & 1;
  hx &= 0x7fffffff;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | low(x)) !== 0) return x + x;
      return xsb === 0 ? x : 0.0;
    }
    if (x > 7.09782712893383973096e2) return Infinity;
    if (x < -7.45133219101941108420e2) return 0;
  }
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    if (hx < 0x3ff0a2b2) {
      if (x === 1.0) return 2.718281828459045;
      hi = x - (xsb === 0 ? LN2_HI : -LN2_HI);
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(1.44269504088896338700 * x + (xsb === 0 ? 0.5 : -0.5));
      const t = k;
      hi = x - t * LN2_HI;
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    if (1.0e300 + x > 1) return 1 + x;
  } else {
    k = 0;
  }
  const t = x * x;
  const twopk = k >= -1021 ? fromWords(0x3ff00000 + (k << 20), 0) : fromWords(0x3ff00000 + ((k + 1000) << 20), 0);
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2.0 * 8.98846567431158e307;
    return y * twopk;
  }
  return y * twopk * TWOM1000;
}

const BP = [1.0, 1.5];
const DP_H = [0.0, 5.84962487220764160156e-1];
const DP_L = [0.0, 1.35003920212974897128e-8];
const L1 = 5.99999999999994648725e-1;
const L2 = 4.28571428578550184252e-1;
const L3 = 3.33333329818377432918e-1;
const L4 = 2.72728123808534006489e-1;
const L5 = 2.30660745775561754067e-1;
const L6 = 2.06975017800338417784e-1;
const LN2_FULL = 6.93147180559945286227e-1;
const LG2_H = 6.93147182464599609375e-1;
const LG2_L = -1.90465429995776804525e-9;
const OVT = 8.0085662595372944372e-17;
const CP = 9.61796693925975554329e-1;
const CP_H = 9.61796700954437255859e-1;
const CP_L = -7.02846165095275826516e-9;
const IVLN2 = 1.44269504088896338700;
const IVLN2_H = 1.44269502162933349609;
const IVLN2_L = 1.92596299112661746887e-8;
const OVERFLOW = Infinity;

/** x·2^n, exactly, in steps that stay normal. */
function scalbn(x: number, n: number): number {
  let y = x;
  let m = n;
  while (m > 1023) {
    y *= 8.98846567431158e307;
    m -= 1023;
  }
  while (m < -1022) {
    y *= 2.2250738585072014e-308;
    m += 1022;
  }
  return y * fromWords((0x3ff + m) << 20, 0);
}

/** For x < 0: 0 when y is not an integer, 1 when odd, 2 when even. */
function integerKind(iy: number, ly: number): number {
  if (iy >= 0x43400000) return 2;
  if (iy < 0x3ff00000) return 0;
  const k = (iy >> 20) - 0x3ff;
  if (k > 20) {
    const j = ly >>> (52 - k);
    return ((j << (52 - k)) >>> 0) === ly ? 2 - (j & 1) : 0;
  }
  if (ly !== 0) return 0;
  const j = iy >> (20 - k);
  return j << (20 - k) === iy ? 2 - (j & 1) : 0;
}

/** The special cases of x^y (NaN, infinities, ±0, ±1, y = ±1, 2, 0.5); undefined for the rest. */
function powSpecial(x: number, y: number, yisint: number): number | undefined {
  const hx = high(x);
  const lx = low(x);
  const hy = high(y);
  const ly = low(y);
  const ix = hx & 0x7fffffff;
  const iy = hy & 0x7fffffff;
  if ((iy | ly) === 0) return 1;
  if (hx === 0x3ff00000 && lx === 0) return Number.isFinite(y) ? 1 : NaN;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (ly === 0) {
    if (iy === 0x7ff00000) {
      if (((ix - 0x3ff00000) | lx) === 0) return NaN; // (±1)^±Infinity is NaN in JavaScript
      if (ix >= 0x3ff00000) return hy >= 0 ? y : 0;
      return hy < 0 ? -y : 0;
    }
    if (iy === 0x3ff00000) return hy < 0 ? 1 / x : x;
    if (hy === 0x40000000) return x * x;
    if (hy === 0x3fe00000 && hx >= 0) return Math.sqrt(x);
  }
  if (lx === 0 && (ix === 0x7ff00000 || ix === 0 || ix === 0x3ff00000)) {
    let z = Math.abs(x);
    if (hy < 0) z = 1 / z;
    if (hx < 0) {
      if (((ix - 0x3ff00000) | yisint) === 0) return NaN;
      if (yisint === 1) z = -z;
    }
    return z;
  }
  if (hx < 0 && yisint === 0) return NaN;
  return undefined;
}

/** log2|x| as t1 + t2, t1 with its low word cleared (x finite, not 0 or 1). */
function log2Parts(xIn: number): [number, number] {
  let ax = Math.abs(xIn);
  let ix = high(ax);
  let n = 0;
  if (ix < 0x00100000) {
    ax *= 9007199254740992.0;
    n -= 53;
    ix = high(ax);
  }
  n += (ix >> 20) - 0x3ff;
  const j = ix & 0x000fffff;
  ix = j | 0x3ff00000;
  let k = 0;
  if (j <= 0x3988e) k = 0;
  else if (j < 0xbb67a) k = 1;
  else {
    n += 1;
    ix -= 0x00100000;
  }
  ax = withHigh(ax, ix);
  let u = ax - BP[k]!;
  let v = 1 / (ax + BP[k]!);
  const ss = u * v;
  const sH = withLow(ss, 0);
  let tH = fromWords(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18), 0);
  let tL = ax - (tH - BP[k]!);
  const sL = v * (u - sH * tH - sH * tL);
  let s2 = ss * ss;
  let r = s2 * s2 * (L1 + s2 * (L2 + s2 * (L3 + s2 * (L4 + s2 * (L5 + s2 * L6)))));
  r += sL * (sH + ss);
  s2 = sH * sH;
  tH = withLow(3.0 + s2 + r, 0);
  tL = r - (tH - 3.0 - s2);
  u = sH * tH;
  v = sL * tH + tL * ss;
  const pH = withLow(u + v, 0);
  const pL = v - (pH - u);
  const zH = CP_H * pH;
  const zL = CP_L * pH + pL * CP + DP_L[k]!;
  const t = n;
  const t1 = withLow(zH + zL + DP_H[k]! + t, 0);
  return [t1, zL - (t1 - t - DP_H[k]! - zH)];
}

/** log2|x| for |x| within 2^-20 of 1 (when |y| > 2^31): x − x²/2 + x³/3 − x⁴/4 over ln 2. */
function log2NearOne(x: number): [number, number] {
  const t = Math.abs(x) - 1;
  const w = t * t * (0.5 - t * (3.3333333333333331e-1 - t * 0.25));
  const u = IVLN2_H * t;
  const v = t * IVLN2_L - w * IVLN2;
  const t1 = withLow(u + v, 0);
  return [t1, v - (t1 - u)];
}

/**
 * x^y as V8 computes it (Node 20): fdlibm's e_pow.c, except that the last step divides by
 * (t1 − 2 − (w + z·w)) where fdlibm subtracts (w + z·w) after dividing by (t1 − 2). Checked
 * against Node's Math.pow in test/reports/node-math.test.ts.
 */
export function fdlibmPow(x: number, y: number): number {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  const hy = high(y);
  const iy = hy & 0x7fffffff;
  const yisint = hx < 0 ? integerKind(iy, low(y)) : 0;
  const special = powSpecial(x, y, yisint);
  if (special !== undefined) return special;
  const s = hx < 0 && yisint === 1 ? -1 : 1;
  let parts: [number, number];
  if (iy > 0x41e00000) {
    if (iy > 0x43f00000) {
      if (ix <= 0x3fefffff) return hy < 0 ? OVERFLOW : 0;
      if (ix >= 0x3ff00000) return hy > 0 ? OVERFLOW : 0;
    }
    if (ix < 0x3fefffff) return hy < 0 ? s * OVERFLOW : s * 0;
    if (ix > 0x3ff00000) return hy > 0 ? s * OVERFLOW : s * 0;
    parts = log2NearOne(x);
  } else {
    parts = log2Parts(x);
  }
  const [t1, t2] = parts;
  const y1 = withLow(y, 0);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  let z = pL + pH;
  let j = high(z);
  const lz = low(z);
  if (j >= 0x40900000) {
    if (((j - 0x40900000) | lz) !== 0 || pL + OVT > z - pH) return s * OVERFLOW;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    if (((j - (0xc090cc00 | 0)) | lz) !== 0 || pL <= z - pH) return s * 0;
  }
  // 2^(pH + pL) = 2^n · exp((pH + pL − n)·ln 2)
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromWords(n & ~(0x000fffff >> k), 0);
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = withLow(pL + pH, 0);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LN2_FULL + t * LG2_L;
  z = u + v;
  const w = v - (z - u);
  const zz = z * z;
  const c = z - zz * (P1 + zz * (P2 + zz * (P3 + zz * (P4 + zz * P5))));
  const r = (z * c) / (c - 2 - (w + z * w));
  z = 1 - (r - z);
  j = high(z) + (n << 20);
  z = j >> 20 <= 0 ? scalbn(z, n) : withHigh(z, j);
  return s * z;
}

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;
const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

function kernelSin(x: number, y: number, iy: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return x;
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

function kernelCos(x: number, y: number): number {
  const ix = high(x) & 0x7fffffff;
  if (ix < 0x3e400000 && Math.trunc(x) === 0) return 1;
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y));
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;
const INVPIO2 = 6.36619772367581382433e-1;

/** x − n·π/2 as y0 + y1 with n returned, for |x| ≤ 2^19·π/2; null beyond. */
function remPio2(x: number, y: [number, number]): number | null {
  const hx = high(x);
  const ix = hx & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    y[0] = x;
    y[1] = 0;
    return 0;
  }
  if (ix < 0x4002d97c) {
    if (hx > 0) {
      let z = x - PIO2_1;
      if (ix !== 0x3ff921fb) {
        y[0] = z - PIO2_1T;
        y[1] = z - y[0] - PIO2_1T;
      } else {
        z -= PIO2_2;
        y[0] = z - PIO2_2T;
        y[1] = z - y[0] - PIO2_2T;
      }
      return 1;
    }
    let z = x + PIO2_1;
    if (ix !== 0x3ff921fb) {
      y[0] = z + PIO2_1T;
      y[1] = z - y[0] + PIO2_1T;
    } else {
      z += PIO2_2;
      y[0] = z + PIO2_2T;
      y[1] = z - y[0] + PIO2_2T;
    }
    return -1;
  }
  if (ix > 0x413921fb) return null;
  const t0 = Math.abs(x);
  const n = Math.trunc(t0 * INVPIO2 + 0.5);
  const fn = n;
  let r = t0 - fn * PIO2_1;
  let w = fn * PIO2_1T;
  const j = ix >> 20;
  y[0] = r - w;
  let i = j - ((high(y[0]) >> 20) & 0x7ff);
  if (i > 16) {
    let t = r;
    w = fn * PIO2_2;
    r = t - w;
    w = fn * PIO2_2T - (t - r - w);
    y[0] = r - w;
    i = j - ((high(y[0]) >> 20) & 0x7ff);
    if (i > 49) {
      t = r;
      w = fn * PIO2_3;
      r = t - w;
      w = fn * PIO2_3T - (t - r - w);
      y[0] = r - w;
    }
  }
  y[1] = r - y[0] - w;
  if (hx < 0) {
    y[0] = -y[0];
    y[1] = -y[1];
    return -n;
  }
  return n;
}

const reduced: [number, number] = [0, 0];

export function fdlibmSin(x: number, native: (x: number) => number = Math.sin): number {
  const ix = high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e500000 && Math.trunc(x) === 0) return x;
    return kernelSin(x, 0, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x, reduced);
  if (n === null) return native(x);
  switch (n & 3) {
    case 0:
      return kernelSin(reduced[0], reduced[1], 1);
    case 1:
      return kernelCos(reduced[0], reduced[1]);
    case 2:
      return -kernelSin(reduced[0], reduced[1], 1);
    default:
      return -kernelCos(reduced[0], reduced[1]);
  }
}

export function fdlibmCos(x: number, native: (x: number) => number = Math.cos): number {
  const ix = high(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) {
    if (ix < 0x3e46a09e && Math.trunc(x) === 0) return 1;
    return kernelCos(x, 0);
  }
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x, reduced);
  if (n === null) return native(x);
  switch (n & 3) {
    case 0:
      return kernelCos(reduced[0], reduced[1]);
    case 1:
      return -kernelSin(reduced[0], reduced[1], 1);
    case 2:
      return -kernelCos(reduced[0], reduced[1]);
    default:
      return kernelSin(reduced[0], reduced[1], 1);
  }
}

/** Puts the functions above in place of the engine's (in the worker only). */
export function installNodeMath(math: Math = Math): void {
  const nativeSin = math.sin;
  const nativeCos = math.cos;
  math.exp = fdlibmExp;
  math.log = fdlibmLog;
  math.log1p = fdlibmLog1p;
  math.log2 = fdlibmLog2;
  math.pow = fdlibmPow;
  math.sin = (x: number) => fdlibmSin(x, nativeSin);
  math.cos = (x: number) => fdlibmCos(x, nativeCos);
}
