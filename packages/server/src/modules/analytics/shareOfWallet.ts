// Share of wallet: what a client bought of a category from everyone (entered by a sales manager or imported)
// against what it bought of that category from us over the same days. Definition: docs/metrics.md#share-of-wallet.
import {
  type CompiledProgram,
  formatDay,
  formatMinor,
  type PricedLine,
  parseScaled,
  returnedSaleMinor,
} from "@patron/engine";
import type { Db, Param, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import type { CompanyScope } from "../companies/scope.ts";
import { defined, periodOf, programContext } from "./service.ts";

/** The most figures one import carries. */
export const MAX_IMPORT_ROWS = 1000;

export interface CategoryPurchaseInput {
  companyId: string;
  category: string;
  from: string;
  to: string;
  /** The client's purchases of the category from every supplier, in the program's currency ("125000.00"). */
  total: string;
}

export interface ShareRow {
  /** The company, or the segment (null: none set) in the per-segment rows. */
  key: string | null;
  category: string;
  /** Companies whose figures the row adds up. */
  companies: number;
  total: string;
  ours: string;
  /** ours / total, 4 decimals; null when the total is zero. */
  share: number | null;
}

export interface CategoryPurchase {
  companyId: string;
  category: string;
  from: string;
  to: string;
  total: string;
  ours: string;
  share: number | null;
  source: "entered" | "imported";
  updatedAt: string;
  updatedBy: string;
}

const share = (ours: bigint, total: bigint) =>
  total === 0n ? null : Math.round((Number(ours) / Number(total)) * 10_000) / 10_000;

function minorOf(p: CompiledProgram, text: string, field: string): bigint {
  const v = parseScaled(text, p.digits);
  if (v === null || v < 0)
    throw new ApiError(
      "validation_failed",
      `"${text}" is not an amount of ${p.currency} with at most ${p.digits} decimals`,
      field,
    );
  return BigInt(v);
}

/**
 * Our sales of a category to a company over each figure's own days: Σ (gross − discount) of the lines of that
 * category on orders not cancelled, read from the company's orders (an index range per company); and those of
 * the lines with units returned since (whenever the return), with how many, for what was returned to be taken off.
 */
const OURS = `
SELECT cp.company_id, cp.category, cp.period_from::text AS period_from, cp.period_to::text AS period_to,
  cp.total_minor::text AS total_minor, cp.source, cp.updated_at, cp.updated_by,
  m.segment,
  (SELECT COALESCE(sum((l->>'grossMinor')::bigint - (l->>'discountMinor')::bigint), 0)
   FROM orders o, json_array_elements(o.outcome->'lines') l
   WHERE o.tenant_id = $1 AND o.member_id = cp.company_id AND o.day BETWEEN cp.period_from AND cp.period_to
     AND o.cancelled_on IS NULL AND l->>'category' = cp.category)::text AS ours,
  (SELECT COALESCE(jsonb_agg(jsonb_build_array(x.l, o.progress->'returnedMilli'->((x.k - 1)::int))), '[]'::jsonb)
   FROM orders o, json_array_elements(o.outcome->'lines') WITH ORDINALITY AS x (l, k)
   WHERE o.tenant_id = $1 AND o.member_id = cp.company_id AND o.day BETWEEN cp.period_from AND cp.period_to
     AND o.cancelled_on IS NULL AND o.progress IS NOT NULL AND x.l->>'category' = cp.category
     AND COALESCE((o.progress->'returnedMilli'->>((x.k - 1)::int))::bigint, 0) > 0) AS returned
FROM category_purchases cp JOIN members m ON m.tenant_id = $1 AND m.id = cp.company_id
WHERE cp.tenant_id = $1`;

interface OursRow {
  company_id: string;
  category: string;
  period_from: string;
  period_to: string;
  total_minor: string;
  source: "entered" | "imported";
  updated_at: Date | string;
  updated_by: string;
  segment: string | null;
  ours: string;
  /** Lines of the figure's category with units returned: the line, and the thousandths of units returned. */
  returned: [PricedLine, number][];
}

/** Our net sales of a figure: what we sold of its category over its days, less what of it was returned. */
function oursOf(r: OursRow): bigint {
  let returned = 0n;
  for (const [line, milli] of r.returned) returned += BigInt(returnedSaleMinor(line, milli));
  return BigInt(r.ours) - returned;
}

function toPurchase(p: CompiledProgram, r: OursRow): CategoryPurchase {
  const total = BigInt(r.total_minor);
  const ours = oursOf(r);
  return {
    companyId: r.company_id,
    category: r.category,
    from: String(r.period_from).slice(0, 10),
    to: String(r.period_to).slice(0, 10),
    total: formatMinor(total, p.digits),
    ours: formatMinor(ours, p.digits),
    share: share(ours, total),
    source: r.source,
    updatedAt: new Date(r.updated_at).toISOString(),
    updatedBy: r.updated_by,
  };
}

/** A company's figures, newest period first, each with our sales over its days. */
export async function companyPurchases(
  db: Db,
  tenantId: string,
  companyId: string,
  now: Date,
): Promise<CategoryPurchase[]> {
  const { p } = await programContext(db, tenantId, now);
  const r = await db.query<OursRow>(
    `${OURS} AND cp.company_id = $2 ORDER BY cp.period_from DESC, cp.category LIMIT 500`,
    [tenantId, companyId],
  );
  return r.rows.map((x) => toPurchase(p, x));
}

/** Enters (or replaces) figures; the companies must exist and be in the principal's scope. All or nothing. */
export async function putPurchases(
  tx: Queryable,
  tenantId: string,
  scope: CompanyScope,
  p: CompiledProgram,
  rows: readonly CategoryPurchaseInput[],
  source: "entered" | "imported",
  change: Change,
  fieldOf: (k: number, name: string) => string,
): Promise<number> {
  for (const [k, x] of rows.entries()) {
    if (x.to < x.from)
      throw new ApiError("validation_failed", "the period ends before it starts", fieldOf(k, "to"));
    if (!(await scope.includes(tx, x.companyId)))
      throw new ApiError("not_found", `no company ${x.companyId}`, fieldOf(k, "companyId"));
    const totalMinor = minorOf(p, x.total, fieldOf(k, "total"));
    const before = await tx.query<{ total_minor: string; period_to: string }>(
      `SELECT total_minor::text, period_to::text FROM category_purchases
       WHERE tenant_id = $1 AND company_id = $2 AND category = $3 AND period_from = $4 FOR UPDATE`,
      [tenantId, x.companyId, x.category, x.from],
    );
    await tx.query(
      `INSERT INTO category_purchases (tenant_id, company_id, category, period_from, period_to, total_minor, source, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (tenant_id, company_id, category, period_from) DO UPDATE SET period_to = EXCLUDED.period_to,
         total_minor = EXCLUDED.total_minor, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at,
         updated_by = EXCLUDED.updated_by`,
      [tenantId, x.companyId, x.category, x.from, x.to, String(totalMinor), source, change.at, change.actor],
    );
    const old = before.rows[0];
    await recordAudit(tx, tenantId, change, {
      action: source === "entered" ? "categoryPurchase.put" : "categoryPurchase.import",
      target: x.companyId,
      before: old
        ? {
            category: x.category,
            from: x.from,
            to: old.period_to,
            total: formatMinor(BigInt(old.total_minor), p.digits),
          }
        : null,
      after: { category: x.category, from: x.from, to: x.to, total: formatMinor(totalMinor, p.digits) },
    });
  }
  return rows.length;
}

export interface ShareOfWallet {
  from: string;
  to: string;
  currency: string;
  companies: ShareRow[];
  segments: ShareRow[];
  definitions: Record<string, string>;
}

/**
 * The figures whose days lie within the period, per company and category and per segment and category, with our
 * sales over the same days. A sales manager sees (and the segments add up) only their own clients.
 */
export async function shareOfWallet(
  db: Db,
  scope: CompanyScope,
  now: Date,
  q: { from?: string; to?: string },
): Promise<ShareOfWallet> {
  const { p, today } = await programContext(db, scope.tenantId, now);
  const period = periodOf(q.from ?? formatDay((today - 364) as typeof today), q.to, today);
  const params: Param[] = [scope.tenantId, formatDay(period.from), formatDay(period.to)];
  const inScope = scope.where("cp.company_id", params);
  const r = await db.query<OursRow>(
    `${OURS} AND cp.period_from >= $2 AND cp.period_to <= $3 AND ${inScope} ORDER BY cp.company_id, cp.category LIMIT 100000`,
    params,
  );
  const companies = new Map<string, { row: ShareRow; total: bigint; ours: bigint }>();
  const segments = new Map<string, { row: ShareRow; total: bigint; ours: bigint; ids: Set<string> }>();
  const money = (x: bigint) => formatMinor(x, p.digits);
  for (const x of r.rows) {
    const total = BigInt(x.total_minor);
    const ours = oursOf(x);
    const ck = `${x.company_id}\u0000${x.category}`;
    const c = companies.get(ck) ?? {
      row: { key: x.company_id, category: x.category, companies: 1, total: "", ours: "", share: null },
      total: 0n,
      ours: 0n,
    };
    c.total += total;
    c.ours += ours;
    companies.set(ck, c);
    const sk = `${x.segment ?? ""}\u0000${x.segment === null ? "0" : "1"}\u0000${x.category}`;
    const s = segments.get(sk) ?? {
      row: { key: x.segment, category: x.category, companies: 0, total: "", ours: "", share: null },
      total: 0n,
      ours: 0n,
      ids: new Set<string>(),
    };
    s.total += total;
    s.ours += ours;
    s.ids.add(x.company_id);
    segments.set(sk, s);
  }
  const finish = (x: { row: ShareRow; total: bigint; ours: bigint }): ShareRow => ({
    ...x.row,
    total: money(x.total),
    ours: money(x.ours),
    share: share(x.ours, x.total),
  });
  return {
    from: formatDay(period.from),
    to: formatDay(period.to),
    currency: p.currency,
    companies: [...companies.values()].map(finish),
    segments: [...segments.values()]
      .map((s) => finish({ ...s, row: { ...s.row, companies: s.ids.size } }))
      .sort((a, b) =>
        a.key === b.key
          ? a.category < b.category
            ? -1
            : 1
          : a.key === null
            ? 1
            : b.key === null
              ? -1
              : a.key < b.key
                ? -1
                : 1,
      ),
    definitions: { share: defined("share-of-wallet") },
  };
}
