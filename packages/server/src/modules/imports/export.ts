// Exports of a tenant's companies, orders and ledger as rows of the CSV formats imports read, page by page
// along an index (keyset paging), so that an export of any size streams in bounded memory.
import { formatDay, formatMinor, type OrderEvent, type ReturnEvent } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { publishedPrograms } from "../programs/service.ts";

/** Rows read per query. */
export const EXPORT_PAGE_ROWS = 1000;

export const COMPANY_EXPORT_COLUMNS = [
  "company_id",
  "name",
  "tax_id",
  "parent_id",
  "segment",
  "region",
  "joined_on",
  "enrolled_on",
] as const;

export const ORDER_EXPORT_COLUMNS = [
  "event",
  "order_id",
  "date",
  "company_id",
  "contact_id",
  "sku",
  "category",
  "quantity",
  "unit_price",
  "unit_cost",
  "points_to_redeem",
  "promo_code",
  "paid_on",
  "term_months",
  "partner_id",
  "sales_rep_id",
] as const;

export const LEDGER_EXPORT_COLUMNS = [
  "transaction_id",
  "created_at",
  "code",
  "cause",
  "seq",
  "from_account",
  "to_account",
  "amount",
] as const;

type Cell = string;

/** Every company of the tenant, by id. */
export async function* companyRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  let after = "";
  for (;;) {
    const r = await q.query<Record<string, string | null>>(
      `SELECT id, name, tax_id, parent_id, segment, region, joined_on::text, enrolled_on::text FROM members
       WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    for (const m of r.rows) {
      yield [m.id, m.name, m.tax_id, m.parent_id, m.segment, m.region, m.joined_on, m.enrolled_on].map(
        (v) => v ?? "",
      );
    }
    if (r.rows.length < EXPORT_PAGE_ROWS) return;
    after = r.rows[r.rows.length - 1]?.id as string;
  }
}

/** A quantity in thousandths as the shortest decimal ("6", "1.5"). */
function quantity(milli: number): string {
  return formatMinor(milli, 3).replace(/\.?0+$/, "");
}

/**
 * Every order and return the tenant received, one row per line, in the order received (an import receives
 * them by day, so the file is in date order). Money is written with the program's decimals.
 */
export async function* orderRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  const digits = (await publishedPrograms(q, tenantId))[0]?.digits ?? 2;
  const money = (minor: number | null) => (minor === null ? "" : formatMinor(minor, digits));
  let after = "";
  for (;;) {
    const r = await q.query<{ id: string; type: string; payload: unknown; member_id: string | null }>(
      `SELECT e.id, e.type, e.payload, o.member_id FROM events e
       LEFT JOIN orders o ON o.tenant_id = e.tenant_id AND o.id = e.payload->>'orderId' AND e.type = 'return'
       WHERE e.tenant_id = $1 AND e.id > $2 AND e.type IN ('order', 'return')
       ORDER BY e.id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    for (const e of r.rows) {
      if (e.type === "order") {
        const o = e.payload as OrderEvent;
        for (const [i, l] of o.lines.entries()) {
          const first = i === 0;
          yield [
            "order",
            o.orderId,
            formatDay(o.day),
            o.companyId,
            o.contactId ?? "",
            l.sku,
            l.category,
            quantity(l.quantityMilli),
            money(l.unitPriceMinor),
            money(l.unitCostMinor),
            first && o.pointsToRedeem > 0 ? String(o.pointsToRedeem) : "",
            first ? (o.code ?? "") : "",
            o.paidOn === null ? "" : formatDay(o.paidOn),
            o.termMonths === null ? "" : String(o.termMonths),
            o.partnerId ?? "",
            o.salesRepId ?? "",
          ];
        }
      } else {
        const ret = e.payload as ReturnEvent;
        for (const l of ret.lines) {
          yield [
            "return",
            ret.orderId,
            formatDay(ret.day),
            e.member_id ?? "",
            "",
            l.sku,
            "",
            quantity(l.quantityMilli),
            money(l.unitPriceMinor),
            "",
            "",
            "",
            "",
            "",
            "",
            "",
          ];
        }
      }
    }
    if (r.rows.length < EXPORT_PAGE_ROWS) return;
    after = r.rows[r.rows.length - 1]?.id as string;
  }
}

/** Every posting of the tenant's ledger with its transaction, by transaction id (time order) and sequence. */
export async function* ledgerRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  let afterTxn = "";
  let afterSeq = -1;
  for (;;) {
    const r = await q.query<{
      transaction_id: string;
      created_at: string;
      code: string;
      cause: string | null;
      seq: number;
      from_account: string;
      to_account: string;
      amount: string;
    }>(
      `SELECT p.transaction_id, to_char(t.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS created_at,
              t.code, t.cause, p.seq, p.from_account, p.to_account, p.amount::text
       FROM postings p JOIN ledger_transactions t ON t.tenant_id = p.tenant_id AND t.id = p.transaction_id
       WHERE p.tenant_id = $1 AND (p.transaction_id, p.seq) > ($2, $3) AND t.id >= $2
       ORDER BY p.transaction_id, p.seq LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, afterTxn, afterSeq],
    );
    for (const p of r.rows) {
      yield [
        p.transaction_id,
        p.created_at,
        p.code,
        p.cause ?? "",
        String(p.seq),
        p.from_account,
        p.to_account,
        p.amount,
      ];
    }
    const last = r.rows[r.rows.length - 1];
    if (!last || r.rows.length < EXPORT_PAGE_ROWS) return;
    afterTxn = last.transaction_id;
    afterSeq = Number(last.seq);
  }
}
