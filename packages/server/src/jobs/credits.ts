// The monthly credits job (mechanic 3): on the 1st of a month, each company is credited a share of its net
// purchases of the month before, by the step its total reaches, rounded down; the credit is a lot with the
// credit's expiry (end of the month, say), so what is unspent expires with the expiry job. It runs after
// maturation and before expiry, as the replay's day does, once per tenant and day (the runner's record).
import {
  addMonthsStart,
  civilFromDay,
  type Day,
  expiryDay,
  formatDay,
  mulDivFloor,
  PPM,
} from "@patron/engine";
import type { Queryable } from "../db/db.ts";
import { newId } from "../ids.ts";
import { balanceOf, post } from "../modules/ledger/service.ts";
import { ISSUED, openProgramAccounts, walletAccount } from "../modules/members/service.ts";
import { programAt, publishedPrograms } from "../modules/programs/service.ts";

/** Members read per statement. */
const CREDIT_BATCH = 2000;

export interface CreditJobResult {
  /** Members credited. */
  members: number;
  /** Points credited. */
  credited: number;
}

/** Credits last month's share to every member with net purchases in it, when `day` is the 1st. */
export async function creditMonthly(tx: Queryable, tenantId: string, day: Day): Promise<CreditJobResult> {
  const result: CreditJobResult = { members: 0, credited: 0 };
  if (civilFromDay(day).d !== 1) return result;
  const p = programAt(await publishedPrograms(tx, tenantId), day);
  if (!p || p.credits.length === 0) return result;
  await openProgramAccounts(tx, tenantId);
  const from = addMonthsStart(day, -1);
  let after = "";
  for (;;) {
    const r = await tx.query<{ member_id: string; net: string }>(
      `SELECT member_id, sum(net_minor)::text AS net FROM member_days
       WHERE tenant_id = $1 AND day BETWEEN $2 AND $3 AND member_id > $4
       GROUP BY member_id HAVING sum(net_minor) > 0 ORDER BY member_id LIMIT ${CREDIT_BATCH}`,
      [tenantId, formatDay(from), formatDay(day - 1), after],
    );
    for (const row of r.rows) {
      const net = Number(row.net);
      let credited = 0;
      for (const c of p.credits) {
        let step: (typeof c.steps)[number] | null = null;
        for (const s of c.steps) if (net >= s.fromMinor) step = s;
        if (!step) continue;
        const points = mulDivFloor(net, step.ratePpm, PPM * p.pointValueMinor);
        if (points <= 0) continue;
        const expiresOn = expiryDay(c.expiry ?? p.expiry, day);
        await grant(tx, tenantId, row.member_id, points, day, expiresOn, `credit:${c.id}:${formatDay(day)}`);
        credited += points;
      }
      if (credited > 0) {
        result.members++;
        result.credited += credited;
      }
    }
    if (r.rows.length < CREDIT_BATCH) return result;
    after = r.rows[r.rows.length - 1]?.member_id ?? after;
  }
}

/** Points available at once: a debt is repaid first, the rest is a lot with its expiry. */
async function grant(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  points: number,
  day: Day,
  expiresOn: Day | null,
  source: string,
): Promise<void> {
  const account = walletAccount(memberId);
  const before = Number((await balanceOf(tx, tenantId, account)) ?? 0n);
  await post(tx, tenantId, {
    code: "credit",
    cause: source,
    postings: [{ from: ISSUED, to: account, amount: points }],
  });
  const lot = points - Math.min(points, Math.max(0, -before));
  if (lot <= 0) return;
  await tx.query(
    `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      tenantId,
      newId("lot"),
      account,
      formatDay(day),
      expiresOn === null ? null : formatDay(expiresOn),
      lot,
      source,
    ],
  );
}
