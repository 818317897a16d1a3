// Referrals: every company's code (the program's prefix + its id) and link, the guard against referring
// oneself through a related company, and the voiding of a referrer's pending credit when the referred order is
// cancelled. The engine gives the discount and says when the referrer is credited.
import type { CompiledProgram, OrderOutcome } from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { post } from "../ledger/service.ts";
import { findMemberCaseless, ISSUED, pendingAccount, walletAccount } from "../members/service.ts";

/** Mail providers anyone can sign up with: sharing one says nothing about two companies. */
const PUBLIC_MAIL_DOMAINS = new Set([
  "gmail.com",
  "googlemail.com",
  "yahoo.com",
  "outlook.com",
  "hotmail.com",
  "live.com",
  "icloud.com",
  "proton.me",
  "protonmail.com",
  "mail.ru",
  "yandex.ru",
  "ya.ru",
  "bk.ru",
  "list.ru",
  "inbox.ru",
  "rambler.ru",
  "ukr.net",
  "i.ua",
  "meta.ua",
]);

/** The program's referral discount of the day, if it has one. */
export function referralRule(p: CompiledProgram) {
  return p.discounts.find((d): d is Extract<typeof d, { kind: "referral" }> => d.kind === "referral") ?? null;
}

/** The referrer a referral code names, when the program has a referral discount whose prefix it carries. */
export async function referrerOf(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  code: string,
): Promise<string | null> {
  const c = code.trim().toUpperCase();
  for (const d of p.discounts) {
    if (d.kind !== "referral" || !c.startsWith(d.prefix)) continue;
    const id = await findMemberCaseless(q, tenantId, c.slice(d.prefix.length));
    if (id) return id;
  }
  return null;
}

/**
 * Whether two companies are one business in disguise: the same tax id, one the parent of the other or both of
 * one parent, or contacts on the same company mail domain. Read in one statement.
 */
export async function related(q: Queryable, tenantId: string, a: string, b: string): Promise<boolean> {
  if (a === b) return true;
  const r = await q.query<{ id: string; tax_id: string | null; parent_id: string | null }>(
    "SELECT id, tax_id, parent_id FROM members WHERE tenant_id = $1 AND id IN ($2, $3)",
    [tenantId, a, b],
  );
  const x = r.rows.find((m) => m.id === a);
  const y = r.rows.find((m) => m.id === b);
  if (x && y) {
    const tax = (v: string | null) => (v ?? "").replace(/\s/g, "").toLowerCase();
    if (tax(x.tax_id) !== "" && tax(x.tax_id) === tax(y.tax_id)) return true;
    if (x.parent_id === b || y.parent_id === a) return true;
    if (x.parent_id !== null && x.parent_id === y.parent_id) return true;
  }
  const domains = await q.query<{ company_id: string; domain: string }>(
    `SELECT DISTINCT company_id, lower(split_part(email, '@', 2)) AS domain FROM contacts
     WHERE tenant_id = $1 AND company_id IN ($2, $3)`,
    [tenantId, a, b],
  );
  const of = (id: string) =>
    new Set(
      domains.rows
        .filter((d) => d.company_id === id && !PUBLIC_MAIL_DOMAINS.has(d.domain))
        .map((d) => d.domain),
    );
  const mine = of(a);
  for (const d of of(b)) if (mine.has(d)) return true;
  return false;
}

/**
 * Voids what a cancelled order left pending for its referrer: the order never happened, so neither did the
 * referral. Credits already available stay (a program that credits at once takes that risk).
 */
export async function voidReferralCredit(
  tx: Queryable,
  tenantId: string,
  cause: string,
  orderId: string,
  referral: OrderOutcome["referral"] | undefined,
): Promise<void> {
  if (!referral) return;
  const r = await tx.query<{ points: string }>(
    `SELECT points::text FROM pending_lots
     WHERE tenant_id = $1 AND order_id = $2 AND account_id = $3 AND points > 0 FOR UPDATE`,
    [tenantId, orderId, walletAccount(referral.referrerId)],
  );
  await tx.query(
    "UPDATE pending_lots SET points = 0 WHERE tenant_id = $1 AND order_id = $2 AND account_id = $3",
    [tenantId, orderId, walletAccount(referral.referrerId)],
  );
  const points = r.rows.reduce((sum, x) => sum + Number(x.points), 0);
  if (points === 0) return;
  await post(tx, tenantId, {
    code: "void",
    cause,
    postings: [{ from: pendingAccount(referral.referrerId), to: ISSUED, amount: points }],
  });
}

/**
 * Keeps the referral code a company arrived with (a referral link opened in the portal) for its first order.
 * Refused when the code names nobody or the company itself or a related company, and when the company has
 * ordered already: a referral brings a new client. Applying again replaces the code until the first order.
 */
export async function applyArrivalCode(
  tx: Queryable,
  tenantId: string,
  p: CompiledProgram,
  who: { companyId: string; contactId: string },
  typed: string,
  at: Date,
): Promise<{ code: string; referrerId: string }> {
  const code = typed.trim().toUpperCase();
  const referrer = await referrerOf(tx, tenantId, p, code);
  if (referrer === null) throw new ApiError("validation_failed", `${code} is not a referral code`, "code");
  if (referrer === who.companyId) throw new ApiError("validation_failed", "this is your own code", "code");
  if (await related(tx, tenantId, referrer, who.companyId)) {
    throw new ApiError("validation_failed", "the code belongs to a related company", "code");
  }
  const m = await tx.query<{ order_count: number }>(
    "SELECT order_count FROM members WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, who.companyId],
  );
  if ((m.rows[0]?.order_count ?? 0) > 0) {
    throw new ApiError("conflict", "a referral code applies to a new client's first order only", "code");
  }
  await tx.query(
    `INSERT INTO referral_arrivals (tenant_id, company_id, code, contact_id, at) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (tenant_id, company_id) DO UPDATE SET code = $3, contact_id = $4, at = $5`,
    [tenantId, who.companyId, code, who.contactId, at],
  );
  return { code, referrerId: referrer };
}

/** The code a company arrived with, for its first order when that order brings no code of its own. */
export async function arrivalCode(
  q: Queryable,
  tenantId: string,
  p: CompiledProgram,
  companyId: string,
  orderCount: number,
): Promise<string | null> {
  if (orderCount > 0 || referralRule(p) === null) return null;
  const r = await q.query<{ code: string }>(
    "SELECT code FROM referral_arrivals WHERE tenant_id = $1 AND company_id = $2",
    [tenantId, companyId],
  );
  return r.rows[0]?.code ?? null;
}
