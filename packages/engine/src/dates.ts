// Calendar days as integers (days since 1970-01-01), local to a program's time zone.
// "N days from D" are D … D+N−1; "the N days before D" are D−N … D−1.

export type Day = number;

/** Days since 1970-01-01 for a civil date (proleptic Gregorian). */
export function dayFromCivil(y: number, m: number, d: number): Day {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export interface Civil {
  y: number;
  m: number;
  d: number;
}

export function civilFromDay(day: Day): Civil {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return { y: era * 400 + yoe + (m <= 2 ? 1 : 0), m, d };
}

export function daysInMonth(y: number, m: number): number {
  return dayFromCivil(m === 12 ? y + 1 : y, m === 12 ? 1 : m + 1, 1) - dayFromCivil(y, m, 1);
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses "YYYY-MM-DD" into a Day; null when malformed or not a real calendar date. */
export function parseDay(text: string): Day | null {
  const m = ISO_DATE.exec(text);
  if (!m) return null;
  return checkedDay(Number(m[1]), Number(m[2]), Number(m[3]));
}

function checkedDay(y: number, mo: number, d: number): Day | null {
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return dayFromCivil(y, mo, d);
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

function zoneFormat(timeZone: string): Intl.DateTimeFormat {
  let f = zoneFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    zoneFormats.set(timeZone, f);
  }
  return f;
}

/** True when the runtime knows the IANA time zone. */
export function isTimeZone(timeZone: string): boolean {
  try {
    zoneFormat(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The local day in `timeZone` of an ISO date or date-time. A date-time without an offset is already local;
 * with an offset (or Z) it is an instant, converted to the zone. Null when malformed.
 */
export function localDay(text: string, timeZone: string): Day | null {
  if (text.length === 10) return parseDay(text);
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return null;
  const day = checkedDay(Number(m[1]), Number(m[2]), Number(m[3]));
  if (day === null) return null;
  if (Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6] ?? 0) > 59) return null;
  if (!m[7]) return day;
  const instant = new Date(text.replace(" ", "T"));
  if (Number.isNaN(instant.getTime())) return null;
  let y = 0;
  let mo = 0;
  let d = 0;
  for (const part of zoneFormat(timeZone).formatToParts(instant)) {
    if (part.type === "year") y = Number(part.value);
    else if (part.type === "month") mo = Number(part.value);
    else if (part.type === "day") d = Number(part.value);
  }
  return checkedDay(y, mo, d);
}

export function formatDay(day: Day): string {
  const { y, m, d } = civilFromDay(day);
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export function weekday(day: Day): number {
  // 1970-01-01 was a Thursday (4).
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

export function startOfMonth(day: Day): Day {
  const { y, m } = civilFromDay(day);
  return dayFromCivil(y, m, 1);
}

export function endOfMonth(day: Day): Day {
  const { y, m } = civilFromDay(day);
  return dayFromCivil(y, m, daysInMonth(y, m));
}

/** First day of the month `months` after the month of `day` (negative goes back). */
export function addMonthsStart(day: Day, months: number): Day {
  const { y, m } = civilFromDay(day);
  const idx = y * 12 + (m - 1) + months;
  return dayFromCivil(Math.floor(idx / 12), (idx % 12) + 1, 1);
}

export function startOfQuarter(day: Day): Day {
  const { y, m } = civilFromDay(day);
  return dayFromCivil(y, m - ((m - 1) % 3), 1);
}

export function startOfYear(day: Day): Day {
  return dayFromCivil(civilFromDay(day).y, 1, 1);
}

export type CalendarPeriod = "month" | "quarter" | "year";

export function periodStart(day: Day, period: CalendarPeriod): Day {
  if (period === "month") return startOfMonth(day);
  if (period === "quarter") return startOfQuarter(day);
  return startOfYear(day);
}

/** First day of the next period after the one containing `day`. */
export function nextPeriodStart(day: Day, period: CalendarPeriod): Day {
  const start = periodStart(day, period);
  return addMonthsStart(start, period === "month" ? 1 : period === "quarter" ? 3 : 12);
}

/** Whole years from `from` to `to`, counted by anniversaries (a Feb 29 start has its anniversary on Mar 1). */
export function wholeYears(from: Day, to: Day): number {
  const a = civilFromDay(from);
  const b = civilFromDay(to);
  let years = b.y - a.y;
  if (b.m < a.m || (b.m === a.m && b.d < a.d)) years -= 1;
  return years;
}

/** Month index (y × 12 + m − 1), handy as a key. */
export function monthIndex(day: Day): number {
  const { y, m } = civilFromDay(day);
  return y * 12 + m - 1;
}
