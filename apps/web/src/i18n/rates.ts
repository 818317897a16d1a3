// A ledger line of points an order earned, in plain words with the rate and whose rate it was
// ("+370 points: 2% of order 10045, Silver rate"), in English, Russian and Ukrainian; the console's company
// page and the portal's history both say it this way.
import type { Schemas } from "@patron/sdk";

type Locale = "en" | "ru" | "uk";
type EarnRate = Schemas["EarnRate"];

interface RateEntry {
  kind: string;
  amount: number;
  reference: { type: string; id: string | null; orderId?: string };
  rates?: EarnRate[];
}

const TEXTS = {
  en: {
    earn: "+{points} points: {detail}",
    "earn.pending": "+{points} points pending: {detail}",
    mature: "{points} points became available: {detail}",
    one: "{rate} of order {order}, {source}",
    many: "order {order}: {parts}",
    part: "{rate} of {basis}, {source}",
    tier: "{tier} rate",
    base: "base rate",
    rule: "rule {rule}",
    partner: "partner {partner}",
  },
  ru: {
    earn: "+{points} баллов: {detail}",
    "earn.pending": "+{points} баллов ожидают: {detail}",
    mature: "{points} баллов стали доступны: {detail}",
    one: "{rate} от заказа {order}, {source}",
    many: "заказ {order}: {parts}",
    part: "{rate} от {basis}, {source}",
    tier: "ставка уровня {tier}",
    base: "базовая ставка",
    rule: "правило {rule}",
    partner: "партнёр {partner}",
  },
  uk: {
    earn: "+{points} балів: {detail}",
    "earn.pending": "+{points} балів очікують: {detail}",
    mature: "{points} балів стали доступні: {detail}",
    one: "{rate} від замовлення {order}, {source}",
    many: "замовлення {order}: {parts}",
    part: "{rate} від {basis}, {source}",
    tier: "ставка рівня {tier}",
    base: "базова ставка",
    rule: "правило {rule}",
    partner: "партнер {partner}",
  },
} as const satisfies Record<Locale, Record<string, string>>;

type Key = keyof (typeof TEXTS)["en"];

const fill = (template: string, values: Record<string, string>) =>
  template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);

/** A decimal string or a percentage as the locale writes it, digits kept as they are. */
function localDecimal(text: string, locale: Locale): string {
  const m = /^(\d+)(?:\.(\d+))?(%?)$/.exec(text);
  if (!m) return text;
  const digits = m[2]?.length ?? 0;
  const n = new Intl.NumberFormat(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  return `${n.format(`${m[1]}.${m[2] ?? "0"}` as `${number}`)}${m[3]}`;
}

function sourceOf(r: EarnRate, say: (k: Key, v?: Record<string, string>) => string): string {
  if (r.tier) return say("tier", { tier: r.tier.name });
  if (r.source === "base") return say("base");
  if (r.source.startsWith("partner:")) return say("partner", { partner: r.source.slice("partner:".length) });
  return say("rule", { rule: r.source });
}

/**
 * The line for an entry of points an order earned, with each rate the engine applied; null for any other
 * entry (the caller's own wording then says what it was).
 */
export function rateLine(e: RateEntry, locale: Locale): string | null {
  const rates = e.rates ?? [];
  if (rates.length === 0 || !(e.kind === "earn" || e.kind === "earn.pending" || e.kind === "mature"))
    return null;
  const texts = TEXTS[locale];
  const say = (k: Key, v: Record<string, string> = {}) => fill(texts[k], v);
  const order = e.reference.orderId ?? e.reference.id ?? "—";
  const only = rates.length === 1 ? rates[0] : undefined;
  const detail = only
    ? say("one", { rate: localDecimal(only.rate, locale), order, source: sourceOf(only, say) })
    : say("many", {
        order,
        parts: rates
          .map((r) =>
            say("part", {
              rate: localDecimal(r.rate, locale),
              basis: localDecimal(r.basis, locale),
              source: sourceOf(r, say),
            }),
          )
          .join("; "),
      });
  const points = new Intl.NumberFormat(locale).format(Math.abs(e.amount));
  return say(e.kind, { points, detail });
}

/** An earn.rate explanation of an event's page as the same sentence, the tier named by its id. */
export function earnRateText(params: Record<string, unknown>, order: string, locale: Locale): string | null {
  const source = String(params.source ?? "");
  const tierId = source.startsWith("tier:") ? source.slice("tier:".length) : null;
  return rateLine(
    {
      kind: "earn",
      amount: Number(params.points ?? 0),
      reference: { type: "order", id: order },
      rates: [
        {
          points: Number(params.points ?? 0),
          rate: String(params.rate ?? ""),
          basis: String(params.basis ?? ""),
          source,
          tier: tierId === null ? null : { id: tierId, name: tierId },
        },
      ],
    },
    locale,
  );
}
