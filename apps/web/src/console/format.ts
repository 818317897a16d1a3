// Formatting the API's decimal strings per locale, without passing money through a float.
import type { I18n } from "../i18n.tsx";

/**
 * A money amount the API sends as a decimal string: `"33712.5"` → `33,712.50` (or `33 712,50`), always with
 * two decimals; with `currency`, its symbol and the currency's own digits (`₽33,712.50`, `¥33,713`).
 * A number (points) is shown whole.
 */
export function decimal(i18n: I18n, text: string | number, currency?: string): string {
  if (typeof text === "number") return i18n.number(text);
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  const fmt = new Intl.NumberFormat(
    i18n.locale,
    currency
      ? { style: "currency", currency, currencyDisplay: "narrowSymbol" }
      : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
  );
  return fmt.format(text as `${number}`);
}

/** A decimal string that is not money (a quantity, a score in units): `"12.50"` → `12.5`. */
export function quantity(i18n: I18n, text: string): string {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return text;
  return new Intl.NumberFormat(i18n.locale, { maximumFractionDigits: 2 }).format(text as `${number}`);
}

/** Points with their sign: `+1,200` or `−300`. */
export function signedPoints(i18n: I18n, points: number): string {
  const fmt = new Intl.NumberFormat(i18n.locale, { signDisplay: "exceptZero" });
  return fmt.format(points);
}

/** Today as an ISO day in the browser's time zone. */
export function isoToday(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/** The ISO day `months` calendar months before `day`. */
export function monthsBefore(day: string, months: number): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1 - months, d));
  return date.toISOString().slice(0, 10);
}

/** A day (`2026-03-05`) shown per locale, read as that calendar day wherever the browser is. */
export function day(i18n: I18n, iso: string): string {
  return new Intl.DateTimeFormat(i18n.locale, { dateStyle: "medium", timeZone: "UTC" }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

/** A fresh Idempotency-Key, so that a retried submit is taken once. */
export function idempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
