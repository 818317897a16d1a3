// Sales motivation campaigns: their setup (period, participants and teams, what scores, targets, prizes,
// badges), the scores orders add as they arrive, the leaderboard, the close that awards the prizes, and the
// final report. Errors: not_found (another tenant's campaign, or one the caller takes no part in),
// conflict (a change the campaign's status does not allow), validation_failed (a participant that is not one).
import {
  awardPrizes,
  badgesFor,
  type CampaignMetric,
  type CampaignPrize,
  type CompiledProgram,
  type Day,
  expiryDay,
  formatDay,
  formatMinor,
  type OrderEvent,
  type OrderOutcome,
  progressMilli,
  type Ranked,
  type ReturnedLine,
  rankBoard,
  rankTeams,
  returnedSoFar,
  scoreKept,
  scoreReturn,
  scoreSale,
} from "@patron/engine";
import type { Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { balanceOf, openAccount, post } from "../ledger/service.ts";
import { ISSUED, openProgramAccounts, walletAccount } from "../members/service.ts";
import { emit } from "../webhooks/outbox.ts";

/** The most participants one campaign may have. */
export const MAX_PARTICIPANTS = 20_000;
/** The most prize rules and milestones a campaign may have. */
export const MAX_PRIZES = 20;
export const MAX_MILESTONES = 10;
/** Winners a `campaign.ended` message lists; the report has them all. */
export const ENDED_WINNERS = 10;

export type Audience = "staff" | "dealer";
export type CampaignStatus = "draft" | "running" | "ended";
export type SubjectKind = "user" | "contact" | "company";

export interface ParticipantInput {
  kind: SubjectKind;
  id: string;
  team?: string | null | undefined;
  /** In the metric's own unit (minor units, thousandths, a count); the campaign's default when absent. */
  target?: number | null | undefined;
}

export interface CampaignSetup {
  name: string;
  audience: Audience;
  metric: CampaignMetric;
  skus: string[];
  categories: string[];
  startsOn: string;
  endsOn: string;
  defaultTarget: number;
  milestones: number[];
  prizes: CampaignPrize[];
  /** Days after the last one during which late orders of the period still score before the job finalizes. */
  graceDays: number;
}

/** The settlement grace a campaign gets unless it says otherwise. */
export const DEFAULT_GRACE_DAYS = 3;
export const MAX_GRACE_DAYS = 60;

export interface Campaign extends CampaignSetup {
  id: string;
  status: CampaignStatus;
  copiedFrom: string | null;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  participants: number;
}

export interface Participant {
  subject: string;
  name: string;
  team: string | null;
  target: number;
  score: number;
  amountMinor: number;
  marginMinor: number;
  quantityMilli: number;
  newClients: number;
  sales: number;
}

export interface Board {
  individuals: (Ranked & { name: string; team: string | null; sales: number; badges: string[] })[];
  teams: Ranked[];
}

/** Decimals of a metric's unit: the currency's for money, thousandths for quantity, none for a count. */
export function decimalsOf(metric: CampaignMetric, digits: number): number {
  return metric === "amount" || metric === "margin" ? digits : metric === "quantity" ? 3 : 0;
}

/** A score as text in its metric's unit ("7500.00", "12.000", "3"). */
export function formatScore(n: number, metric: CampaignMetric, digits: number): string {
  return formatMinor(n, decimalsOf(metric, digits));
}

// ---- Setup -------------------------------------------------------------------------------------------------

const SELECT = `SELECT c.id, c.name, c.audience, c.metric, c.skus, c.categories, c.starts_on::text, c.ends_on::text,
  c.default_target, c.milestones, c.prizes, c.grace_days, c.status, c.copied_from, c.created_by, c.created_at, c.started_at,
  c.ended_at, (SELECT count(*) FROM campaign_participants p WHERE p.tenant_id = c.tenant_id AND p.campaign_id = c.id)
  AS participants FROM sales_campaigns c`;

/** Creates a draft campaign with its participants. */
export async function createCampaign(
  tx: Queryable,
  tenantId: string,
  setup: CampaignSetup,
  participants: readonly ParticipantInput[],
  by: { actor: string; at: Date; copiedFrom?: string | null },
): Promise<Campaign> {
  checkSetup(setup);
  const id = newId("cmp", by.at.getTime());
  await tx.query(
    `INSERT INTO sales_campaigns (tenant_id, id, name, audience, metric, skus, categories, starts_on, ends_on,
       default_target, milestones, prizes, status, copied_from, created_by, created_at, grace_days)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9, $10, $11::jsonb, $12::jsonb, 'draft', $13, $14, $15,
       $16)`,
    [
      tenantId,
      id,
      setup.name,
      setup.audience,
      setup.metric,
      JSON.stringify(setup.skus),
      JSON.stringify(setup.categories),
      setup.startsOn,
      setup.endsOn,
      setup.defaultTarget,
      JSON.stringify(setup.milestones),
      JSON.stringify(setup.prizes),
      by.copiedFrom ?? null,
      by.actor,
      by.at,
      setup.graceDays,
    ],
  );
  await putParticipants(tx, tenantId, id, setup, participants);
  return (await getCampaign(tx, tenantId, id)) as Campaign;
}

function checkSetup(s: CampaignSetup): void {
  if (s.endsOn < s.startsOn) throw new ApiError("validation_failed", "endsOn is before startsOn", "endsOn");
  if (s.audience === "staff" && s.prizes.some((p) => p.points > 0)) {
    throw new ApiError(
      "validation_failed",
      "a staff campaign's prizes are recorded, not paid in points: give `prize` and points 0",
      "prizes",
    );
  }
}

/** Replaces a draft's participants, checking each is a sales manager (staff) or a contact or company (dealer). */
async function putParticipants(
  tx: Queryable,
  tenantId: string,
  campaignId: string,
  setup: CampaignSetup,
  participants: readonly ParticipantInput[],
): Promise<void> {
  await tx.query("DELETE FROM campaign_participants WHERE tenant_id = $1 AND campaign_id = $2", [
    tenantId,
    campaignId,
  ]);
  if (participants.length === 0) return;
  const allowed: SubjectKind[] = setup.audience === "staff" ? ["user"] : ["contact", "company"];
  const seen = new Set<string>();
  for (const [i, p] of participants.entries()) {
    if (!allowed.includes(p.kind)) {
      throw new ApiError(
        "validation_failed",
        `a ${setup.audience} campaign's participants are ${allowed.join(" or ")}s`,
        `participants[${i}].kind`,
      );
    }
    const subject = `${p.kind}:${p.id}`;
    if (seen.has(subject))
      throw new ApiError("validation_failed", `${subject} is listed twice`, `participants[${i}].id`);
    seen.add(subject);
  }
  const rows = participants.map((p) => ({
    kind: p.kind,
    id: p.id,
    team: p.team ?? null,
    target: p.target ?? setup.defaultTarget,
  }));
  // One statement: the names come from the tables the subjects live in; a subject that is not there is missing.
  const r = await tx.query<{ kind: string; id: string }>(
    `WITH x AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS x(kind text, id text, team text, target bigint)),
     named AS (
       SELECT x.*, COALESCE(
         (SELECT u.name FROM users u WHERE x.kind = 'user' AND u.tenant_id = $1 AND u.id = x.id AND u.role = 'sales_manager'),
         (SELECT k.name FROM contacts k WHERE x.kind = 'contact' AND k.tenant_id = $1 AND k.id = x.id AND k.erased_at IS NULL),
         (SELECT COALESCE(m.name, m.id) FROM members m WHERE x.kind = 'company' AND m.tenant_id = $1 AND m.id = x.id)
       ) AS name FROM x
     ),
     ins AS (
       INSERT INTO campaign_participants (tenant_id, campaign_id, subject, name, team, target)
       SELECT $1, $2, kind || ':' || id, name, team, target FROM named WHERE name IS NOT NULL RETURNING subject
     )
     SELECT kind, id FROM named WHERE name IS NULL LIMIT 1`,
    [tenantId, campaignId, JSON.stringify(rows)],
  );
  const missing = r.rows[0];
  if (missing) {
    const i = participants.findIndex((p) => p.kind === missing.kind && p.id === missing.id);
    const what = missing.kind === "user" ? "sales manager" : missing.kind;
    throw new ApiError("validation_failed", `no ${what} ${missing.id}`, `participants[${i}].id`);
  }
}

/** Changes a draft's setup and, when given, replaces its participants. */
export async function updateCampaign(
  tx: Queryable,
  tenantId: string,
  id: string,
  change: Partial<CampaignSetup>,
  participants: readonly ParticipantInput[] | undefined,
): Promise<{ before: Campaign; after: Campaign }> {
  const before = await lockCampaign(tx, tenantId, id);
  if (before.status !== "draft")
    throw new ApiError("conflict", `campaign ${id} is ${before.status}: only a draft changes`, "id");
  if (change.audience !== undefined && change.audience !== before.audience && participants === undefined) {
    throw new ApiError(
      "validation_failed",
      "changing the audience needs the new participants",
      "participants",
    );
  }
  const next: CampaignSetup = { ...setupOf(before), ...change };
  checkSetup(next);
  await tx.query(
    `UPDATE sales_campaigns SET name = $3, audience = $4, metric = $5, skus = $6::jsonb, categories = $7::jsonb,
       starts_on = $8, ends_on = $9, default_target = $10, milestones = $11::jsonb, prizes = $12::jsonb,
       grace_days = $13
     WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      next.name,
      next.audience,
      next.metric,
      JSON.stringify(next.skus),
      JSON.stringify(next.categories),
      next.startsOn,
      next.endsOn,
      next.defaultTarget,
      JSON.stringify(next.milestones),
      JSON.stringify(next.prizes),
      next.graceDays,
    ],
  );
  if (participants !== undefined) await putParticipants(tx, tenantId, id, next, participants);
  else if (change.defaultTarget !== undefined && change.defaultTarget !== before.defaultTarget) {
    // Participants who had the old default keep following it.
    await tx.query(
      "UPDATE campaign_participants SET target = $4 WHERE tenant_id = $1 AND campaign_id = $2 AND target = $3",
      [tenantId, id, before.defaultTarget, change.defaultTarget],
    );
  }
  return { before, after: (await getCampaign(tx, tenantId, id)) as Campaign };
}

export function setupOf(c: Campaign): CampaignSetup {
  return {
    name: c.name,
    audience: c.audience,
    metric: c.metric,
    skus: c.skus,
    categories: c.categories,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    defaultTarget: c.defaultTarget,
    milestones: c.milestones,
    prizes: c.prizes,
    graceDays: c.graceDays,
  };
}

/** A new draft with a finished (or any) campaign's setup, participants, teams and targets, for a new period. */
export async function copyCampaign(
  tx: Queryable,
  tenantId: string,
  id: string,
  into: { name: string; startsOn: string; endsOn: string },
  by: { actor: string; at: Date },
): Promise<Campaign> {
  const from = await getCampaign(tx, tenantId, id);
  if (!from) throw noCampaign(id);
  const people = await participantsOf(tx, tenantId, id);
  const participants = people.map((p) => {
    const at = p.subject.indexOf(":");
    return {
      kind: p.subject.slice(0, at) as SubjectKind,
      id: p.subject.slice(at + 1),
      team: p.team,
      target: p.target,
    };
  });
  return createCampaign(tx, tenantId, { ...setupOf(from), ...into }, participants, { ...by, copiedFrom: id });
}

export async function getCampaign(q: Queryable, tenantId: string, id: string): Promise<Campaign | null> {
  const r = await q.query<CampaignRow>(`${SELECT} WHERE c.tenant_id = $1 AND c.id = $2`, [tenantId, id]);
  const row = r.rows[0];
  return row ? toCampaign(row) : null;
}

async function lockCampaign(tx: Queryable, tenantId: string, id: string): Promise<Campaign> {
  await tx.query("SELECT id FROM sales_campaigns WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [
    tenantId,
    id,
  ]);
  const c = await getCampaign(tx, tenantId, id);
  if (!c) throw noCampaign(id);
  return c;
}

export function noCampaign(id: string): ApiError {
  return new ApiError("not_found", `no campaign ${id}`, "id");
}

/** Campaigns, newest first; for a participant (`subject`), only those they take part in. */
export async function listCampaigns(
  q: Queryable,
  tenantId: string,
  subject: string | null,
  limit: number,
): Promise<Campaign[]> {
  const params: (string | number)[] = [tenantId, limit];
  let where = "c.tenant_id = $1";
  if (subject !== null) {
    params.push(subject);
    where += ` AND EXISTS (SELECT 1 FROM campaign_participants p WHERE p.tenant_id = c.tenant_id
      AND p.campaign_id = c.id AND p.subject = $3)`;
  }
  const r = await q.query<CampaignRow>(`${SELECT} WHERE ${where} ORDER BY c.id DESC LIMIT $2`, params);
  return r.rows.map(toCampaign);
}

/** Whether `subject` takes part in the campaign. */
export async function takesPart(
  q: Queryable,
  tenantId: string,
  id: string,
  subject: string,
): Promise<boolean> {
  const r = await q.query(
    "SELECT 1 FROM campaign_participants WHERE tenant_id = $1 AND campaign_id = $2 AND subject = $3",
    [tenantId, id, subject],
  );
  return r.rows.length > 0;
}

export async function participantsOf(q: Queryable, tenantId: string, id: string): Promise<Participant[]> {
  const r = await q.query<ParticipantRow>(
    `SELECT subject, name, team, target, score, amount_minor, margin_minor, quantity_milli, new_clients, sales
     FROM campaign_participants WHERE tenant_id = $1 AND campaign_id = $2`,
    [tenantId, id],
  );
  return r.rows.map(toParticipant);
}

// ---- Start and close ---------------------------------------------------------------------------------------

/**
 * A draft starts: the orders of its period already stored score at once (a campaign made after its first day,
 * or orders imported before the start), and those received from now on score as they arrive. Sends
 * `campaign.started`. Answers the campaign and how many sales the stored orders scored.
 */
export async function startCampaign(
  tx: Queryable,
  tenantId: string,
  id: string,
  at: Date,
): Promise<{ campaign: Campaign; backfilled: number }> {
  const c = await lockCampaign(tx, tenantId, id);
  if (c.status !== "draft") throw new ApiError("conflict", `campaign ${id} is ${c.status} already`, "id");
  if (c.participants === 0)
    throw new ApiError(
      "validation_failed",
      "a campaign starts with at least one participant",
      "participants",
    );
  await tx.query(
    "UPDATE sales_campaigns SET status = 'running', started_at = $3 WHERE tenant_id = $1 AND id = $2",
    [tenantId, id, at],
  );
  await emit(tx, tenantId, "campaign.started", {
    campaignId: id,
    name: c.name,
    audience: c.audience,
    metric: c.metric,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    participants: c.participants,
  });
  const backfilled = await backfillCampaign(tx, tenantId, c, at);
  return { campaign: (await getCampaign(tx, tenantId, id)) as Campaign, backfilled };
}

export interface CloseResult {
  campaign: Campaign;
  awards: AwardRow[];
}

export interface AwardRow {
  subject: string;
  kind: "badge" | "prize";
  code: string;
  rank: number | null;
  points: number;
  prize: string | null;
  transactionId: string | null;
  awardedAt: string;
}

/**
 * Ends a running campaign after its last day: the totals are summed again from the scored sales (one
 * set-based pass, so the final standings are exactly what the sales say), ranked, and the prizes awarded; a
 * contact's or company's prize points are posted from the program to its wallet. Sends `campaign.ended`.
 */
export async function closeCampaign(
  tx: Queryable,
  tenantId: string,
  id: string,
  today: Day,
  p: CompiledProgram | null,
  at: Date,
): Promise<CloseResult> {
  const c = await lockCampaign(tx, tenantId, id);
  if (c.status !== "running")
    throw new ApiError("conflict", `campaign ${id} is ${c.status}: only a running one closes`, "id");
  if (formatDay(today) <= c.endsOn)
    throw new ApiError("conflict", `campaign ${id} runs until ${c.endsOn}: it closes the day after`, "id");
  await refreshTotals(tx, tenantId, id);
  const people = await participantsOf(tx, tenantId, id);
  const board = rankBoard(people.map((x) => ({ participant: x.subject, score: x.score, target: x.target })));
  const awards = awardPrizes(board, c.prizes);
  for (const a of awards) {
    let transactionId: string | null = null;
    if (a.points > 0)
      transactionId = await payPrize(tx, tenantId, id, a.participant, a.code, a.points, today, p);
    await tx.query(
      `INSERT INTO campaign_awards (tenant_id, campaign_id, subject, kind, code, rank, points, prize, transaction_id, awarded_at)
       VALUES ($1, $2, $3, 'prize', $4, $5, $6, $7, $8, $9)`,
      [tenantId, id, a.participant, a.code, a.rank, a.points, a.prize, transactionId, at],
    );
  }
  await tx.query(
    "UPDATE sales_campaigns SET status = 'ended', ended_at = $3 WHERE tenant_id = $1 AND id = $2",
    [tenantId, id, at],
  );
  const names = new Map(people.map((x) => [x.subject, x.name]));
  await emit(tx, tenantId, "campaign.ended", {
    campaignId: id,
    name: c.name,
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    participants: people.length,
    reachedTarget: board.filter((r) => r.reachedTarget).length,
    winners: board.slice(0, ENDED_WINNERS).map((r) => ({
      participant: r.participant,
      name: names.get(r.participant) ?? r.participant,
      rank: r.rank,
      score: r.score,
      target: r.target,
      prizes: awards.filter((a) => a.participant === r.participant).map((a) => a.code),
    })),
    pointsAwarded: awards.reduce((s, a) => s + a.points, 0),
  });
  return {
    campaign: (await getCampaign(tx, tenantId, id)) as Campaign,
    awards: await awardsOf(tx, tenantId, id),
  };
}

/** Posts a prize's points from the program to the winner's wallet, as a lot that expires by the program's rule. */
async function payPrize(
  tx: Queryable,
  tenantId: string,
  campaignId: string,
  subject: string,
  code: string,
  points: number,
  today: Day,
  p: CompiledProgram | null,
): Promise<string> {
  const at = subject.indexOf(":");
  const kind = subject.slice(0, at);
  const id = subject.slice(at + 1);
  if (kind === "user") throw new Error(`staff prize ${code} for ${subject} carries points`);
  await openProgramAccounts(tx, tenantId);
  const wallet = kind === "contact" ? `wallet:contact:${id}` : walletAccount(id);
  await openAccount(tx, tenantId, wallet, "wallet", p?.wallet.allowDebt ?? false);
  const before = Number((await balanceOf(tx, tenantId, wallet)) ?? 0n);
  const txn = await post(tx, tenantId, {
    code: "earn",
    cause: `campaign:${campaignId}:${code}:${subject}`,
    postings: [{ from: ISSUED, to: wallet, amount: points }],
  });
  // Points credited repay a debt first, as any points that become available do; the rest is a lot.
  const lot = points - Math.min(points, Math.max(0, -before));
  if (lot > 0) {
    const expires = p ? expiryDay(p.expiry, today) : null;
    await tx.query(
      `INSERT INTO lots (tenant_id, id, account_id, granted_on, expires_on, remaining, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        tenantId,
        newId("lot"),
        wallet,
        formatDay(today),
        expires === null ? null : formatDay(expires),
        lot,
        `campaign:${campaignId}`,
      ],
    );
  }
  return txn;
}

/** Sums every participant's totals again from its scored sales that were not cancelled (a sale returned in
 * full counts as none): one statement. */
export async function refreshTotals(tx: Queryable, tenantId: string, id: string): Promise<void> {
  await tx.query(
    `UPDATE campaign_participants p SET score = COALESCE(s.score, 0), amount_minor = COALESCE(s.amount, 0),
       margin_minor = COALESCE(s.margin, 0), quantity_milli = COALESCE(s.quantity, 0),
       new_clients = COALESCE(s.new_clients, 0), sales = COALESCE(s.sales, 0)
     FROM campaign_participants p2 LEFT JOIN (
       SELECT subject, sum(score) AS score, sum(amount_minor) AS amount, sum(margin_minor) AS margin,
         sum(quantity_milli) AS quantity, sum(new_clients) AS new_clients,
         count(*) FILTER (WHERE NOT returned) AS sales
       FROM campaign_sales WHERE tenant_id = $1 AND campaign_id = $2 AND NOT cancelled GROUP BY subject
     ) s ON s.subject = p2.subject
     WHERE p.tenant_id = $1 AND p.campaign_id = $2 AND p2.tenant_id = $1 AND p2.campaign_id = $2
       AND p2.subject = p.subject`,
    [tenantId, id],
  );
}

export async function awardsOf(q: Queryable, tenantId: string, id: string): Promise<AwardRow[]> {
  const r = await q.query<{
    subject: string;
    kind: "badge" | "prize";
    code: string;
    rank: number | null;
    points: string | number;
    prize: string | null;
    transaction_id: string | null;
    awarded_at: Date | string;
  }>(
    `SELECT subject, kind, code, rank, points, prize, transaction_id, awarded_at FROM campaign_awards
     WHERE tenant_id = $1 AND campaign_id = $2 ORDER BY kind DESC, rank NULLS LAST, subject, code = 'target', length(code), code`,
    [tenantId, id],
  );
  return r.rows.map((a) => ({
    subject: a.subject,
    kind: a.kind,
    code: a.code,
    rank: a.rank,
    points: Number(a.points),
    prize: a.prize,
    transactionId: a.transaction_id,
    awardedAt: new Date(a.awarded_at).toISOString(),
  }));
}

// ---- The leaderboard -------------------------------------------------------------------------------------

/**
 * The campaign's standings from the totals kept as orders arrive: the first `limit` individuals (and `subject`,
 * the caller, wherever they stand) ranked in the database, and every team. Equal scores share a place.
 */
export async function leaderboard(
  q: Queryable,
  tenantId: string,
  id: string,
  limit: number = MAX_PARTICIPANTS,
  subject: string | null = null,
): Promise<Board & { participants: number }> {
  const r = await q.query<ParticipantRow & { rank: string | number; total: string | number }>(
    `SELECT * FROM (
       SELECT subject, name, team, target, score, amount_minor, margin_minor, quantity_milli, new_clients, sales,
         rank() OVER (ORDER BY score DESC) AS rank,
         row_number() OVER (ORDER BY score DESC, subject COLLATE "C") AS pos, count(*) OVER () AS total
       FROM campaign_participants WHERE tenant_id = $1 AND campaign_id = $2
     ) x WHERE pos <= $3 OR subject = $4 ORDER BY pos`,
    [tenantId, id, limit, subject ?? ""],
  );
  const shown = r.rows.map((row) => ({ ...toParticipant(row), rank: Number(row.rank) }));
  const badges = await q.query<{ subject: string; codes: string }>(
    `SELECT subject, string_agg(code, ' ' ORDER BY awarded_at, code <> 'first-sale', length(code), code) AS codes FROM campaign_awards
     WHERE tenant_id = $1 AND campaign_id = $2 AND kind = 'badge'
       AND subject IN (SELECT jsonb_array_elements_text($3::jsonb)) GROUP BY subject`,
    [tenantId, id, JSON.stringify(shown.map((x) => x.subject))],
  );
  const badgesOf = new Map(badges.rows.map((b) => [b.subject, b.codes.split(" ")]));
  const individuals = shown.map((x) => ({
    participant: x.subject,
    score: x.score,
    target: x.target,
    rank: x.rank,
    progressMilli: progressMilli(x.score, x.target),
    reachedTarget: x.score >= x.target,
    name: x.name,
    team: x.team,
    sales: x.sales,
    badges: badgesOf.get(x.subject) ?? [],
  }));
  const teams = await q.query<{ team: string; score: string | number; target: string | number }>(
    `SELECT team, sum(score) AS score, sum(target) AS target FROM campaign_participants
     WHERE tenant_id = $1 AND campaign_id = $2 AND team IS NOT NULL GROUP BY team`,
    [tenantId, id],
  );
  return {
    individuals,
    teams: rankBoard(
      teams.rows.map((t) => ({ participant: t.team, score: Number(t.score), target: Number(t.target) })),
    ),
    participants: Number(r.rows[0]?.total ?? 0),
  };
}

// ---- The portal -----------------------------------------------------------------------------------------

/** The most campaigns the portal lists for one contact. */
export const MAX_PORTAL_CAMPAIGNS = 50;

/**
 * The started campaigns a portal contact takes part in, newest first, each with the subject it takes part as:
 * itself (`contact:<id>`) or, where only its company is a participant, the company.
 */
export async function campaignsOfContact(
  q: Queryable,
  tenantId: string,
  contactId: string,
  companyId: string,
): Promise<{ campaign: Campaign; subject: string }[]> {
  const r = await q.query<CampaignRow & { subject: string }>(
    `${SELECT.replace("FROM sales_campaigns c", ", x.subject FROM sales_campaigns c")}
     JOIN LATERAL (
       SELECT p.subject FROM campaign_participants p WHERE p.tenant_id = c.tenant_id AND p.campaign_id = c.id
         AND p.subject IN ($2, $3) ORDER BY p.subject LIKE 'contact:%' DESC LIMIT 1
     ) x ON true
     WHERE c.tenant_id = $1 AND c.status <> 'draft' ORDER BY c.id DESC LIMIT ${MAX_PORTAL_CAMPAIGNS}`,
    [tenantId, `contact:${contactId}`, `company:${companyId}`],
  );
  return r.rows.map((row) => ({ campaign: toCampaign(row), subject: row.subject }));
}

// ---- Scoring orders as they arrive ---------------------------------------------------------------------

interface MatchRow {
  campaign_id: string;
  subject: string;
  metric: CampaignMetric;
  skus: string[];
  categories: string[];
  milestones: number[];
}

/**
 * Adds an order to every running campaign whose period holds its day and which one of its people takes part
 * in: the sales manager named on the order (else the company's), the contact on the order, or the company.
 * Called in the order's transaction; an order seen again adds nothing. Answers how many scores it added.
 */
export async function scoreOrder(
  tx: Queryable,
  tenantId: string,
  ev: OrderEvent,
  outcome: OrderOutcome,
  at: Date,
): Promise<number> {
  const r = await tx.query<MatchRow>(
    `SELECT p.campaign_id, p.subject, c.metric, c.skus, c.categories, c.milestones
     FROM campaign_participants p JOIN sales_campaigns c ON c.tenant_id = p.tenant_id AND c.id = p.campaign_id
     WHERE p.tenant_id = $1 AND c.status = 'running' AND c.starts_on <= $2::date AND c.ends_on >= $2::date
       AND p.subject IN ($3, $4, 'user:' || COALESCE($5::text,
         (SELECT m.sales_rep_id FROM members m WHERE m.tenant_id = $1 AND m.id = $6)))`,
    [
      tenantId,
      formatDay(ev.day),
      `company:${ev.companyId}`,
      ev.contactId === null ? "contact:" : `contact:${ev.contactId}`,
      ev.salesRepId,
      ev.companyId,
    ],
  );
  let added = 0;
  for (const m of r.rows) {
    const s = scoreSale(
      { metric: m.metric, skus: m.skus, categories: m.categories },
      { lines: outcome.lines, isFirst: outcome.isFirst },
    );
    if (s.amountMinor === 0 && s.quantityMilli === 0 && s.newClients === 0) continue;
    const ins = await tx.query(
      `INSERT INTO campaign_sales (tenant_id, campaign_id, order_id, subject, day, score, amount_minor, margin_minor,
         quantity_milli, new_clients) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
       ON CONFLICT DO NOTHING RETURNING order_id`,
      [
        tenantId,
        m.campaign_id,
        ev.orderId,
        m.subject,
        formatDay(ev.day),
        s.score,
        s.amountMinor,
        s.marginMinor,
        s.quantityMilli,
        s.newClients,
      ],
    );
    if (ins.rows.length === 0) continue;
    added++;
    const u = await tx.query<{ score: string | number; target: string | number; sales: string | number }>(
      `UPDATE campaign_participants SET score = score + $4, amount_minor = amount_minor + $5,
         margin_minor = margin_minor + $6, quantity_milli = quantity_milli + $7, new_clients = new_clients + $8,
         sales = sales + 1
       WHERE tenant_id = $1 AND campaign_id = $2 AND subject = $3 RETURNING score, target, sales`,
      [
        tenantId,
        m.campaign_id,
        m.subject,
        s.score,
        s.amountMinor,
        s.marginMinor,
        s.quantityMilli,
        s.newClients,
      ],
    );
    const now = u.rows[0];
    if (!now) continue;
    const earned = badgesFor(
      { score: Number(now.score), target: Number(now.target), sales: Number(now.sales) },
      m.milestones,
    );
    if (earned.length === 0) continue;
    await tx.query(
      `INSERT INTO campaign_awards (tenant_id, campaign_id, subject, kind, code, awarded_at)
       SELECT $1, $2, $3, 'badge', code, $5 FROM jsonb_array_elements_text($4::jsonb) AS code
       ON CONFLICT DO NOTHING`,
      [tenantId, m.campaign_id, m.subject, JSON.stringify(earned), at],
    );
  }
  return added;
}

/** Takes a cancelled order's scores back from the running campaigns it scored in. */
export async function unscoreOrder(tx: Queryable, tenantId: string, orderId: string): Promise<void> {
  const r = await tx.query<StandingRow>(
    `WITH gone AS (
       UPDATE campaign_sales s SET cancelled = true FROM sales_campaigns c
       WHERE s.tenant_id = $1 AND s.order_id = $2 AND NOT s.cancelled AND NOT s.returned
         AND c.tenant_id = s.tenant_id AND c.id = s.campaign_id AND c.status = 'running'
       RETURNING s.campaign_id, s.subject, s.score, s.amount_minor, s.margin_minor, s.quantity_milli, s.new_clients,
         c.milestones
     )
     UPDATE campaign_participants p SET score = p.score - g.score, amount_minor = p.amount_minor - g.amount_minor,
       margin_minor = p.margin_minor - g.margin_minor, quantity_milli = p.quantity_milli - g.quantity_milli,
       new_clients = p.new_clients - g.new_clients, sales = p.sales - 1
     FROM gone g WHERE p.tenant_id = $1 AND p.campaign_id = g.campaign_id AND p.subject = g.subject
     RETURNING p.campaign_id, p.subject, p.score, p.target, p.sales, g.milestones`,
    [tenantId, orderId],
  );
  for (const row of r.rows) await dropUnearnedBadges(tx, tenantId, row);
}

interface StandingRow {
  campaign_id: string;
  subject: string;
  score: string | number;
  target: string | number;
  sales: string | number;
  milestones: number[];
}

/** Takes back the badges a participant's lowered score no longer earns (a milestone, or the first sale). */
async function dropUnearnedBadges(tx: Queryable, tenantId: string, row: StandingRow): Promise<void> {
  const earned = badgesFor(
    { score: Number(row.score), target: Number(row.target), sales: Number(row.sales) },
    row.milestones,
  );
  await tx.query(
    `DELETE FROM campaign_awards WHERE tenant_id = $1 AND campaign_id = $2 AND subject = $3 AND kind = 'badge'
       AND code NOT IN (SELECT jsonb_array_elements_text($4::jsonb))`,
    [tenantId, row.campaign_id, row.subject, JSON.stringify(earned)],
  );
}

/**
 * Takes a return's part back from the running campaigns its order scored in (whatever the return's day): the
 * returned lines' refund, margin and units as each campaign scores them, and the new client when nothing that
 * counts is left of a first order. `returnedBeforeMilli` is what each line had had returned before; `lines` is
 * the return as the engine evaluated it. Called in the return's transaction.
 */
export async function unscoreReturn(
  tx: Queryable,
  tenantId: string,
  order: OrderOutcome,
  returnedBeforeMilli: readonly number[],
  lines: readonly ReturnedLine[],
): Promise<void> {
  const r = await tx.query<MatchRow>(
    `SELECT s.campaign_id, s.subject, c.metric, c.skus, c.categories, c.milestones
     FROM campaign_sales s JOIN sales_campaigns c ON c.tenant_id = s.tenant_id AND c.id = s.campaign_id
     WHERE s.tenant_id = $1 AND s.order_id = $2 AND NOT s.cancelled AND NOT s.returned AND c.status = 'running'`,
    [tenantId, order.orderId],
  );
  for (const m of r.rows) {
    const back = scoreReturn(
      { metric: m.metric, skus: m.skus, categories: m.categories },
      { lines: order.lines, isFirst: order.isFirst },
      returnedBeforeMilli,
      lines,
    );
    if (back.amountMinor === 0 && back.quantityMilli === 0 && back.newClients === 0 && !back.emptied)
      continue;
    const figures = [back.score, back.amountMinor, back.marginMinor, back.quantityMilli, back.newClients];
    await tx.query(
      `UPDATE campaign_sales SET score = score - $5, amount_minor = amount_minor - $6,
         margin_minor = margin_minor - $7, quantity_milli = quantity_milli - $8, new_clients = new_clients - $9,
         returned = $10
       WHERE tenant_id = $1 AND campaign_id = $2 AND subject = $3 AND order_id = $4`,
      [tenantId, m.campaign_id, m.subject, order.orderId, ...figures, back.emptied],
    );
    const u = await tx.query<StandingRow>(
      `UPDATE campaign_participants SET score = score - $4, amount_minor = amount_minor - $5,
         margin_minor = margin_minor - $6, quantity_milli = quantity_milli - $7, new_clients = new_clients - $8,
         sales = sales - $9
       WHERE tenant_id = $1 AND campaign_id = $2 AND subject = $3
       RETURNING campaign_id, subject, score, target, sales`,
      [tenantId, m.campaign_id, m.subject, ...figures, back.emptied ? 1 : 0],
    );
    const now = u.rows[0];
    if (now) await dropUnearnedBadges(tx, tenantId, { ...now, milestones: m.milestones });
  }
}

// ---- Orders stored before the start, and orders left out after the close -------------------------------

/** Orders one backfill read takes at most; a period's orders are read in pages of these, in id order. */
const BACKFILL_PAGE = 2000;

/**
 * The campaign's (`$2`) orders of its period that are not cancelled, as `x`: each with a participant it scores
 * for (the same people an arriving order finds: the company, the contact on the order, the sales manager the
 * order names, else the company's), or a null subject when it has none. `page` limits the orders read.
 */
function periodOrders(page: string): string {
  return `WITH o AS (
      SELECT o.id, o.member_id, o.day, o.outcome, o.progress, c.audience FROM sales_campaigns c
      JOIN orders o ON o.tenant_id = c.tenant_id AND o.day BETWEEN c.starts_on AND c.ends_on
        AND o.cancelled_on IS NULL
      WHERE c.tenant_id = $1 AND c.id = $2 ${page}
    ), x AS (
      SELECT o.*, p.subject FROM o JOIN members m ON m.tenant_id = $1 AND m.id = o.member_id
      CROSS JOIN LATERAL (SELECT CASE WHEN o.audience = 'staff' THEN COALESCE(
        (SELECT e.payload ->> 'salesRepId' FROM events e WHERE e.tenant_id = $1 AND e.type = 'order'
           AND COALESCE(e.payload ->> 'companyId', e.result ->> 'companyId') = o.member_id AND e.external_id = o.id
         ORDER BY e.id LIMIT 1), m.sales_rep_id) END AS rep) r
      LEFT JOIN campaign_participants p ON p.tenant_id = $1 AND p.campaign_id = $2
        AND p.subject IN ('company:' || o.member_id, 'contact:' || (o.outcome ->> 'contactId'), 'user:' || r.rep)
    )`;
}

/**
 * Scores the orders of a just-started campaign's period that were stored before it started, set-based: the
 * period read in pages, each order scored as it would have scored on arrival less its returns so far (a
 * cancelled order not at all), the sales written in one statement a page, then the totals summed and the badges
 * given. Answers how many sales it scored.
 */
async function backfillCampaign(tx: Queryable, tenantId: string, c: Campaign, at: Date): Promise<number> {
  const rules = { metric: c.metric, skus: c.skus, categories: c.categories };
  let after = "";
  let added = 0;
  for (;;) {
    const r = await tx.query<{
      id: string;
      day: string;
      subject: string | null;
      outcome: OrderOutcome | null;
      progress: { returnedMilli?: number[] } | null;
    }>(
      `${periodOrders(`AND o.id > $3 ORDER BY o.id LIMIT ${BACKFILL_PAGE}`)}
       SELECT id, day::text, subject, CASE WHEN subject IS NULL THEN NULL ELSE outcome END AS outcome, progress
       FROM x ORDER BY id`,
      [tenantId, c.id, after],
    );
    const sales = r.rows.flatMap((o) => {
      if (o.subject === null || o.outcome === null) return [];
      const sale = { lines: o.outcome.lines, isFirst: o.outcome.isFirst };
      // As on arrival: an order with nothing that counts adds no sale.
      const first = scoreSale(rules, sale);
      if (first.amountMinor === 0 && first.quantityMilli === 0 && first.newClients === 0) return [];
      const s = scoreKept(rules, sale, returnedSoFar(o.outcome, o.progress?.returnedMilli ?? []));
      return [{ order_id: o.id, subject: o.subject, day: o.day, ...s }];
    });
    if (sales.length > 0) {
      const ins = await tx.query(
        `INSERT INTO campaign_sales (tenant_id, campaign_id, order_id, subject, day, score, amount_minor,
           margin_minor, quantity_milli, new_clients, returned)
         SELECT $1, $2, order_id, subject, day, score, "amountMinor", "marginMinor", "quantityMilli", "newClients",
           emptied
         FROM jsonb_to_recordset($3::jsonb) AS x(order_id text, subject text, day date, score bigint,
           "amountMinor" bigint, "marginMinor" bigint, "quantityMilli" bigint, "newClients" bigint, emptied boolean)
         ON CONFLICT DO NOTHING`,
        [tenantId, c.id, JSON.stringify(sales)],
      );
      added += ins.rowCount;
    }
    const last = r.rows[r.rows.length - 1];
    if (!last || new Set(r.rows.map((o) => o.id)).size < BACKFILL_PAGE) break;
    after = last.id;
  }
  if (added === 0) return 0;
  await refreshTotals(tx, tenantId, c.id);
  const earned = (await participantsOf(tx, tenantId, c.id)).flatMap((x) =>
    badgesFor({ score: x.score, target: x.target, sales: x.sales }, c.milestones).map((code) => ({
      subject: x.subject,
      code,
    })),
  );
  await tx.query(
    `INSERT INTO campaign_awards (tenant_id, campaign_id, subject, kind, code, awarded_at)
     SELECT $1, $2, subject, 'badge', code, $4 FROM jsonb_to_recordset($3::jsonb) AS x(subject text, code text)
     ON CONFLICT DO NOTHING`,
    [tenantId, c.id, JSON.stringify(earned), at],
  );
  return added;
}

/**
 * Orders of a finalized campaign's period, for its participants and with a line that counts, that scored in
 * no sale: they arrived after the close (or, for a campaign closed before stored orders were scored at the
 * start, before it), and the final result left them out. One statement.
 */
async function lateOrders(q: Queryable, tenantId: string, id: string): Promise<number> {
  const r = await q.query<{ n: string | number }>(
    `${periodOrders("")}
     SELECT count(DISTINCT x.id) AS n FROM x JOIN sales_campaigns c ON c.tenant_id = $1 AND c.id = $2
     WHERE x.subject IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM campaign_sales s WHERE s.tenant_id = $1 AND s.campaign_id = $2
         AND s.order_id = x.id)
       AND EXISTS (SELECT 1 FROM json_array_elements(x.outcome -> 'lines') l
         WHERE (c.skus = '[]'::jsonb AND c.categories = '[]'::jsonb)
           OR c.skus @> jsonb_build_array(l ->> 'sku') OR c.categories @> jsonb_build_array(l ->> 'category'))`,
    [tenantId, id],
  );
  return Number(r.rows[0]?.n ?? 0);
}

// ---- The final report ----------------------------------------------------------------------------------

export interface ReportRow extends Participant {
  rank: number;
  progressMilli: number;
  reachedTarget: boolean;
  prizes: string[];
  points: number;
}

export interface Report {
  campaign: Campaign;
  participants: ReportRow[];
  teams: (Ranked & { members: number })[];
  awards: AwardRow[];
  /** Once finalized: orders of the period that arrived after the close and were left out; null before. */
  lateOrders: number | null;
}

/** Sales against plan per participant and per team, with the prizes awarded (none before the close). */
export async function report(q: Queryable, tenantId: string, id: string): Promise<Report> {
  const campaign = await getCampaign(q, tenantId, id);
  if (!campaign) throw noCampaign(id);
  const people = await participantsOf(q, tenantId, id);
  const awards = await awardsOf(q, tenantId, id);
  const bySubject = new Map(people.map((x) => [x.subject, x]));
  const participants = rankBoard(
    people.map((x) => ({ participant: x.subject, score: x.score, target: x.target })),
  ).map((r) => {
    const won = awards.filter((a) => a.kind === "prize" && a.subject === r.participant);
    return {
      ...(bySubject.get(r.participant) as Participant),
      rank: r.rank,
      progressMilli: r.progressMilli,
      reachedTarget: r.reachedTarget,
      prizes: won.map((a) => (a.prize ? `${a.code}: ${a.prize}` : a.code)),
      points: won.reduce((s, a) => s + a.points, 0),
    };
  });
  const sizes = new Map<string, number>();
  for (const x of people) if (x.team !== null) sizes.set(x.team, (sizes.get(x.team) ?? 0) + 1);
  const teams = rankTeams(
    people.map((x) => ({ participant: x.subject, team: x.team, score: x.score, target: x.target })),
  ).map((t) => ({ ...t, members: sizes.get(t.participant) ?? 0 }));
  const late = campaign.status === "ended" ? await lateOrders(q, tenantId, id) : null;
  return { campaign, participants, teams, awards, lateOrders: late };
}

// ---- Rows ----------------------------------------------------------------------------------------------

interface CampaignRow {
  id: string;
  name: string;
  audience: Audience;
  metric: CampaignMetric;
  skus: string[];
  categories: string[];
  starts_on: string;
  ends_on: string;
  default_target: string | number;
  milestones: number[];
  prizes: CampaignPrize[];
  grace_days: number;
  status: CampaignStatus;
  copied_from: string | null;
  created_by: string;
  created_at: Date | string;
  started_at: Date | string | null;
  ended_at: Date | string | null;
  participants: string | number;
}

function iso(d: Date | string | null): string | null {
  return d === null ? null : new Date(d).toISOString();
}

function toCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    name: r.name,
    audience: r.audience,
    metric: r.metric,
    skus: r.skus,
    categories: r.categories,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    defaultTarget: Number(r.default_target),
    milestones: r.milestones,
    prizes: r.prizes,
    graceDays: Number(r.grace_days),
    status: r.status,
    copiedFrom: r.copied_from,
    createdBy: r.created_by,
    createdAt: iso(r.created_at) as string,
    startedAt: iso(r.started_at),
    endedAt: iso(r.ended_at),
    participants: Number(r.participants),
  };
}

interface ParticipantRow {
  subject: string;
  name: string;
  team: string | null;
  target: string | number;
  score: string | number;
  amount_minor: string | number;
  margin_minor: string | number;
  quantity_milli: string | number;
  new_clients: string | number;
  sales: string | number;
}

function toParticipant(r: ParticipantRow): Participant {
  return {
    subject: r.subject,
    name: r.name,
    team: r.team,
    target: Number(r.target),
    score: Number(r.score),
    amountMinor: Number(r.amount_minor),
    marginMinor: Number(r.margin_minor),
    quantityMilli: Number(r.quantity_milli),
    newClients: Number(r.new_clients),
    sales: Number(r.sales),
  };
}
