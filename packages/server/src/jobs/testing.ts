// Helpers of the job runner's tests: a tenant with a dozen orders, and its accounts' balances; a tenant with a
// sales campaign to close, and what its close left.
import { parseDay } from "@patron/engine";
import type { Db } from "../db/db.ts";
import { bootstrap, call } from "../http/testing.ts";
import { ingestOrder } from "../modules/events/service.ts";
import { balanceOf, createTenant } from "../modules/ledger/service.ts";
import { DEFAULT_TRIGGERS } from "../modules/notifications/settings.ts";
import { publishProgram } from "../modules/programs/service.ts";
import { jobNamed } from "./registry.ts";

export const PROGRAM = `
id: runner
name: Pending then expiring points
currency: RUB
timeZone: Europe/Moscow
startsOn: "2026-01-01"
wallet: { earner: company, allowDebt: true }
earning: { baseRate: "2%" }
pending: { untilPaid: false, returnWindowDays: 14 }
expiry: { policy: afterDays, days: 30 }
`;

export const day = (text: string) => parseDay(text) as number;

/** The day jobs' runs, without the sweeps that run on every tick (hold expiry). */
export const dayRuns = <R extends { job: string }>(runs: R[]): R[] =>
  runs.filter((r) => jobNamed(r.job)?.every === "day");

/** A tenant with the program and a dozen orders in its first ten days. */
export async function tenantWithOrders(db: Db, id: string): Promise<void> {
  await createTenant(db, id, id);
  await db.transaction((tx) => publishProgram(tx, id, PROGRAM));
  for (let k = 0; k < 12; k++) {
    await ingestOrder(db, id, "erp", {
      type: "order",
      orderId: `O${k}`,
      day: day("2026-01-02") + (k % 10),
      companyId: `C${k % 3}`,
      contactId: null,
      lines: [
        {
          sku: "A",
          category: "goods",
          quantityMilli: 1000 * (1 + k),
          unitPriceMinor: 100_000,
          unitCostMinor: null,
        },
      ],
      pointsToRedeem: 0,
      code: null,
      paidOn: null,
      termMonths: null,
      partnerId: null,
      salesRepId: null,
    });
  }
}

/** Every account's balance (its row and stripes) by id. */
export async function ledgerOf(db: Db, tenantId: string): Promise<Record<string, string>> {
  const r = await db.query<{ id: string; balance: string }>(
    `SELECT id, (balance + COALESCE((SELECT sum(s.balance) FROM account_stripes s
                 WHERE s.tenant_id = a.tenant_id AND s.account_id = a.id), 0))::text AS balance
     FROM accounts a WHERE tenant_id = $1 ORDER BY id`,
    [tenantId],
  );
  return Object.fromEntries(r.rows.map((a) => [a.id, a.balance]));
}

export const CAMPAIGN_TOKEN = "bootstrap-token-for-jobs";

/**
 * A tenant (made through `app`) with the program, the campaign notice on, and a running dealer campaign over
 * 5–10 January scored by net sales with a target of 1,000.00: contact K1 (of C1) sells 1,500.00 and company
 * C2 (whose contact is K2) 400.00. Prizes: 100 points for first place, 50 for reaching target. `graceDays` of
 * settlement grace (none unless given).
 */
export async function tenantWithCampaign(
  app: Parameters<typeof call>[0],
  tenantId: string,
  graceDays = 0,
): Promise<{ key: string; campaignId: string }> {
  const key = (await bootstrap(app, tenantId, CAMPAIGN_TOKEN)).ownerKey;
  const ok = async (method: string, path: string, body: object) => {
    const r = await call<{ id: string }>(app, method, path, { key, body });
    if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  await ok("POST", "/v1/programs", { definition: PROGRAM });
  await ok("PUT", "/v1/notifications/settings", {
    triggers: { ...DEFAULT_TRIGGERS, campaign: { enabled: true } },
  });
  for (const [company, contact] of [
    ["C1", "K1"],
    ["C2", "K2"],
  ] as const) {
    await ok("POST", "/v1/companies", { id: company, name: `Dealer ${company}` });
    await ok("POST", `/v1/companies/${company}/contacts`, {
      id: contact,
      name: `Seller ${contact}`,
      email: `${contact.toLowerCase()}@${tenantId}.example`,
      role: "buyer",
    });
  }
  const campaign = await ok("POST", "/v1/campaigns", {
    name: "January sprint",
    audience: "dealer",
    metric: "amount",
    startsOn: "2026-01-05",
    endsOn: "2026-01-10",
    defaultTarget: "1000.00",
    graceDays,
    prizes: [
      { top: 1, points: 100 },
      { aboveTarget: true, points: 50 },
    ],
    participants: [
      { kind: "contact", id: "K1" },
      { kind: "company", id: "C2" },
    ],
  });
  await ok("POST", `/v1/campaigns/${campaign.id}/start`, {});
  const sale = (orderId: string, companyId: string, date: string, price: string, contactId?: string) =>
    ok("POST", "/v1/events", {
      type: "order",
      orderId,
      companyId,
      date,
      lines: [{ sku: "A", quantity: 1, unitPrice: price }],
      ...(contactId ? { contactId } : {}),
    });
  await sale("S1", "C1", "2026-01-06", "1500.00", "K1");
  await sale("S2", "C2", "2026-01-07", "400.00");
  return { key, campaignId: campaign.id };
}

/** What a tenant's campaign closes left: `campaign.ended` messages, prize transactions, closing e-mails. */
export async function closesOf(db: Db, tenantId: string) {
  const count = async (sql: string) =>
    Number((await db.query<{ n: string }>(sql, [tenantId])).rows[0]?.n ?? 0);
  return {
    ended: await count(
      "SELECT count(*)::text AS n FROM outbox WHERE tenant_id = $1 AND type = 'campaign.ended'",
    ),
    prizeTransactions: await count(
      "SELECT count(*)::text AS n FROM ledger_transactions WHERE tenant_id = $1 AND cause LIKE 'campaign:%'",
    ),
    notices: await count(
      "SELECT count(*)::text AS n FROM notifications WHERE tenant_id = $1 AND channel = 'email' AND dedupe_key LIKE 'campaign:%:ended:%'",
    ),
    prizePoints: await balanceOf(db, tenantId, "wallet:contact:K1"),
  };
}
