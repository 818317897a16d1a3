// Surveys (NPS 0-10 and free text): asked of the contacts of some roles and circles after each order or every
// N days, answered once per request in the portal or by the e-mail's signed link, worth points when the survey
// says so (a balanced ledger transaction and a lot, as any credit), and results as NPS per segment and tier.
import { type CompiledProgram, type Day, expiryDay, formatDay, parseDay } from "@patron/engine";
import type { Db, Queryable } from "../../db/db.ts";
import { ApiError } from "../../http/errors.ts";
import { newId } from "../../ids.ts";
import { type Change, recordAudit } from "../audit/service.ts";
import { balanceOf, openAccount, post } from "../ledger/service.ts";
import { ISSUED, openProgramAccounts, walletAccount } from "../members/service.ts";
import { signLink } from "../notifications/links.ts";
import { contactById, type NotifyContext, raise } from "../notifications/service.ts";

export type SurveySend = "afterOrder" | "schedule";

export interface Survey {
  id: string;
  name: string;
  question: string;
  roles: string[];
  circles: string[];
  send: SurveySend;
  everyDays: number | null;
  points: number;
  active: boolean;
  createdAt: string;
  createdBy: string;
}

export interface SurveyInput {
  name: string;
  question: string;
  roles: string[];
  circles: string[];
  send: SurveySend;
  everyDays: number | null;
  points: number;
  active: boolean;
}

interface SurveyRow {
  id: string;
  name: string;
  question: string;
  roles: string[] | string;
  circles: string[] | string;
  send: SurveySend;
  every_days: number | null;
  points: string;
  active: boolean;
  created_at: Date | string;
  created_by: string;
}

/** Both drivers give text[] as an array; a literal `{a,b}` is read just in case. */
const arr = (v: string[] | string): string[] =>
  Array.isArray(v)
    ? v
    : v
        .replace(/^\{|\}$/g, "")
        .split(",")
        .filter((x) => x.length > 0);

function toSurvey(r: SurveyRow): Survey {
  return {
    id: r.id,
    name: r.name,
    question: r.question,
    roles: arr(r.roles),
    circles: arr(r.circles),
    send: r.send,
    everyDays: r.every_days === null ? null : Number(r.every_days),
    points: Number(r.points),
    active: r.active,
    createdAt: new Date(r.created_at).toISOString(),
    createdBy: r.created_by,
  };
}

const pgText = (xs: readonly string[]) => `{${xs.join(",")}}`;
const COLUMNS =
  "id, name, question, roles, circles, send, every_days, points::text, active, created_at, created_by";

/** The most surveys a tenant keeps. */
export const MAX_SURVEYS = 100;

export async function createSurvey(
  tx: Queryable,
  tenantId: string,
  input: SurveyInput,
  change: Change,
): Promise<Survey> {
  const n = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM surveys WHERE tenant_id = $1", [
    tenantId,
  ]);
  if (Number(n.rows[0]?.n ?? 0) >= MAX_SURVEYS) {
    throw new ApiError("conflict", `a tenant keeps at most ${MAX_SURVEYS} surveys`, "name");
  }
  const id = newId("srv", change.at.getTime());
  await tx.query(
    `INSERT INTO surveys (tenant_id, id, name, question, roles, circles, send, every_days, points, active, created_at, created_by)
     VALUES ($1, $2, $3, $4, $5::text[], $6::text[], $7, $8, $9, $10, $11, $12)`,
    [
      tenantId,
      id,
      input.name,
      input.question,
      pgText(input.roles),
      pgText(input.circles),
      input.send,
      input.everyDays,
      input.points,
      input.active,
      change.at,
      change.actor,
    ],
  );
  // Orders from now on are asked about, not the ones before.
  await tx.query(
    `INSERT INTO notification_watermarks (tenant_id, name, mark) VALUES ($1, $2, $3)
     ON CONFLICT (tenant_id, name) DO UPDATE SET mark = EXCLUDED.mark`,
    [tenantId, `survey:${id}`, String(Date.now())],
  );
  const s = await getSurvey(tx, tenantId, id);
  await recordAudit(tx, tenantId, change, {
    action: "survey.create",
    target: id,
    before: null,
    after: { ...s },
  });
  return s;
}

export async function getSurvey(q: Queryable, tenantId: string, id: string): Promise<Survey> {
  const r = await q.query<SurveyRow>(`SELECT ${COLUMNS} FROM surveys WHERE tenant_id = $1 AND id = $2`, [
    tenantId,
    id,
  ]);
  const row = r.rows[0];
  if (!row) throw new ApiError("not_found", `there is no survey ${id}`, "id");
  return toSurvey(row);
}

export async function listSurveys(q: Queryable, tenantId: string): Promise<Survey[]> {
  const r = await q.query<SurveyRow>(
    `SELECT ${COLUMNS} FROM surveys WHERE tenant_id = $1 ORDER BY id LIMIT ${MAX_SURVEYS}`,
    [tenantId],
  );
  return r.rows.map(toSurvey);
}

export async function updateSurvey(
  tx: Queryable,
  tenantId: string,
  id: string,
  input: Partial<Pick<SurveyInput, "name" | "question" | "points" | "active">>,
  change: Change,
): Promise<Survey> {
  await tx.query("SELECT 1 FROM surveys WHERE tenant_id = $1 AND id = $2 FOR UPDATE", [tenantId, id]);
  const before = await getSurvey(tx, tenantId, id);
  await tx.query(
    `UPDATE surveys SET name = $3, question = $4, points = $5, active = $6 WHERE tenant_id = $1 AND id = $2`,
    [
      tenantId,
      id,
      input.name ?? before.name,
      input.question ?? before.question,
      input.points ?? before.points,
      input.active ?? before.active,
    ],
  );
  const after = await getSurvey(tx, tenantId, id);
  await recordAudit(tx, tenantId, change, {
    action: "survey.update",
    target: id,
    before: { ...before },
    after: { ...after },
  });
  return after;
}

// ---- Asking ------------------------------------------------------------------------------------------------

/** Orders one sweep reads per survey at most; contacts a scheduled survey asks per day at most. */
const MAX_ORDERS_PER_SWEEP = 1000;
const MAX_SCHEDULED_CONTACTS = 5000;
const LOOKBACK_MS = 2 * 60 * 1000;

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
function idPrefix(prefix: string, ms: number): string {
  let time = "";
  let t = Math.max(0, ms);
  for (let i = 0; i < 10; i++) {
    time = (ALPHABET[t % 32] as string) + time;
    t = Math.floor(t / 32);
  }
  return `${prefix}_${time}`;
}

/** Raises the survey requests that are due: after new orders, and on each schedule's day. */
export async function askSurveys(db: Db, ctx: NotifyContext): Promise<Record<string, number>> {
  if (!ctx.settings.triggers.survey.enabled) return {};
  const surveys = (await listSurveys(db, ctx.tenantId)).filter((s) => s.active);
  let asked = 0;
  for (const s of surveys) {
    asked += await db.transaction((tx) =>
      s.send === "afterOrder" ? afterOrders(tx, ctx, s) : onSchedule(tx, ctx, s),
    );
  }
  return { survey: asked };
}

function audienceSql(s: Survey, params: unknown[]): string {
  const parts: string[] = [];
  if (s.roles.length > 0) {
    params.push(pgText(s.roles));
    parts.push(`c.role = ANY($${params.length}::text[])`);
  }
  if (s.circles.length > 0) {
    params.push(pgText(s.circles));
    parts.push(`c.circle = ANY($${params.length}::text[])`);
  }
  return parts.length === 0 ? "" : `AND ${parts.join(" AND ")}`;
}

async function afterOrders(tx: Queryable, ctx: NotifyContext, s: Survey): Promise<number> {
  const markName = `survey:${s.id}`;
  const m = await tx.query<{ mark: string }>(
    "SELECT mark FROM notification_watermarks WHERE tenant_id = $1 AND name = $2 FOR UPDATE",
    [ctx.tenantId, markName],
  );
  const mark = Number(m.rows[0]?.mark ?? Date.now());
  const orders = await tx.query<{ id: string; order_id: string; company_id: string }>(
    `SELECT id, payload->>'orderId' AS order_id, payload->>'companyId' AS company_id FROM events
     WHERE tenant_id = $1 AND id > $2 AND type = 'order' ORDER BY id LIMIT ${MAX_ORDERS_PER_SWEEP}`,
    [ctx.tenantId, idPrefix("evt", mark - LOOKBACK_MS)],
  );
  let n = 0;
  for (const o of orders.rows) {
    if (!o.company_id || !o.order_id) continue;
    const params: unknown[] = [ctx.tenantId, o.company_id];
    const who = await tx.query<{ id: string }>(
      `SELECT c.id FROM contacts c WHERE c.tenant_id = $1 AND c.company_id = $2 AND c.deactivated_at IS NULL
         AND c.erased_at IS NULL ${audienceSql(s, params)} ORDER BY c.id LIMIT 200`,
      params as string[],
    );
    for (const c of who.rows) n += await ask(tx, ctx, s, c.id, `order:${o.order_id}`);
  }
  const last = orders.rows[orders.rows.length - 1];
  if (last) {
    const ms = msOfId(last.id);
    await tx.query(
      `INSERT INTO notification_watermarks (tenant_id, name, mark) VALUES ($1, $2, $3)
       ON CONFLICT (tenant_id, name) DO UPDATE SET mark = EXCLUDED.mark`,
      [ctx.tenantId, markName, String(Math.max(mark, ms))],
    );
  }
  return n;
}

function msOfId(id: string): number {
  const time = id.slice(id.indexOf("_") + 1, id.indexOf("_") + 11);
  let ms = 0;
  for (const ch of time) ms = ms * 32 + ALPHABET.indexOf(ch);
  return ms;
}

/** Every `everyDays` days from the survey's creation, the audience is asked once for the period. */
async function onSchedule(tx: Queryable, ctx: NotifyContext, s: Survey): Promise<number> {
  const every = s.everyDays ?? 0;
  if (every <= 0) return 0;
  const start = parseDay(s.createdAt.slice(0, 10)) as Day;
  const period = Math.floor((ctx.today - start) / every);
  if (period < 0) return 0;
  const params: unknown[] = [ctx.tenantId];
  const who = await tx.query<{ id: string }>(
    `SELECT c.id FROM contacts c LEFT JOIN survey_requests r ON r.tenant_id = c.tenant_id AND r.contact_id = c.id
       AND r.survey_id = '${s.id.replace(/'/g, "")}' AND r.reason = 'period:${period}'
     WHERE c.tenant_id = $1 AND c.deactivated_at IS NULL AND c.erased_at IS NULL AND r.id IS NULL
       ${audienceSql(s, params)} ORDER BY c.id LIMIT ${MAX_SCHEDULED_CONTACTS}`,
    params as string[],
  );
  let n = 0;
  for (const c of who.rows) n += await ask(tx, ctx, s, c.id, `period:${period}`);
  return n;
}

/** One request of a survey to one contact for one reason, and its e-mail and portal message; once. */
async function ask(
  tx: Queryable,
  ctx: NotifyContext,
  s: Survey,
  contactId: string,
  reason: string,
): Promise<number> {
  const contact = await contactById(tx, ctx.tenantId, contactId);
  if (!contact) return 0;
  const id = newId("srq", ctx.now.getTime());
  const r = await tx.query(
    `INSERT INTO survey_requests (tenant_id, id, survey_id, contact_id, member_id, reason, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (tenant_id, survey_id, contact_id, reason) DO NOTHING`,
    [ctx.tenantId, id, s.id, contactId, contact.companyId, reason, ctx.now],
  );
  if (r.rowCount === 0) return 0;
  const token = signLink(ctx.secret, { kind: "survey", requestId: id });
  return raise(tx, ctx, {
    trigger: "survey",
    key: `survey:${id}`,
    memberId: contact.companyId,
    recipients: [contact],
    vars: {
      question: s.question,
      surveyUrl: `${ctx.baseUrl}/survey?tenant=${encodeURIComponent(ctx.tenantId)}&token=${token}`,
    },
  });
}

// ---- Answering ---------------------------------------------------------------------------------------------

export interface SurveyRequest {
  id: string;
  surveyId: string;
  name: string;
  question: string;
  points: number;
  contactId: string;
  memberId: string;
  askedAt: string;
  answeredAt: string | null;
}

interface RequestRow {
  id: string;
  survey_id: string;
  name: string;
  question: string;
  points: string;
  contact_id: string;
  member_id: string;
  created_at: Date | string;
  answered_at: Date | string | null;
}

const REQUEST_SQL = `SELECT r.id, r.survey_id, s.name, s.question, s.points::text, r.contact_id, r.member_id,
  r.created_at, r.answered_at
  FROM survey_requests r JOIN surveys s ON s.tenant_id = r.tenant_id AND s.id = r.survey_id`;

const toRequest = (r: RequestRow): SurveyRequest => ({
  id: r.id,
  surveyId: r.survey_id,
  name: r.name,
  question: r.question,
  points: Number(r.points),
  contactId: r.contact_id,
  memberId: r.member_id,
  askedAt: new Date(r.created_at).toISOString(),
  answeredAt: r.answered_at === null ? null : new Date(r.answered_at).toISOString(),
});

export async function requestById(q: Queryable, tenantId: string, id: string): Promise<SurveyRequest | null> {
  const r = await q.query<RequestRow>(`${REQUEST_SQL} WHERE r.tenant_id = $1 AND r.id = $2`, [tenantId, id]);
  return r.rows[0] ? toRequest(r.rows[0]) : null;
}

/** A contact's unanswered surveys, newest first. */
export async function openRequests(
  q: Queryable,
  tenantId: string,
  contactId: string,
): Promise<SurveyRequest[]> {
  const r = await q.query<RequestRow>(
    `${REQUEST_SQL} WHERE r.tenant_id = $1 AND r.contact_id = $2 AND r.answered_at IS NULL ORDER BY r.id DESC LIMIT 50`,
    [tenantId, contactId],
  );
  return r.rows.map(toRequest);
}

export interface Answer {
  requestId: string;
  score: number;
  comment: string | null;
  points: number;
  transactionId: string | null;
}

/**
 * Records the answer of a request (once: a second is a conflict), with the member's segment and tier now, and
 * credits the survey's points to the member's wallet in a balanced transaction with a lot.
 */
export async function answer(
  tx: Queryable,
  tenantId: string,
  requestId: string,
  input: { score: number; comment: string | null },
  at: Date,
  today: Day,
  program: CompiledProgram | null,
): Promise<Answer> {
  const locked = await tx.query<{ answered_at: Date | string | null }>(
    "SELECT answered_at FROM survey_requests WHERE tenant_id = $1 AND id = $2 FOR UPDATE",
    [tenantId, requestId],
  );
  const row = locked.rows[0];
  if (!row) throw new ApiError("not_found", `there is no survey request ${requestId}`, "id");
  if (row.answered_at !== null) throw new ApiError("conflict", "this survey was answered already", "id");
  const req = (await requestById(tx, tenantId, requestId)) as SurveyRequest;
  const m = await tx.query<{ segment: string | null; tier: string | null }>(
    "SELECT segment, tier FROM members WHERE tenant_id = $1 AND id = $2",
    [tenantId, req.memberId],
  );
  const id = newId("srs", at.getTime());
  let transactionId: string | null = null;
  if (req.points > 0)
    transactionId = await credit(tx, tenantId, req.memberId, req.points, id, today, program);
  await tx.query(
    `INSERT INTO survey_responses (tenant_id, id, survey_id, request_id, contact_id, member_id, score, comment, day,
       segment, tier, transaction_id, answered_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
    [
      tenantId,
      id,
      req.surveyId,
      requestId,
      req.contactId,
      req.memberId,
      input.score,
      input.comment,
      formatDay(today),
      m.rows[0]?.segment ?? null,
      m.rows[0]?.tier ?? null,
      transactionId,
      at,
    ],
  );
  await tx.query("UPDATE survey_requests SET answered_at = $3 WHERE tenant_id = $1 AND id = $2", [
    tenantId,
    requestId,
    at,
  ]);
  return { requestId, score: input.score, comment: input.comment, points: req.points, transactionId };
}

/** Points for answering: from the program's issued account to the wallet, a debt repaid first, the rest a lot. */
async function credit(
  tx: Queryable,
  tenantId: string,
  memberId: string,
  points: number,
  responseId: string,
  today: Day,
  p: CompiledProgram | null,
): Promise<string> {
  await openProgramAccounts(tx, tenantId);
  const wallet = walletAccount(memberId);
  await openAccount(tx, tenantId, wallet, "wallet", p?.wallet.allowDebt ?? false);
  const before = Number((await balanceOf(tx, tenantId, wallet)) ?? 0n);
  const txn = await post(tx, tenantId, {
    code: "survey",
    cause: responseId,
    postings: [{ from: ISSUED, to: wallet, amount: points }],
  });
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
        `survey:${responseId}`,
      ],
    );
  }
  return txn;
}

// ---- Results -----------------------------------------------------------------------------------------------

export interface NpsGroup {
  /** The first day of the period (all: null). */
  period: string | null;
  /** The segment or tier (null: none set), or null when not grouped. */
  group: string | null;
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** % promoters − % detractors, from −100 to 100, rounded half away from zero to one decimal. */
  nps: number;
}

export type GroupBy = "none" | "segment" | "tier";
export type Interval = "all" | "month" | "week";

/** NPS from counts, rounded to one decimal: 1000 × (promoters − detractors) / responses, in tenths. */
export function npsOf(promoters: number, detractors: number, responses: number): number {
  if (responses === 0) return 0;
  const tenths = (1000 * (promoters - detractors)) / responses;
  return (Math.sign(tenths) * Math.round(Math.abs(tenths))) / 10;
}

/** Counts of promoters (9-10), passives (7-8) and detractors (0-6) per period and segment or tier. */
export async function results(
  q: Queryable,
  tenantId: string,
  surveyId: string | null,
  opts: { from?: string | undefined; to?: string | undefined; groupBy: GroupBy; interval: Interval },
): Promise<NpsGroup[]> {
  const params: unknown[] = [tenantId];
  const where = ["tenant_id = $1"];
  if (surveyId !== null) {
    params.push(surveyId);
    where.push(`survey_id = $${params.length}`);
  }
  if (opts.from) {
    params.push(opts.from);
    where.push(`day >= $${params.length}`);
  }
  if (opts.to) {
    params.push(opts.to);
    where.push(`day <= $${params.length}`);
  }
  const period = opts.interval === "all" ? "NULL::text" : `date_trunc('${opts.interval}', day)::date::text`;
  const group = opts.groupBy === "none" ? "NULL::text" : opts.groupBy;
  const r = await q.query<{
    period: string | null;
    grp: string | null;
    n: number;
    p: number;
    pa: number;
    d: number;
  }>(
    `SELECT ${period} AS period, ${group} AS grp, count(*)::int AS n,
       count(*) FILTER (WHERE score >= 9)::int AS p, count(*) FILTER (WHERE score BETWEEN 7 AND 8)::int AS pa,
       count(*) FILTER (WHERE score <= 6)::int AS d
     FROM survey_responses WHERE ${where.join(" AND ")}
     GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST LIMIT 10000`,
    params as string[],
  );
  return r.rows.map((x) => ({
    period: x.period,
    group: x.grp,
    responses: Number(x.n),
    promoters: Number(x.p),
    passives: Number(x.pa),
    detractors: Number(x.d),
    nps: npsOf(Number(x.p), Number(x.d), Number(x.n)),
  }));
}

export async function contactOfRequest(
  q: Queryable,
  tenantId: string,
  requestId: string,
): Promise<string | null> {
  const r = await q.query<{ contact_id: string }>(
    "SELECT contact_id FROM survey_requests WHERE tenant_id = $1 AND id = $2",
    [tenantId, requestId],
  );
  return r.rows[0]?.contact_id ?? null;
}
