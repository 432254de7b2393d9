/**
 * Floating-point statistics for the fit (SPEC-serving A.7): quantiles, OLS,
 * the normal, χ² (1 and 2 degrees of freedom) and Student t distributions, and
 * the Shapiro–Wilk test (Royston 1995, algorithm AS R94, as in scipy's swilk.c).
 * Reference values from scipy 1.17 are in test/models/latency/stats.test.ts.
 */

export function median(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('median of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Quantile with linear interpolation between order statistics (numpy's default, "type 7"). */
export function quantile(xs: readonly number[], q: number): number {
  if (xs.length === 0) throw new RangeError('quantile of an empty list');
  const s = [...xs].sort((a, b) => a - b);
  const h = (s.length - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, s.length - 1);
  return s[lo] + (h - lo) * (s[hi] - s[lo]);
}

export const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

export interface OlsResult {
  /** Coefficients (null for columns dropped as collinear). */
  readonly beta: (number | null)[];
  readonly residuals: number[];
  /** Rank of the design used. */
  readonly rank: number;
  readonly sse: number;
  readonly r2: number | null;
}

/**
 * Ordinary least squares of y on the columns of X (rows × p), by modified
 * Gram–Schmidt with column dropping: a column whose residual norm is below
 * 1e-10 of its own norm is collinear with the earlier ones and is dropped.
 */
export function ols(X: readonly (readonly number[])[], y: readonly number[]): OlsResult {
  const n = y.length;
  const p = X[0]?.length ?? 0;
  const Q: number[][] = [];
  const kept: number[] = [];
  const R: number[][] = [];
  for (let j = 0; j < p; j++) {
    const v = X.map((row) => row[j]);
    const norm0 = Math.hypot(...v);
    const r: number[] = [];
    for (let k = 0; k < Q.length; k++) {
      let d = 0;
      for (let i = 0; i < n; i++) d += Q[k][i] * v[i];
      r.push(d);
      for (let i = 0; i < n; i++) v[i] -= d * Q[k][i];
    }
    const norm = Math.hypot(...v);
    if (norm0 === 0 || norm <= 1e-10 * norm0) continue;
    r.push(norm);
    Q.push(v.map((x) => x / norm));
    R.push(r);
    kept.push(j);
  }
  const qty = Q.map((q) => q.reduce((acc, qi, i) => acc + qi * y[i], 0));
  const coef = new Array<number>(Q.length).fill(0);
  for (let k = Q.length - 1; k >= 0; k--) {
    let s = qty[k];
    for (let l = k + 1; l < Q.length; l++) s -= R[l][k] * coef[l];
    coef[k] = s / R[k][k];
  }
  const beta: (number | null)[] = new Array<number | null>(p).fill(null);
  kept.forEach((j, k) => (beta[j] = coef[k]));
  const fitted = y.map((_, i) => kept.reduce((acc, j, k) => acc + X[i][j] * coef[k], 0));
  const residuals = y.map((yi, i) => yi - fitted[i]);
  const sse = residuals.reduce((a, r) => a + r * r, 0);
  const my = mean(y);
  const sst = y.reduce((a, v) => a + (v - my) ** 2, 0);
  return { beta, residuals, rank: Q.length, sse, r2: sst > 0 ? 1 - sse / sst : null };
}

// ---- special functions ----

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(x), relative error below ~1e-11 (series for |x| < 3, continued fraction beyond). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 3) return 1 - erfSeries(x);
  // Lentz's continued fraction: erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))
  const tiny = 1e-300;
  let f = x;
  let C = x;
  let D = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    D = x + a * D;
    D = D === 0 ? tiny : D;
    C = x + a / C;
    C = C === 0 ? tiny : C;
    D = 1 / D;
    const delta = C * D;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * f);
}

/** erf(x) = 2/√π·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3·…·(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 1; n < 500; n++) {
    term *= (2 * x * x) / (2 * n + 1);
    sum += term;
    if (term < 1e-17 * sum) break;
  }
  return (2 / SQRT_PI) * Math.exp(-x * x) * sum;
}

/** Φ(z), the standard normal distribution function. */
export function normalCdf(z: number): number {
  return erfc(-z / Math.SQRT2) / 2;
}

/** 1 − Φ(z) without cancellation. */
export function normalSf(z: number): number {
  return erfc(z / Math.SQRT2) / 2;
}

/** Φ⁻¹(p): Acklam's rational approximation refined by two Newton steps. */
export function normalPpf(p: number): number {
  if (!(p > 0 && p < 1)) {
    if (p === 0) return -Infinity;
    if (p === 1) return Infinity;
    return NaN;
  }
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const pl = 0.02425;
  let x: number;
  if (p < pl) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - pl) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x = -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  for (let k = 0; k < 2; k++) {
    // Newton on Φ(x) = p, using the tail that is small (no cancellation).
    const err = p < 0.5 ? normalCdf(x) - p : 1 - p - normalSf(x);
    const pdf = Math.exp((-x * x) / 2) / Math.sqrt(2 * Math.PI);
    x -= err / pdf;
  }
  return x;
}

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (Lanczos, g = 7). */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  x -= 1;
  let a = LANCZOS[0];
  const t = x + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i] / (x + i);
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised incomplete beta I_x(a, b) (continued fraction, Numerical Recipes §6.4). */
export function betaInc(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(lnGamma(a + b) - lnGamma(a) - lnGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaCf(x, a, b)) / a;
  return 1 - (front * betaCf(1 - x, b, a)) / b;
}

function betaCf(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  d = Math.abs(d) < tiny ? tiny : d;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    d = Math.abs(d) < tiny ? tiny : d;
    c = 1 + aa / c;
    c = Math.abs(c) < tiny ? tiny : c;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-15) break;
  }
  return h;
}

/** Two-sided p-value of Student's t with df degrees of freedom. */
export function tTwoSidedP(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  return betaInc(df / (df + t * t), df / 2, 0.5);
}

/** Upper tail of χ² with 1 or 2 degrees of freedom (exact closed forms). */
export function chiSquareSf(x: number, df: 1 | 2): number {
  if (x <= 0) return 1;
  return df === 2 ? Math.exp(-x / 2) : erfc(Math.sqrt(x / 2));
}

// ---- Shapiro–Wilk ----

const poly = (cc: readonly number[], x: number) => cc.reduceRight((acc, c) => acc * x + c, 0);

export interface ShapiroWilk {
  readonly W: number;
  readonly p: number;
}

/** Shapiro–Wilk W and p-value (Royston's AS R94), for 3 ≤ n ≤ 5000; null outside or when all values are equal. */
export function shapiroWilk(values: readonly number[]): ShapiroWilk | null {
  const n = values.length;
  if (n < 3 || n > 5000) return null;
  const x = [...values].sort((a, b) => a - b);
  const range = x[n - 1] - x[0];
  if (!(range > 0)) return null;
  const nn2 = Math.floor(n / 2);
  const a = new Array<number>(nn2 + 1).fill(0); // 1-based
  const small = 1e-19;
  if (n === 3) {
    a[1] = Math.SQRT1_2;
  } else {
    const an25 = n + 0.25;
    let summ2 = 0;
    for (let i = 1; i <= nn2; i++) {
      a[i] = normalPpf((i - 0.375) / an25);
      summ2 += a[i] * a[i];
    }
    summ2 *= 2;
    const ssumm2 = Math.sqrt(summ2);
    const rsn = 1 / Math.sqrt(n);
    const c1 = [0, 0.221157, -0.147981, -2.07119, 4.434685, -2.706056];
    const c2 = [0, 0.042981, -0.293762, -1.752461, 5.682633, -3.582633];
    const a1 = poly(c1, rsn) - a[1] / ssumm2;
    let i1: number;
    let fac: number;
    if (n > 5) {
      i1 = 3;
      const a2 = -a[2] / ssumm2 + poly(c2, rsn);
      fac = Math.sqrt((summ2 - 2 * a[1] * a[1] - 2 * a[2] * a[2]) / (1 - 2 * a1 * a1 - 2 * a2 * a2));
      a[2] = a2;
    } else {
      i1 = 2;
      fac = Math.sqrt((summ2 - 2 * a[1] * a[1]) / (1 - 2 * a1 * a1));
    }
    a[1] = a1;
    for (let i = i1; i <= nn2; i++) a[i] = -a[i] / fac;
  }
  // W = (Σ a_i (x_(n+1−i) − x_(i)))² / Σ (x − x̄)², on values scaled by the range.
  const xs = x.map((v) => (v - x[0]) / range);
  const m = mean(xs);
  const ssq = xs.reduce((acc, v) => acc + (v - m) ** 2, 0);
  let num = 0;
  for (let i = 1; i <= nn2; i++) num += a[i] * (xs[n - i] - xs[i - 1]);
  let W = (num * num) / ssq;
  if (W > 1) W = 1;
  if (n === 3) {
    const stqr = Math.asin(Math.sqrt(0.75));
    const pw = ((Math.asin(Math.sqrt(W)) - stqr) * 6) / Math.PI;
    return { W, p: Math.max(pw, 0) };
  }
  const w1 = Math.log(1 - W + small * 0);
  let y = w1;
  let mm: number;
  let s: number;
  if (n <= 11) {
    const gamma = poly([-2.273, 0.459], n);
    if (y >= gamma) return { W, p: 1e-99 };
    y = -Math.log(gamma - y);
    mm = poly([0.544, -0.39978, 0.025054, -6.714e-4], n);
    s = Math.exp(poly([1.3822, -0.77857, 0.062767, -0.0020322], n));
  } else {
    const xx = Math.log(n);
    mm = poly([-1.5861, -0.31082, -0.083751, 0.0038915], xx);
    s = Math.exp(poly([-0.4803, -0.082676, 0.0030302], xx));
  }
  return { W, p: normalSf((y - mm) / s) };
}
