// A draft simulated over the tenant's own history: the stored orders and returns, in day order, replayed
// by the engine's replay (as `patron simulate` does) through the draft and through the published versions,
// with the difference of their totals. Bounded by a date range and an event limit.
import {
  type CompanyRow,
  type CompiledProgram,
  formatDay,
  formatMinor,
  type OrderEvent,
  type OrderRow,
  parseDay,
  parseScaled,
  ReplayError,
  type ReplayResult,
  type ReturnEvent,
  replay,
  type TotalsOut,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { EARLIEST_DATE, EARLIEST_DAY } from "../../http/context.ts";
import { ApiError } from "../../http/errors.ts";
import { compiledDraft, publishedPrograms } from "./service.ts";

/** The most events one simulation replays; a longer history is cut there (`truncated`). */
export const MAX_SIMULATION_EVENTS = 50_000;
/** The most days one simulation spans, from its first event to its last day. */
export const MAX_SIMULATION_DAYS = 3_660;
/** How many levels of parent companies are read for pooled tiers. */
const MAX_PARENT_HOPS = 8;

export interface SimulationInput {
  /** First day of events replayed (ISO date); the history's first day by default. */
  from: string | null;
  /** Last day replayed, whose jobs run too; the last event's day by default. */
  to: string | null;
  limit: number;
}

export interface SimulationSide {
  versions: number[];
  totals: TotalsOut;
  /** Members per level at the last day; `none` counts members of a program without levels. */
  tiers: Record<string, number>;
  /**
   * What the program gave away, in currency (docs/metrics.md#program-cost): discounts plus the points earned
   * and kept (earned − reversed − expired) at the point value of the side's last version.
   */
  cost: string;
}

export interface Simulation {
  draftId: string;
  from: string | null;
  asOf: string;
  orders: number;
  returns: number;
  /** Returns of orders dated before `from`, left out because their order is not replayed. */
  skippedReturns: number;
  /** True when more events matched than `limit`: the replay stops at the last event taken. */
  truncated: boolean;
  draft: SimulationSide;
  /** The same history through the published versions (as live ingestion priced it); null before any. */
  published: SimulationSide | null;
  /** Draft minus published: money as decimal strings, points as integers. */
  difference: Record<string, string | number> | null;
}

interface StoredEvent {
  type: "order" | "return";
  day: string;
  payload: OrderEvent | ReturnEvent;
  source: string;
  external_id: string;
  /** The points the order spent, as posted: a hold's points when it captured one (its request names none). */
  redeemed: number | null;
}

export async function simulateDraft(
  q: Queryable,
  tenantId: string,
  draftId: string,
  input: SimulationInput,
): Promise<Simulation> {
  const draft = await compiledDraft(q, tenantId, draftId);
  const published = await publishedPrograms(q, tenantId);
  const base = published[0];
  if (base && base.currency !== draft.currency) {
    throw new ApiError(
      "validation_failed",
      `the draft's currency is ${draft.currency}, but the history is in ${base.currency}`,
      "definition",
    );
  }
  const from = dayParam(input.from, "from");
  const to = dayParam(input.to, "to");
  if (from !== null && to !== null && to < from)
    throw new ApiError("validation_failed", "to must not be before from", "to");

  const limit = Math.min(Math.max(1, input.limit), MAX_SIMULATION_EVENTS);
  const r = await q.query<StoredEvent>(
    `SELECT e.type, e.day::text, e.payload, e.source, e.external_id, o.points_redeemed::float8 AS redeemed
     FROM events e
     LEFT JOIN orders o ON e.type = 'order' AND o.tenant_id = e.tenant_id AND o.id = e.external_id
     WHERE e.tenant_id = $1 AND e.type IN ('order', 'return') AND ($2::date IS NULL OR e.day >= $2::date)
       AND ($3::date IS NULL OR e.day <= $3::date)
     ORDER BY e.day, e.received_at, e.id LIMIT $4`,
    [tenantId, input.from, input.to, limit + 1],
  );
  const truncated = r.rows.length > limit;
  const events = r.rows.slice(0, limit);
  const { rows, skippedReturns, companyIds, orders, returns } = rowsOf(events);
  const last = events[events.length - 1];
  const asOf =
    truncated || input.to === null ? (last?.day ?? input.from ?? formatDay(draft.startsOn)) : input.to;
  const first = events[0]?.day ?? asOf;
  const span = (parseDay(asOf) ?? 0) - (parseDay(first) ?? 0);
  if (span > MAX_SIMULATION_DAYS) {
    throw new ApiError(
      "validation_failed",
      `the history spans ${span} days; simulate at most ${MAX_SIMULATION_DAYS} days at a time`,
      "from",
    );
  }
  const companies = await companiesOf(q, tenantId, companyIds);
  const run = (versions: readonly CompiledProgram[]): ReplayResult => {
    try {
      return replay(versions, rows, companies, { asOf });
    } catch (e) {
      if (e instanceof ReplayError) {
        const ev = events[e.line - 1];
        const which = ev ? `event ${ev.source}/${ev.external_id} of ${ev.day}` : "the history";
        throw new ApiError("validation_failed", `${which} cannot be replayed: ${e.message}`, "definition");
      }
      throw e;
    }
  };
  const d = run([draft]);
  const draftSide = side(d, [draft]);
  const publishedSide = published.length > 0 ? side(run(published), published) : null;
  return {
    draftId,
    from: input.from,
    asOf,
    orders,
    returns,
    skippedReturns,
    truncated,
    draft: draftSide,
    published: publishedSide,
    difference: publishedSide
      ? {
          ...difference(draftSide.totals, publishedSide.totals, draft.digits),
          cost: formatMinor(
            minor(draftSide.cost, draft.digits) - minor(publishedSide.cost, draft.digits),
            draft.digits,
          ),
        }
      : null,
  };
}

function dayParam(text: string | null, field: string): number | null {
  if (text === null) return null;
  const d = parseDay(text);
  if (d === null)
    throw new ApiError("validation_failed", `${field} must be a date such as 2026-01-31`, field);
  if (d < EARLIEST_DAY)
    throw new ApiError("validation_failed", `${field} must be on or after ${EARLIEST_DATE}`, field);
  return d;
}

/**
 * Stored events as the rows of an orders file: one row per line, `fileLine` the event's place in the list
 * (so a replay error names the event). A return's company is its order's; a return of an order outside the
 * range is left out.
 */
function rowsOf(events: readonly StoredEvent[]): {
  rows: OrderRow[];
  skippedReturns: number;
  companyIds: string[];
  orders: number;
  returns: number;
} {
  const rows: OrderRow[] = [];
  const companyOf = new Map<string, string>();
  let skippedReturns = 0;
  let orders = 0;
  let returns = 0;
  events.forEach((e, i) => {
    const fileLine = i + 1;
    const date = e.day;
    if (e.type === "order") {
      const ev = e.payload as OrderEvent;
      companyOf.set(ev.orderId, ev.companyId);
      orders++;
      ev.lines.forEach((l, k) => {
        rows.push({
          fileLine,
          event: "order",
          orderId: ev.orderId,
          date,
          companyId: ev.companyId,
          contactId: ev.contactId,
          sku: l.sku,
          category: l.category,
          quantityMilli: l.quantityMilli,
          unitPriceMinor: l.unitPriceMinor,
          unitCostMinor: l.unitCostMinor,
          // An order that captured a hold asked for the hold's points, not for what its request says.
          pointsToRedeem: k === 0 ? Math.max(ev.pointsToRedeem, e.redeemed ?? 0) : null,
          promoCode: k === 0 ? ev.code : null,
          paidOn: ev.paidOn === null ? null : formatDay(ev.paidOn),
          termMonths: ev.termMonths,
          partnerId: ev.partnerId,
          salesRepId: ev.salesRepId,
          lineId: null,
        });
      });
      return;
    }
    const ev = e.payload as ReturnEvent;
    const companyId = companyOf.get(ev.orderId);
    if (companyId === undefined) {
      skippedReturns++;
      return;
    }
    returns++;
    for (const l of ev.lines) {
      rows.push({
        fileLine,
        event: "return",
        orderId: ev.orderId,
        date,
        companyId,
        contactId: null,
        sku: l.sku,
        category: "",
        quantityMilli: l.quantityMilli,
        unitPriceMinor: l.unitPriceMinor,
        unitCostMinor: null,
        pointsToRedeem: null,
        promoCode: null,
        paidOn: null,
        termMonths: null,
        partnerId: null,
        salesRepId: null,
        lineId: null,
      });
    }
  });
  return { rows, skippedReturns, companyIds: [...new Set(companyOf.values())], orders, returns };
}

/** The members of the history as a companies file: profile, joining and enrolment days, parents. */
async function companiesOf(q: Queryable, tenantId: string, ids: readonly string[]): Promise<CompanyRow[]> {
  const out = new Map<string, CompanyRow>();
  let wanted = [...ids];
  for (let hop = 0; hop <= MAX_PARENT_HOPS && wanted.length > 0; hop++) {
    const r = await q.query<{
      id: string;
      name: string | null;
      tax_id: string | null;
      parent_id: string | null;
      segment: string | null;
      region: string | null;
      joined_on: string | null;
      enrolled_on: string | null;
    }>(
      `SELECT id, name, tax_id, parent_id, segment, region, joined_on::text, enrolled_on::text
       FROM members WHERE tenant_id = $1 AND id = ANY($2::text[])`,
      [tenantId, pgArray(wanted)],
    );
    const parents: string[] = [];
    for (const m of r.rows) {
      out.set(m.id, {
        fileLine: 0,
        companyId: m.id,
        name: m.name ?? "",
        taxId: m.tax_id,
        parentId: m.parent_id,
        segment: m.segment,
        region: m.region,
        joinedOn: m.joined_on,
        enrolledOn: m.enrolled_on,
      });
      if (m.parent_id !== null && !out.has(m.parent_id)) parents.push(m.parent_id);
    }
    wanted = parents;
  }
  return [...out.values()];
}

function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`;
}

function side(r: ReplayResult, versions: readonly CompiledProgram[]): SimulationSide {
  const tiers: Record<string, number> = {};
  const last = versions[versions.length - 1];
  for (const l of last?.tiers?.levels ?? []) tiers[l.id] = 0;
  for (const m of r.members) {
    const key = m.tier ?? "none";
    tiers[key] = (tiers[key] ?? 0) + 1;
  }
  const digits = last?.digits ?? 2;
  const kept = r.totals.earned - r.totals.reversed - r.totals.expired;
  const cost = minor(r.totals.discount, digits) + kept * (last?.pointValueMinor ?? 0);
  return {
    versions: versions.map((v) => v.version),
    totals: r.totals,
    tiers,
    cost: formatMinor(cost, digits),
  };
}

const MONEY = ["gross", "discount", "net", "refund", "liability"] as const;
const POINTS = ["earned", "redeemed", "refunded", "expired", "reversed", "balance", "pending"] as const;

function difference(a: TotalsOut, b: TotalsOut, digits: number): Record<string, string | number> {
  const out: Record<string, string | number> = {};
  for (const k of MONEY) out[k] = formatMinor(minor(a[k], digits) - minor(b[k], digits), digits);
  for (const k of POINTS) out[k] = a[k] - b[k];
  out.orders = a.orders - b.orders;
  return out;
}

function minor(text: string, digits: number): number {
  const v = parseScaled(text, digits);
  if (v === null) throw new Error(`a replay total "${text}" is not a decimal of ${digits} digits`);
  return v;
}
