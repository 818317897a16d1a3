// Sales campaigns: what one sale scores for a participant, how a leaderboard ranks, which milestone badges a
// score has earned, and which prizes the final standings give. Pure; the server keeps the totals and applies
// the prizes. Scores are integers: minor units for amounts and margins, thousandths of a unit for quantities,
// a count for new clients.
import { lineAmountMinor } from "./money.ts";

export const CAMPAIGN_METRICS = ["amount", "margin", "quantity", "newClients"] as const;
export type CampaignMetric = (typeof CAMPAIGN_METRICS)[number];

export interface CampaignRules {
  metric: CampaignMetric;
  /** Only lines of these SKUs or these categories score; every line when both are empty. */
  skus: readonly string[];
  categories: readonly string[];
}

export interface SaleLine {
  sku: string;
  category: string;
  quantityMilli: number;
  /** What the client paid for the line after discounts. */
  netMinor: number;
  unitCostMinor: number | null;
}

export interface Sale {
  lines: readonly SaleLine[];
  /** The company's first order. */
  isFirst: boolean;
}

export interface SaleScore {
  amountMinor: number;
  /** Net less cost over the lines that have a cost; a line without one adds nothing. */
  marginMinor: number;
  quantityMilli: number;
  newClients: number;
  /** The figure the campaign ranks by: one of the above, by the campaign's metric. */
  score: number;
}

function counts(rules: CampaignRules, line: SaleLine): boolean {
  if (rules.skus.length === 0 && rules.categories.length === 0) return true;
  return rules.skus.includes(line.sku) || rules.categories.includes(line.category);
}

/** What one sale adds to its participant. A first order scores a new client when any of its lines counts. */
export function scoreSale(rules: CampaignRules, sale: Sale): SaleScore {
  let amountMinor = 0;
  let marginMinor = 0;
  let quantityMilli = 0;
  let any = false;
  for (const line of sale.lines) {
    if (!counts(rules, line)) continue;
    any = true;
    amountMinor += line.netMinor;
    quantityMilli += line.quantityMilli;
    if (line.unitCostMinor !== null)
      marginMinor += line.netMinor - lineAmountMinor(line.quantityMilli, line.unitCostMinor);
  }
  const newClients = sale.isFirst && any ? 1 : 0;
  const byMetric = { amount: amountMinor, margin: marginMinor, quantity: quantityMilli, newClients };
  return { amountMinor, marginMinor, quantityMilli, newClients, score: byMetric[rules.metric] };
}

/** A line of a return as the engine's return evaluation gives it: the order line, the units, their refund. */
export interface ReturnedLine {
  index: number;
  quantityMilli: number;
  refundMinor: number;
}

export interface ReturnScore extends SaleScore {
  /** No line of the sale that counts has units left: the sale no longer counts at all. */
  emptied: boolean;
}

/**
 * What a return takes back from the score a sale added (positive figures, to subtract): the returned units of
 * the lines that count, their refund, and their margin, the refund less their cost. The cost is taken as the
 * cost of all units returned so far less that of those returned before, so the returns of a sale together take
 * back exactly what it added. A first order stops counting as a new client when no line that counts has units
 * left. `returnedBeforeMilli` is what each order line had had returned before this return.
 */
export function scoreReturn(
  rules: CampaignRules,
  sale: Sale,
  returnedBeforeMilli: readonly number[],
  returned: readonly ReturnedLine[],
): ReturnScore {
  let amountMinor = 0;
  let marginMinor = 0;
  let quantityMilli = 0;
  const after = sale.lines.map((_, i) => returnedBeforeMilli[i] ?? 0);
  for (const r of returned) {
    const line = sale.lines[r.index];
    if (!line || !counts(rules, line)) continue;
    const before = after[r.index] ?? 0;
    after[r.index] = before + r.quantityMilli;
    amountMinor += r.refundMinor;
    quantityMilli += r.quantityMilli;
    if (line.unitCostMinor !== null) {
      const cost =
        lineAmountMinor(before + r.quantityMilli, line.unitCostMinor) -
        lineAmountMinor(before, line.unitCostMinor);
      marginMinor += r.refundMinor - cost;
    }
  }
  const leftBefore = sale.lines.some(
    (l, i) => counts(rules, l) && l.quantityMilli > (returnedBeforeMilli[i] ?? 0),
  );
  const leftAfter = sale.lines.some((l, i) => counts(rules, l) && l.quantityMilli > (after[i] ?? 0));
  const newClients = sale.isFirst && leftBefore && !leftAfter ? 1 : 0;
  const byMetric = { amount: amountMinor, margin: marginMinor, quantity: quantityMilli, newClients };
  return {
    amountMinor,
    marginMinor,
    quantityMilli,
    newClients,
    score: byMetric[rules.metric],
    emptied: leftBefore && !leftAfter,
  };
}

/**
 * What a sale still adds once its returns so far are taken back: `returnedSoFar` is, per line, all the units
 * returned and their refunds together (the returns' figures telescope to these), so the result equals the
 * sale scored as it arrived less each of its returns scored as it came.
 */
export function scoreKept(
  rules: CampaignRules,
  sale: Sale,
  returnedSoFar: readonly ReturnedLine[],
): ReturnScore {
  const s = scoreSale(rules, sale);
  const back = scoreReturn(rules, sale, [], returnedSoFar);
  return {
    amountMinor: s.amountMinor - back.amountMinor,
    marginMinor: s.marginMinor - back.marginMinor,
    quantityMilli: s.quantityMilli - back.quantityMilli,
    newClients: s.newClients - back.newClients,
    score: s.score - back.score,
    emptied: back.emptied,
  };
}

export interface Standing {
  participant: string;
  score: number;
  target: number;
}

export interface Ranked extends Standing {
  /** Competition ranking: equal scores share a place and the next place is skipped (1, 2, 2, 4). */
  rank: number;
  /** The score as thousandths of the target, rounded down (1000 = target reached). */
  progressMilli: number;
  reachedTarget: boolean;
}

/** A leaderboard: highest score first, ties in participant order, each with its place and progress. */
export function rankBoard(rows: readonly Standing[]): Ranked[] {
  const sorted = [...rows].sort(
    (a, b) =>
      b.score - a.score || (a.participant < b.participant ? -1 : a.participant > b.participant ? 1 : 0),
  );
  let rank = 0;
  let prev = Number.NaN;
  return sorted.map((r, i) => {
    if (r.score !== prev) rank = i + 1;
    prev = r.score;
    return {
      ...r,
      rank,
      progressMilli: progressMilli(r.score, r.target),
      reachedTarget: r.score >= r.target,
    };
  });
}

/** The score in thousandths of the target, rounded down; 0 for a score at or below zero. */
export function progressMilli(score: number, target: number): number {
  if (score <= 0 || target <= 0) return 0;
  return Number((BigInt(score) * 1000n) / BigInt(target));
}

/** Teams ranked by the sum of their members' scores, against the sum of their targets. */
export function rankTeams(rows: readonly (Standing & { team: string | null })[]): Ranked[] {
  const teams = new Map<string, Standing>();
  for (const r of rows) {
    if (r.team === null) continue;
    const t = teams.get(r.team) ?? { participant: r.team, score: 0, target: 0 };
    t.score += r.score;
    t.target += r.target;
    teams.set(r.team, t);
  }
  return rankBoard([...teams.values()]);
}

/** The badge for the first sale. */
export const FIRST_SALE_BADGE = "first-sale";

/** Badges a standing has earned: the first sale, and `target-<p>` for each milestone p% of target reached. */
export function badgesFor(
  s: { score: number; target: number; sales: number },
  milestonesPct: readonly number[],
) {
  const out: string[] = [];
  if (s.sales > 0) out.push(FIRST_SALE_BADGE);
  for (const pct of milestonesPct) {
    if (s.score > 0 && BigInt(s.score) * 100n >= BigInt(s.target) * BigInt(pct)) out.push(`target-${pct}`);
  }
  return out;
}

export type CampaignPrize =
  | { top: number; points: number; prize: string | null }
  | { aboveTarget: true; points: number; prize: string | null };

export interface Award {
  participant: string;
  /** `top-<n>` or `target`. */
  code: string;
  rank: number;
  points: number;
  prize: string | null;
}

/**
 * The prizes of the final standings: each top-N prize to every participant placed N or better with a score
 * above zero, each target prize to everyone who reached target. A participant may win several.
 */
export function awardPrizes(board: readonly Ranked[], prizes: readonly CampaignPrize[]): Award[] {
  const out: Award[] = [];
  for (const row of board) {
    for (const p of prizes) {
      const won = "top" in p ? row.rank <= p.top && row.score > 0 : row.reachedTarget;
      if (!won) continue;
      const code = "top" in p ? `top-${p.top}` : "target";
      out.push({ participant: row.participant, code, rank: row.rank, points: p.points, prize: p.prize });
    }
  }
  return out;
}
