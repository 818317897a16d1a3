// Exports of a tenant's companies, orders, ledger, reward catalog and wallets as CSV rows (the first ones in
// the formats imports read), page by page along an index (keyset paging), so that an export of any size
// streams in bounded memory.
import {
  type Day,
  formatDay,
  formatMinor,
  localDay,
  newHistory,
  type OrderEvent,
  parseDay,
  qualifyingWindow,
  type ReturnEvent,
  record,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { tierOn } from "../events/service.ts";
import { pgArray } from "../ledger/service.ts";
import { levelIsKept } from "../members/levels.ts";
import { pendingAccount, walletAccount } from "../members/service.ts";
import { programAt, publishedPrograms } from "../programs/service.ts";
import { holdAccount } from "../redemptions/service.ts";

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

/** The reward catalog's columns, as `patron import rewards` reads them (lists are separated by `|`). */
export const REWARD_EXPORT_COLUMNS = [
  "reward_id",
  "name",
  "description",
  "kind",
  "price_points",
  "stock",
  "image_url",
  "tiers",
  "roles",
  "company_approval",
  "owner_approval",
  "active",
] as const;

/** Every reward of the catalog, active or not, by id. */
export async function* rewardRows(q: Queryable, tenantId: string): AsyncGenerator<Cell[]> {
  let after = "";
  for (;;) {
    const r = await q.query<{
      id: string;
      name: string;
      description: string;
      kind: string;
      price_points: string;
      stock: number | null;
      image_url: string | null;
      tiers: string[];
      roles: string[];
      company_approval: boolean;
      owner_approval: boolean;
      active: boolean;
    }>(
      `SELECT id, name, description, kind, price_points::text, stock, image_url, tiers, roles, company_approval,
              owner_approval, active FROM rewards
       WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    for (const x of r.rows) {
      yield [
        x.id,
        x.name,
        x.description,
        x.kind,
        x.price_points,
        x.stock === null ? "" : String(x.stock),
        x.image_url ?? "",
        x.tiers.join("|"),
        x.roles.join("|"),
        String(x.company_approval),
        String(x.owner_approval),
        String(x.active),
      ];
    }
    if (r.rows.length < EXPORT_PAGE_ROWS) return;
    after = r.rows[r.rows.length - 1]?.id as string;
  }
}

export const WALLET_EXPORT_COLUMNS = [
  "company_id",
  "tier",
  "available",
  "pending",
  "held",
  "debt",
  "next_expiry_on",
  "next_expiry_points",
  "expiring",
] as const;

/**
 * Every company's wallet on `today` (the tenant's day when not given): available, pending and held points, debt,
 * the next expiry, every expiry as `date:points` separated by spaces (soonest first), and the tier the member
 * holds (empty when the program has no tiers). Three or four queries per page of companies, whatever its size.
 */
export async function* walletRows(q: Queryable, tenantId: string, now = new Date()): AsyncGenerator<Cell[]> {
  const versions = await publishedPrograms(q, tenantId);
  const first = versions[0];
  const today = first ? (localDay(now.toISOString(), first.timeZone) as Day) : null;
  const program = today === null ? null : (programAt(versions, today) ?? first ?? null);
  const tiers = program?.tiers ?? null;
  const window = tiers && today !== null && !levelIsKept(tiers) ? qualifyingWindow(tiers, today) : null;
  let after = "";
  for (;;) {
    const page = await q.query<{ id: string; tier: string | null }>(
      `SELECT id, tier FROM members WHERE tenant_id = $1 AND id > $2 ORDER BY id LIMIT ${EXPORT_PAGE_ROWS}`,
      [tenantId, after],
    );
    const ids = page.rows.map((m) => m.id);
    if (ids.length > 0) {
      const accounts = ids.flatMap((id) => [walletAccount(id), pendingAccount(id), holdAccount(id)]);
      const balances = await q.query<{ id: string; balance: string }>(
        "SELECT id, balance::text FROM accounts WHERE tenant_id = $1 AND id = ANY($2::text[])",
        [tenantId, pgArray(accounts)],
      );
      const balance = new Map(balances.rows.map((x) => [x.id, Number(x.balance)]));
      const lots = await q.query<{ account_id: string; day: string; points: string }>(
        `SELECT account_id, expires_on::text AS day, sum(remaining)::text AS points FROM lots
         WHERE tenant_id = $1 AND account_id = ANY($2::text[]) AND remaining > 0 AND expires_on IS NOT NULL
         GROUP BY account_id, expires_on ORDER BY account_id, expires_on`,
        [tenantId, pgArray(ids.map(walletAccount))],
      );
      const expiring = new Map<string, { day: string; points: string }[]>();
      for (const l of lots.rows) {
        const list = expiring.get(l.account_id) ?? [];
        list.push({ day: l.day, points: l.points });
        expiring.set(l.account_id, list);
      }
      const histories = new Map<string, ReturnType<typeof newHistory>>();
      if (window) {
        const days = await q.query<{
          member_id: string;
          day: string;
          net_minor: string;
          orders: number;
          points: string;
        }>(
          `SELECT member_id, day::text, net_minor::text, orders, points::text FROM member_days
           WHERE tenant_id = $1 AND member_id = ANY($2::text[]) AND day >= $3 AND day <= $4
           ORDER BY member_id, day`,
          [tenantId, pgArray(ids), formatDay(window.from), formatDay(window.to)],
        );
        for (const d of days.rows) {
          let h = histories.get(d.member_id);
          if (!h) {
            h = newHistory();
            histories.set(d.member_id, h);
          }
          record(h, parseDay(d.day) as Day, Number(d.net_minor), Number(d.orders), Number(d.points));
        }
      }
      for (const m of page.rows) {
        const wallet = balance.get(walletAccount(m.id)) ?? 0;
        const soon = expiring.get(walletAccount(m.id)) ?? [];
        const tier =
          program && today !== null
            ? tierOn(program, m.tier, today, histories.get(m.id) ?? newHistory())
            : null;
        yield [
          m.id,
          tier ?? "",
          String(Math.max(0, wallet)),
          String(balance.get(pendingAccount(m.id)) ?? 0),
          String(balance.get(holdAccount(m.id)) ?? 0),
          String(Math.max(0, -wallet)),
          soon[0]?.day ?? "",
          soon[0]?.points ?? "",
          soon.map((x) => `${x.day}:${x.points}`).join(" "),
        ];
      }
    }
    if (page.rows.length < EXPORT_PAGE_ROWS) return;
    after = ids[ids.length - 1] as string;
  }
}
