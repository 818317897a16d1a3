// Exact arithmetic for money (integer minor units), points (integers) and rates (parts per million).
// No floats carry money or points anywhere: every rounding below is named.

/**
 * The largest amount of one order, in minor units (10 trillion units of a 2-decimal currency). Keeping every
 * order below it keeps sums of a few hundred orders, and every product the engine forms, exact.
 */
export const MAX_ORDER_MINOR = 1_000_000_000_000_000;

/** Parts per million: 1% = 10_000 ppm. Rates are exact to 0.0001 %. */
export const PPM = 1_000_000;

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** floor(a × b / c) for non-negative c, exact; falls back to bigint when the product leaves the safe range. */
export function mulDivFloor(a: number, b: number, c: number): number {
  const p = a * b + 0; // + 0 turns −0 into 0
  if (Math.abs(p) <= MAX_SAFE) return floorDiv(p, c);
  return Number(bigFloorDiv(BigInt(a) * BigInt(b), BigInt(c)));
}

/** round-half-up(a × b / c) (half away from zero for negatives), exact. */
export function mulDivHalfUp(a: number, b: number, c: number): number {
  const p = a * b + 0;
  if (Math.abs(p) <= MAX_SAFE && Math.abs(p) * 2 <= MAX_SAFE) return divHalfUp(p, c);
  return Number(bigDivHalfUp(BigInt(a) * BigInt(b), BigInt(c)));
}

/** floor(n / d) for integers, d > 0. */
export function floorDiv(n: number, d: number): number {
  let q = Math.floor(n / d);
  if (q * d > n) q -= 1;
  else if ((q + 1) * d <= n) q += 1;
  return q;
}

/** Integer division of n by d > 0, rounded half up (half away from zero for negative n). */
export function divHalfUp(n: number, d: number): number {
  if (n < 0) return 0 - divHalfUp(-n, d);
  const q = Math.floor(n / d);
  const r = n - q * d;
  return r * 2 >= d ? q + 1 : q;
}

export function bigFloorDiv(n: bigint, d: bigint): bigint {
  const q = n / d;
  return n % d !== 0n && n < 0n !== d < 0n ? q - 1n : q;
}

export function bigDivHalfUp(n: bigint, d: bigint): bigint {
  if (n < 0n) return 0n - bigDivHalfUp(-n, d);
  const q = n / d;
  const r = n - q * d;
  return r * 2n >= d ? q + 1n : q;
}

/**
 * Splits `total` over `weights` in proportion, by largest remainder, so the parts add up to `total` exactly.
 * Ties go to the earlier index. Weights are non-negative integers; all-zero weights give all-zero parts
 * unless total is 0.
 */
export function splitLargestRemainder(total: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const parts = new Array<number>(n).fill(0);
  if (total === 0 || n === 0) return parts;
  let sum = 0;
  for (const w of weights) sum += w;
  if (sum === 0) throw new Error("splitLargestRemainder: cannot split a non-zero total over zero weights");
  const big = Math.abs(total) * sum > MAX_SAFE;
  const rems: { i: number; r: bigint | number }[] = [];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] ?? 0;
    if (big) {
      const num = BigInt(total) * BigInt(w);
      const q = bigFloorDiv(num, BigInt(sum));
      parts[i] = Number(q);
      rems.push({ i, r: num - q * BigInt(sum) });
    } else {
      const num = total * w;
      const q = Math.floor(num / sum);
      parts[i] = q;
      rems.push({ i, r: num - q * sum });
    }
    given += parts[i] ?? 0;
  }
  let left = total - given;
  rems.sort((x, y) => (x.r === y.r ? x.i - y.i : x.r > y.r ? -1 : 1));
  for (let k = 0; left > 0 && k < rems.length; k++, left--) {
    const at = rems[k]?.i ?? 0;
    parts[at] = (parts[at] ?? 0) + 1;
  }
  return parts;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses a decimal string into an integer scaled by 10^digits; null when it has more decimals or is not a number. */
export function parseScaled(text: string, digits: number): number | null {
  const m = DECIMAL.exec(text.trim());
  if (!m) return null;
  const frac = m[3] ?? "";
  if (frac.length > digits) return null;
  const v = Number(m[2]) * 10 ** digits + (frac ? Number(frac.padEnd(digits, "0")) : 0);
  if (!Number.isSafeInteger(v)) return null;
  return m[1] ? -v : v;
}

/** A rate written as "5%" or "1.25%" → ppm. Null when malformed or more precise than 0.0001 %. */
export function parsePercent(text: string): number | null {
  const t = text.trim();
  if (!t.endsWith("%")) return null;
  return parseScaled(t.slice(0, -1), 4);
}

/** A plain decimal factor ("1.5") → ppm (1_500_000). */
export function parseFactor(text: string): number | null {
  return parseScaled(text, 6);
}

/** Formats an integer amount of minor units as a decimal string in currency units ("19800.00"). */
export function formatMinor(minor: number | bigint, digits = 2): string {
  if (typeof minor === "number") {
    if (!Number.isSafeInteger(minor))
      throw new Error(`formatMinor: ${minor} is not an exact whole number of minor units`);
    if (digits === 0) return String(minor);
    const abs = minor < 0 ? -minor : minor;
    const unit = 10 ** digits;
    const whole = Math.floor(abs / unit);
    const frac = String(abs - whole * unit).padStart(digits, "0");
    return `${minor < 0 ? "-" : ""}${whole}.${frac}`;
  }
  const text = (minor < 0 ? -BigInt(minor) : BigInt(minor)).toString();
  if (digits === 0) return `${minor < 0 ? "-" : ""}${text}`;
  const padded = text.padStart(digits + 1, "0");
  return `${minor < 0 ? "-" : ""}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

/** Formats ppm as a percentage string without trailing zeros ("7%", "1.5%"). */
export function formatPercent(ppm: number): string {
  const neg = ppm < 0;
  const abs = Math.abs(ppm);
  const whole = Math.floor(abs / 10_000);
  const frac = String(abs - whole * 10_000)
    .padStart(4, "0")
    .replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `.${frac}` : ""}%`;
}

/** Minor units in one unit of a currency (ISO 4217 exponent); 2 unless the currency has another. */
export function currencyDigits(currency: string): number {
  switch (currency) {
    case "JPY":
    case "KRW":
    case "VND":
    case "CLP":
    case "ISK":
      return 0;
    case "KWD":
    case "BHD":
    case "OMR":
    case "JOD":
    case "TND":
      return 3;
    default:
      return 2;
  }
}

/** Line amount = quantity (thousandths) × unit price (minor), rounded half up to the minor unit. */
export function lineAmountMinor(quantityMilli: number, unitPriceMinor: number): number {
  return mulDivHalfUp(quantityMilli, unitPriceMinor, 1000);
}
