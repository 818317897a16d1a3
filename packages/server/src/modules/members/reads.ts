// What a member can see of itself: the wallet (available, pending, held, debt, points expiring by date), the
// ledger history of its accounts newest first, and its tier with the progress to the next one. Reads only;
// every rule (windows, levels, progress) is the engine's.
import {
  type CompiledProgram,
  type Day,
  EXPLANATIONS,
  type Explanation,
  formatDay,
  formatMinor,
  isSettingDay,
  levelFor,
  levelIndex,
  localDay,
  parseDay,
  qualifyingWindow,
  renderExplanation,
  sumBetween,
  tierProgress,
} from "@patron/engine";
import { notACursor } from "../../db/cursor.ts";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { tierOn } from "../events/service.ts";
import { holdAccount } from "../redemptions/service.ts";
import { findMember, loadHistory, pendingAccount, walletAccount } from "./service.ts";

export interface Wallet {
  memberId: string;
  /** Points the member may spend now. */
  available: number;
  /** Points earned but waiting for payment or the return window. */
  pending: number;
  /** Points reserved by redemption holds. */
  held: number;
  /** Points the member owes (returns reversed more than was left), repaid first by points that come. */
  debt: number;
  /** The next dates on which available points expire (they are gone the day after), soonest first. */
  expiring: { date: string; points: number }[];
}

export async function walletOf(
  q: Queryable,
  tenantId: string,
  memberId: string,
  expiringDates: number,
): Promise<Wallet> {
  const wallet = walletAccount(memberId);
  const r = await q.query<{ id: string; balance: string }>(
    "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id IN ($2, $3, $4)",
    [tenantId, wallet, pendingAccount(memberId), holdAccount(memberId)],
  );
  const balance = new Map(r.rows.map((x) => [x.id, Number(x.balance)]));
  let available = balance.get(wallet);
  if (available === undefined) {
    // A company made over the API or by an import has no wallet until its first points: an empty one.
    if ((await findMember(q, tenantId, memberId)) === null) {
      throw new ApiError("not_found", `no member ${memberId}`, "id");
    }
    available = 0;
  }
  const expiring = await q.query<{ day: string; points: string }>(
    `SELECT expires_on::text AS day, sum(remaining)::text AS points FROM lots
     WHERE tenant_id = $1 AND account_id = $2 AND remaining > 0 AND expires_on IS NOT NULL
     GROUP BY expires_on ORDER BY expires_on LIMIT $3`,
    [tenantId, wallet, expiringDates],
  );
  return {
    memberId,
    available: Math.max(0, available),
    pending: balance.get(pendingAccount(memberId)) ?? 0,
    held: balance.get(holdAccount(memberId)) ?? 0,
    debt: Math.max(0, -available),
    expiring: expiring.rows.map((x) => ({ date: x.day, points: Number(x.points) })),
  };
}

export interface LedgerEntry {
  transactionId: string;
  seq: number;
  /** When the entry was recorded: for imported history, the moment of the import. */
  at: string;
  /** The day it happened in the program's calendar (YYYY-MM-DD): its event's day, the day pending points became
   *  available, an expiry job's day, or else the day of `at` in the program's time zone. */
  date: string;
  /** The transaction's code: earn, earn.pending, mature, redeem, refund, reverse, expire, hold, hold.capture… */
  kind: string;
  /** What caused it: an order, a return, a hold, an adjustment, a job. */
  reference: { type: string; id: string | null; orderId?: string };
  from: string;
  to: string;
  amount: number;
  /** How the member's available, pending and held points changed by this posting. */
  available: number;
  pending: number;
  held: number;
  /** The wallet's balance (negative when in debt) after this posting. */
  balance: number;
  /** For points an order earned (earn, earn.pending, mature): each rate the engine applied, on what amount,
   *  and where the rate came from (a tier, the base rate, an earning rule); empty for other entries. */
  rates: EarnRate[];
}

export interface EarnRate {
  points: number;
  /** The rate as the program writes it, "2%". */
  rate: string;
  /** The amount the rate applied to, a decimal in the program's currency. */
  basis: string;
  /** tier:ID, base, a rule id, partner:ID, or rules joined with + and ×. */
  source: string;
  /** The tier whose rate it was, with its name, when the source is a tier. */
  tier: { id: string; name: string } | null;
}

/** The earn.rate explanations of an order's outcome, as rates of a ledger line. */
export function ratesOf(effects: unknown, tierNames: ReadonlyMap<string, string>): EarnRate[] {
  if (!Array.isArray(effects)) return [];
  const rates: EarnRate[] = [];
  for (const e of effects as Explanation[]) {
    if (e?.code !== "earn.rate") continue;
    const source = String(e.params.source ?? "");
    const tierId = source.startsWith("tier:") ? source.slice("tier:".length) : null;
    rates.push({
      points: Number(e.params.points ?? 0),
      rate: String(e.params.rate ?? ""),
      basis: String(e.params.basis ?? ""),
      source,
      tier: tierId === null ? null : { id: tierId, name: tierNames.get(tierId) ?? tierId },
    });
  }
  return rates;
}

/** Tier names by id over the published versions, the later naming a level the last word. */
export function tierNamesOf(versions: readonly CompiledProgram[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const v of versions) for (const l of v.def.tiers?.levels ?? []) names.set(l.id, l.name ?? l.id);
  return names;
}

export interface LedgerPage {
  data: LedgerEntry[];
  nextCursor: string | null;
}

interface Cursor {
  /** The last entry returned: its transaction and posting. */
  t: string;
  s: number;
}

function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

/** Only a position: a cursor that carries anything else (a balance, say) was not made here. */
function decodeCursor(text: string): Cursor {
  try {
    const c: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (
      typeof c === "object" &&
      c !== null &&
      Object.keys(c).length === 2 &&
      "t" in c &&
      "s" in c &&
      typeof c.t === "string" &&
      Number.isSafeInteger(c.s)
    ) {
      return { t: c.t, s: Number(c.s) };
    }
  } catch {}
  throw notACursor();
}

/**
 * The wallet's balance after the entry just older than the cursor: the balance now less what was posted to or
 * from the wallet from the cursor's entry on. Both sums are ranges of the history indexes (account, transaction,
 * posting), as long as the pages the client has seen, and read in one statement with the balance, so postings
 * that land meanwhile count on both sides. Never taken from the client: a cursor only says where a page starts,
 * and it must name a posting of the member's accounts, as every cursor this API gives does.
 */
async function balanceBefore(
  q: Queryable,
  tenantId: string,
  accounts: { wallet: string; pending: string; held: string },
  at: Cursor,
): Promise<number> {
  const r = await q.query<{ known: boolean; balance: string | null }>(
    `SELECT EXISTS (SELECT 1 FROM postings WHERE tenant_id = $1 AND transaction_id = $5 AND seq = $6
                      AND (from_account IN ($2, $3, $4) OR to_account IN ($2, $3, $4))) AS known,
            ((SELECT balance FROM accounts WHERE tenant_id = $1 AND id = $2)
             - (SELECT coalesce(sum(amount), 0) FROM postings
                WHERE tenant_id = $1 AND to_account = $2 AND (transaction_id, seq) >= ($5, $6))
             + (SELECT coalesce(sum(amount), 0) FROM postings
                WHERE tenant_id = $1 AND from_account = $2 AND (transaction_id, seq) >= ($5, $6)))::text AS balance`,
    [tenantId, accounts.wallet, accounts.pending, accounts.held, at.t, at.s],
  );
  const row = r.rows[0];
  if (!row?.known) throw notACursor();
  return Number(row.balance ?? 0);
}

/**
 * The postings of a member's wallet, pending and hold accounts, newest first, by (transaction id, posting):
 * ids are time-ordered, so postings made while a client pages arrive before its first page and never shift
 * the pages after it. The running balance starts from the wallet's balance read in the same statement, or for
 * a later page from the ledger at the cursor's position. `timeZone` is the program's (its versions share one),
 * for the day of entries no event or job dates.
 */
export async function ledgerOf(
  q: Queryable,
  tenantId: string,
  memberId: string,
  page: { limit: number; cursor?: string | undefined },
  tierNames: ReadonlyMap<string, string> = new Map(),
  timeZone = "UTC",
): Promise<LedgerPage> {
  const wallet = walletAccount(memberId);
  const pending = pendingAccount(memberId);
  const held = holdAccount(memberId);
  const after = page.cursor === undefined ? null : decodeCursor(page.cursor);
  const start = after === null ? null : await balanceBefore(q, tenantId, { wallet, pending, held }, after);
  const r = await q.query<{
    transaction_id: string;
    seq: number;
    from_account: string;
    to_account: string;
    amount: string;
    code: string;
    cause: string | null;
    created_at: Date | string;
    day: string | null;
    event_type: string | null;
    external_id: string | null;
    event_order: string | null;
    current: string | null;
    effects: unknown;
  }>(
    // The order behind points earned (its own event, or the order a maturation names) gives the rates. The day
    // an entry happened: an expiry job's or a periodic credit's day from its cause; for a maturation, the day its order's pending lot in
    // the receiving wallet became available (one lookup along pending_lots_order; an order's lots for a wallet
    // get their day together, at the order or its payment, so any of them gives it); else its event's day.
    `SELECT p.transaction_id, p.seq, p.from_account, p.to_account, p.amount::text, t.code, t.cause, t.created_at,
            CASE WHEN t.code = 'expire' AND t.cause LIKE 'job:expiry:%' THEN substr(t.cause, 12)
                 WHEN t.code = 'credit' AND t.cause ~ ':[0-9]{4}-[0-9]{2}-[0-9]{2}$' THEN right(t.cause, 10)
                 WHEN t.code = 'mature' THEN (SELECT max(l.available_on)::text FROM pending_lots l
                   WHERE l.tenant_id = $1 AND l.order_id = t.cause AND l.account_id = p.to_account)
                 ELSE e.day::text END AS day,
            e.type AS event_type, e.external_id, e.payload->>'orderId' AS event_order,
            (SELECT balance::text FROM accounts WHERE tenant_id = $1 AND id = $2) AS current,
            o.outcome->'effects' AS effects
     FROM postings p
     JOIN ledger_transactions t ON t.tenant_id = p.tenant_id AND t.id = p.transaction_id
     LEFT JOIN events e ON e.tenant_id = t.tenant_id AND e.id = t.cause
     LEFT JOIN orders o ON o.tenant_id = t.tenant_id AND t.code IN ('earn', 'earn.pending', 'mature')
       AND o.member_id = $6
       AND o.id = CASE WHEN t.code = 'mature' THEN t.cause WHEN e.type = 'order' THEN e.external_id END
     WHERE p.tenant_id = $1 AND (p.from_account IN ($2, $3, $4) OR p.to_account IN ($2, $3, $4))
       ${after === null ? "" : "AND (p.transaction_id, p.seq) < ($7, $8)"}
     ORDER BY p.transaction_id DESC, p.seq DESC LIMIT $5`,
    after === null
      ? [tenantId, wallet, pending, held, page.limit + 1, memberId]
      : [tenantId, wallet, pending, held, page.limit + 1, memberId, after.t, after.s],
  );
  const first = r.rows[0];
  if (!first) {
    if (after === null && (await findMember(q, tenantId, memberId)) === null) {
      throw new ApiError("not_found", `no member ${memberId}`, "id");
    }
    return { data: [], nextCursor: null };
  }
  let balance = start ?? Number(first.current ?? 0);
  const change = (account: string, row: { from_account: string; to_account: string }, amount: number) =>
    (row.to_account === account ? amount : 0) - (row.from_account === account ? amount : 0);
  const data: LedgerEntry[] = [];
  for (const row of r.rows.slice(0, page.limit)) {
    const amount = Number(row.amount);
    const available = change(wallet, row, amount);
    const at = new Date(row.created_at).toISOString();
    data.push({
      transactionId: row.transaction_id,
      seq: Number(row.seq),
      at,
      // What no event or job dates (a hold, an adjustment, a reward) happened when it was recorded: that
      // moment's day in the program's time zone, as the program's "today" is read everywhere else.
      date: row.day ?? formatDay(localDay(at, timeZone) as Day),
      kind: row.code,
      reference: referenceOf(row.code, row.cause, row.event_type, row.external_id, row.event_order),
      from: row.from_account,
      to: row.to_account,
      amount,
      available,
      pending: change(pending, row, amount),
      held: change(held, row, amount),
      balance,
      rates: ratesOf(row.effects, tierNames),
    });
    balance -= available;
  }
  const last = data[data.length - 1] as LedgerEntry;
  const more = r.rows.length > page.limit;
  return {
    data,
    nextCursor: more ? encodeCursor({ t: last.transactionId, s: last.seq }) : null,
  };
}

function referenceOf(
  code: string,
  cause: string | null,
  eventType: string | null,
  externalId: string | null,
  eventOrder: string | null,
): LedgerEntry["reference"] {
  if (eventType === "return" && externalId !== null) {
    return { type: "return", id: externalId, ...(eventOrder === null ? {} : { orderId: eventOrder }) };
  }
  if (eventType !== null) return { type: eventType, id: externalId };
  if (cause === null) return { type: "other", id: null };
  if (cause.startsWith("hld_")) return { type: "hold", id: cause };
  if (cause.startsWith("adj_")) return { type: "adjustment", id: cause };
  if (cause.startsWith("job:")) return { type: "job", id: cause };
  // Maturation names the order whose points matured.
  if (code === "mature") return { type: "order", id: cause };
  return { type: "other", id: cause };
}

export interface TierStatus {
  memberId: string;
  tier: { id: string; name: string } | null;
  /** The day the member reached its tier, when known. */
  since: string | null;
  metric: "netPurchases" | "pointsEarned";
  evaluation: string;
  /** The window of the next evaluation and what counts in it so far (money as a decimal, or points). */
  window: { from: string; to: string };
  measure: string | number;
  /** The next level, what is missing, the last day purchases count for it and the day it would be set. */
  next: {
    id: string;
    name: string;
    threshold: string | number;
    remaining: string | number;
    by: string | null;
    effectiveOn: string;
  } | null;
  /** What keeps the current tier at its next evaluation: `remaining` more by `by`, and an order by `orderBy`
   *  where the level drops after days without one. */
  keep: {
    threshold: string | number;
    remaining: string | number;
    by: string | null;
    orderBy: string | null;
    graceDays: number;
  } | null;
  explanation: Explanation | null;
  text: string | null;
}

/** The longest window a program can name, in days. */
const HISTORY_DAYS = 3661;

/** Days looked ahead for the next day a calendar evaluation sets levels (a year and a day). */
const SETTING_SEARCH_DAYS = 367;

/**
 * A member's tier on `today` and its progress: the level the engine reads from the member's history, the
 * window of the next evaluation, and, through the engine's `tierProgress`, the next level and what is missing.
 */
export async function tierOf(
  q: Queryable,
  tenantId: string,
  memberId: string,
  p: CompiledProgram,
  today: Day,
): Promise<TierStatus> {
  const t = p.tiers;
  if (!t) throw new ApiError("not_found", "the program has no tiers", "id");
  const m = await findMember(q, tenantId, memberId);
  if (!m) throw new ApiError("not_found", `no member ${memberId}`, "id");
  const since = await q.query<{ tier_since: string | null; last_order_on: string | null }>(
    "SELECT tier_since::text, last_order_on::text FROM members WHERE tenant_id = $1 AND id = $2",
    [tenantId, memberId],
  );
  const row = since.rows[0];
  const history = await loadHistory(q, tenantId, memberId, today - HISTORY_DAYS);
  const series = t.metric === "netPurchases" ? "net" : "points";
  const shown = (v: number) => (t.metric === "netPurchases" ? formatMinor(v, p.digits) : v);
  const names = new Map((p.def.tiers?.levels ?? []).map((l) => [l.id, l.name ?? l.id]));
  const current = tierOn(p, m.tier, today, history) ?? t.initial;
  const level = t.levels[levelIndex(t, current)];

  // The evaluation that decides next: tomorrow for daily levels, else the next day that sets levels.
  let evaluationDay = today + 1;
  if (t.evaluation !== "daily") {
    while (!isSettingDay(t, evaluationDay) && evaluationDay < today + SETTING_SEARCH_DAYS) evaluationDay++;
  }
  const w = qualifyingWindow(t, evaluationDay);
  const measure = sumBetween(history, series, w.from, Math.min(w.to, today));
  const progress = tierProgress(p, current, measure);
  const nextLevel = progress.next === null ? null : t.levels[levelIndex(t, progress.next)];
  const next =
    progress.next === null || !nextLevel
      ? null
      : {
          id: progress.next,
          name: names.get(progress.next) ?? progress.next,
          threshold: shown(nextLevel.from),
          remaining: shown(progress.remaining),
          // A rolling window has no last day: reached on any day, the level is set the next.
          by: "rollingDays" in t.window ? null : formatDay(w.to),
          effectiveOn: formatDay(w.to + 1),
        };

  let keep: TierStatus["keep"] = null;
  if (level && levelIndex(t, current) > 0) {
    let by: Day | null = w.to;
    let remaining = Math.max(0, level.from - measure);
    if ("rollingDays" in t.window) {
      // Without more purchases the rolling sum falls as days leave the window: the first day it falls below
      // the level is when the level is lost; buying the shortfall by the day before keeps it.
      by = null;
      remaining = 0;
      for (let d = today + 1; d <= today + t.window.rollingDays + 1; d++) {
        const win = qualifyingWindow(t, d);
        const amount = sumBetween(history, series, win.from, Math.min(win.to, today));
        if (levelIndex(t, levelFor(t, amount)) < levelIndex(t, current)) {
          by = d - 1;
          remaining = level.from - amount;
          break;
        }
      }
    }
    const last = row?.last_order_on ? parseDay(row.last_order_on) : null;
    keep = {
      threshold: shown(level.from),
      remaining: shown(remaining),
      by: by === null ? null : formatDay(by),
      orderBy: t.inactivityDays !== null && last !== null ? formatDay(last + t.inactivityDays - 1) : null,
      graceDays: t.graceDays,
    };
  }
  const explanation: Explanation | null =
    next === null
      ? null
      : {
          code: next.by === null ? "tier.progressOpen" : "tier.progress",
          version: p.version,
          params: { tier: current, next: next.name, remaining: next.remaining, by: next.by },
        };
  return {
    memberId,
    tier: { id: current, name: names.get(current) ?? current },
    since: current === m.tier ? (row?.tier_since ?? null) : null,
    metric: t.metric,
    evaluation: t.evaluation,
    window: { from: formatDay(w.from), to: formatDay(w.to) },
    measure: shown(measure),
    next,
    keep,
    explanation,
    // Rendered once the engine has a sentence for the code; until then the explanation's parameters say it.
    text: explanation !== null && explanation.code in EXPLANATIONS ? renderExplanation(explanation) : null,
  };
}
