// NPS over time per segment or tier: every survey's answers, month by month, read through the surveys module.
// Definition: docs/metrics.md#nps.
import { formatDay } from "@patron/engine";
import type { Db } from "../../db/db.ts";
import { type NpsGroup, results } from "../surveys/service.ts";
import { defined, periodOf, programContext } from "./service.ts";

export interface NpsSeries {
  /** The segment or tier (null: none set when answering), or null for everyone when not grouped. */
  group: string | null;
  responses: number;
  nps: number;
  months: Omit<NpsGroup, "group">[];
}

export interface NpsReport {
  from: string;
  to: string;
  groupBy: "none" | "segment" | "tier";
  groups: NpsSeries[];
  definitions: Record<string, string>;
}

/** One series per group, with a point for each month of the period that has answers. */
export async function npsReport(
  db: Db,
  tenantId: string,
  now: Date,
  q: { from?: string; to?: string; groupBy: "none" | "segment" | "tier" },
): Promise<NpsReport> {
  const { today } = await programContext(db, tenantId, now);
  // A year by default: NPS moves slowly.
  const period = periodOf(q.from ?? formatDay((today - 364) as typeof today), q.to, today);
  const from = formatDay(period.from);
  const to = formatDay(period.to);
  const monthly = await results(db, tenantId, null, { from, to, groupBy: q.groupBy, interval: "month" });
  const overall = await results(db, tenantId, null, { from, to, groupBy: q.groupBy, interval: "all" });
  const groups: NpsSeries[] = overall.map((g) => ({
    group: g.group,
    responses: g.responses,
    nps: g.nps,
    months: monthly.filter((m) => m.group === g.group).map(({ group: _g, ...m }) => m),
  }));
  return { from, to, groupBy: q.groupBy, groups, definitions: { nps: defined("nps") } };
}
