// Points moved for engagement: a membership fee paid in points (and its refund), points earned by actions.
// Each is one balanced ledger transaction; credits become a lot with the program's expiry, after repaying debt.
import { type CompiledProgram, type Day, expiryDay, formatDay } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { spendLots } from "../adjustments/service.ts";
import { balanceOf, openAccount, post } from "../ledger/service.ts";
import { ISSUED, openProgramAccounts, REDEEMED, walletAccount } from "../members/service.ts";

/** Credits points to a member's wallet from `from` (the program's issued points, or back from redeemed). */
export async function creditPoints(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  memberId: string,
  points: number,
  t: { code: string; cause: string; from: "issued" | "redeemed"; today: Day; source: string },
): Promise<string> {
  await openProgramAccounts(tx, tenantId);
  const wallet = walletAccount(memberId);
  await openAccount(tx, tenantId, wallet, "wallet", p.wallet.allowDebt);
  const before = Number((await balanceOf(tx, tenantId, wallet)) ?? 0n);
  const txn = await post(tx, tenantId, {
    code: t.code,
    cause: t.cause,
    postings: [{ from: t.from === "issued" ? ISSUED : REDEEMED, to: wallet, amount: points }],
  });
  const lot = points - Math.min(points, Math.max(0, -before));
  if (lot > 0) {
    const expires = expiryDay(p.expiry, t.today);
    await tx.query(
      `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tenantId,
        newId("lot"),
        wallet,
        formatDay(t.today),
        expires === null ? null : formatDay(expires),
        lot,
        t.source,
      ],
    );
  }
  return txn;
}

/** Takes points from a member's wallet, oldest lots first; 409 insufficient_points when it holds fewer. */
export async function debitPoints(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  points: number,
  t: { code: string; cause: string },
): Promise<string> {
  await openProgramAccounts(tx, tenantId);
  const wallet = walletAccount(memberId);
  await tx.query("SELECT 1 FROM accounts WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [tenantId, wallet]);
  const available = Math.max(0, Number((await balanceOf(tx, tenantId, wallet)) ?? 0n));
  if (available < points) {
    throw new ApiError(
      "insufficient_points",
      `the fee is ${points} points; ${memberId} holds ${available}`,
      "points",
    );
  }
  await spendLots(tx, tenantId, wallet, points);
  return post(tx, tenantId, {
    code: t.code,
    cause: t.cause,
    postings: [{ from: wallet, to: REDEEMED, amount: points }],
  });
}
