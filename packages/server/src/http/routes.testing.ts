// The route table that the isolation and bad-input suites walk: for every route of the OpenAPI document, valid
// calls that name one tenant's real objects; the tenants those calls name; snapshots of the database to prove
// a walk wrote nothing.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Db } from "../db/db.ts";
import { quoteIdent } from "../db/db.ts";
import { EXPORT_KINDS } from "../modules/imports/kinds.ts";
import { CSRF_HEADER } from "../modules/sessions/cookie.ts";
import type { AppEnv } from "./context.ts";
import { bootstrap, call } from "./testing.ts";

export const BOOTSTRAP_TOKEN = "bootstrap-token-for-route-walks";
/** The clock of both suites: orders are dated just before it, holds expire well after it. */
export const CLOCK = new Date("2026-03-05T09:00:00Z");

/** The volume tiers of example 1, with a `code` discount for the seeded code batch to give. */
export const PROGRAM = `${readFileSync(
  fileURLToPath(new URL("../../../../examples/programs/01-volume-tiers.yaml", import.meta.url)),
  "utf8",
)}
discounts:
  - { id: promo, kind: code, code: PROGRAM-PROMO, rate: "5%" }
`;

/** One tenant with an object of every kind a route can name, and the strings that would betray its data. */
export interface Seeded {
  id: string;
  key: string;
  ownerUserId: string;
  userId: string;
  userEmail: string;
  keyId: string;
  companyId: string;
  childCompanyId: string;
  contactId: string;
  orderId: string;
  /** The id the server gave the order's event. */
  eventId: string;
  holdId: string;
  adjustmentId: string;
  draftId: string;
  surveyId: string;
  /** A signed-in portal session of the company's admin contact: `patron_session=…`. */
  portalCookie: string;
  webhookEndpointId: string;
  webhookMessageId: string;
  webhookDeliveryId: string;
  /** A promo code batch, and its shared code. */
  codeBatchId: string;
  code: string;
  /** A reward, and an order of it by the company's admin in the portal, awaiting the owner's approval. */
  rewardId: string;
  rewardOrderId: string;
  /** A live widget token for the company: `pwt_…`. */
  widgetToken: string;
  /** A membership plan, a membership of it for the company, and a pending individual discount for it. */
  membershipPlanId: string;
  membershipId: string;
  grantId: string;
  /** A coalition partner and a live key of it: `ppk_…`. */
  partnerId: string;
  partnerKey: string;
  /** A hold the partner made, through its key, for the company (which bought from it first). */
  partnerHoldId: string;
  /** A draft sales campaign with the sales manager as its participant. */
  campaignId: string;
  /** Names, emails and server-made ids of this tenant that no other tenant's answer may contain. */
  secrets: string[];
}

async function ok<T>(
  app: OpenAPIHono<AppEnv>,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const r = await call<T>(app, method, path, { key, ...(body === undefined ? {} : { body }) });
  if (r.status >= 300) throw new Error(`${method} ${path} failed while seeding: ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Bootstraps tenant `id` with a published program, a draft, staff, companies, a contact, an order, points, a hold and a pending adjustment. */
export async function seedTenant(app: OpenAPIHono<AppEnv>, id: string): Promise<Seeded> {
  const { ownerKey: key, answer } = await bootstrap(app, id, BOOTSTRAP_TOKEN);
  const post = <T>(path: string, body?: unknown) => ok<T>(app, key, "POST", path, body);
  await post("/v1/programs", { definition: PROGRAM });
  await ok(app, key, "PUT", "/v1/settings", { adjustmentApprovalThreshold: 1000 });
  const userEmail = `sales@${id}-secret.example`;
  const user = await post<{ id: string }>("/v1/users", {
    email: userEmail,
    name: `${id} Secret Sales`,
    role: "sales_manager",
    password: "a long enough password",
  });
  const apiKey = await post<{ id: string }>("/v1/api-keys", { role: "support", name: `${id} secret key` });
  const companyId = `${id}-c1`;
  const childCompanyId = `${id}-c2`;
  await post("/v1/companies", { id: companyId, name: `${id} Secret Works`, segment: `${id}-segment` });
  await post("/v1/companies", { id: childCompanyId, name: `${id} Secret Branch`, parentId: companyId });
  const contact = await post<{ id: string }>(`/v1/companies/${companyId}/contacts`, {
    name: `${id} Secret Buyer`,
    email: `buyer@${id}-secret.example`,
    role: "buyer",
  });
  const admin = await post<{ id: string }>(`/v1/companies/${companyId}/contacts`, {
    name: `${id} Secret Admin`,
    email: `admin@${id}-secret.example`,
    role: "company_admin",
  });
  const invited = await post<{ link: string | null }>(`/v1/contacts/${admin.id}/invite`, {});
  const token = /[?&]token=([^&]+)/.exec(invited.link ?? "")?.[1];
  if (!token) throw new Error(`no invitation token in ${invited.link}`);
  const accepted = await call(app, "POST", "/v1/portal/accept-invite", {
    body: { tenant: id, token: decodeURIComponent(token), password: "a long enough password" },
    headers: { [CSRF_HEADER]: "1" },
  });
  const portalCookie = /patron_session=[^;]*/.exec(accepted.headers.get("set-cookie") ?? "")?.[0];
  if (accepted.status !== 201 || !portalCookie) throw new Error(`portal sign-in failed while seeding`);
  const orderId = `${id}-o1`;
  const { eventId } = await post<{ eventId: string }>("/v1/events", {
    type: "order",
    orderId,
    date: "2026-03-01",
    companyId,
    lines: [{ sku: `${id}-sku`, category: "goods", quantity: 2, unitPrice: "1500.00" }],
  });
  await post(`/v1/members/${companyId}/adjustments`, { points: 500, reason: `${id} secret goodwill` });
  const pending = await post<{ id: string; status: string }>(`/v1/members/${companyId}/adjustments`, {
    points: 5000,
    reason: `${id} secret big grant`,
  });
  if (pending.status !== "pending_approval") throw new Error("the big adjustment should await approval");
  const hold = await post<{ id: string }>("/v1/redemptions", { memberId: companyId, points: 100 });
  const draft = await post<{ id: string }>("/v1/programs/drafts", {
    definition: PROGRAM,
    comment: `${id} draft`,
  });
  const hook = await post<{ id: string }>("/v1/webhooks/endpoints", {
    url: `https://hooks.${id}-secret.example/in`,
    description: `${id} Secret CRM`,
  });
  const messages = await ok<{ data: { id: string }[] }>(app, key, "GET", "/v1/webhooks/messages?limit=1");
  const message = messages.data[0];
  if (!message) throw new Error("the seeded tenant has no webhook message");
  const replayed = await post<{ data: { id: string }[] }>(`/v1/webhooks/messages/${message.id}/replay`, {});
  const delivery = replayed.data[0];
  if (!delivery) throw new Error("the seeded tenant's message made no delivery");
  const survey = await post<{ id: string }>("/v1/surveys", {
    name: `${id} Secret Survey`,
    send: "afterOrder",
    roles: ["buyer"],
    points: 50,
  });
  const code = `${id.toUpperCase()}-SECRET-CODE`;
  const codeBatch = await post<{ id: string }>("/v1/code-batches", {
    name: `${id} Secret batch`,
    kind: "shared",
    discountId: "promo",
    code,
  });
  const reward = await post<{ id: string }>("/v1/rewards", {
    name: `${id} Secret reward`,
    kind: "goods",
    pricePoints: 10,
    stock: 100,
    ownerApproval: true,
  });
  const rewardOrder = await call<{ id: string }>(app, "POST", "/v1/portal/reward-orders", {
    body: { rewardId: reward.id, note: `${id} secret note` },
    headers: { [CSRF_HEADER]: "1", cookie: portalCookie },
  });
  if (rewardOrder.status !== 201)
    throw new Error(`reward order failed while seeding: ${JSON.stringify(rewardOrder.body)}`);
  const widget = await post<{ token: string }>("/v1/widget/tokens", {
    memberId: companyId,
    expiresInMinutes: 600,
  });
  const plan = await post<{ id: string }>("/v1/membership-plans", {
    name: `${id} Secret plan`,
    fee: "220",
    periodDays: 365,
    discountRate: "50%",
  });
  const membership = await post<{ id: string }>("/v1/memberships", { companyId, planId: plan.id });
  const sales = await post<{ secret: string }>("/v1/api-keys", { role: "sales_manager", userId: user.id });
  await ok(app, key, "PATCH", `/v1/companies/${companyId}`, { salesRepId: user.id });
  const grant = await ok<{ id: string; status: string }>(app, sales.secret, "POST", "/v1/discount-grants", {
    companyId,
    discountRate: "30%",
    reason: `${id} secret reason`,
    validTo: "2026-12-31",
  });
  if (grant.status !== "pending_approval") throw new Error("the big grant should await approval");
  const partnerId = `${id}-partner`;
  await post("/v1/partners", { id: partnerId, name: `${id} Secret Partner` });
  const partnerKey = await post<{ secret: string }>(`/v1/partners/${partnerId}/keys`, { name: "till" });
  await ok(app, partnerKey.secret, "POST", "/v1/partner/events", {
    type: "order",
    orderId: `${id}-po1`,
    date: "2026-03-02",
    companyId,
    lines: [{ sku: `${id}-sku`, category: "goods", quantity: 1, unitPrice: "100.00" }],
  });
  const partnerHold = await ok<{ id: string }>(app, partnerKey.secret, "POST", "/v1/partner/redemptions", {
    memberId: companyId,
    points: 10,
  });
  const campaign = await post<{ id: string }>("/v1/campaigns", {
    name: `${id} Secret campaign`,
    audience: "staff",
    metric: "amount",
    startsOn: "2026-03-01",
    endsOn: "2026-03-31",
    defaultTarget: "10000.00",
    participants: [{ kind: "user", id: user.id, team: `${id} Secret team` }],
  });
  return {
    id,
    key,
    membershipPlanId: plan.id,
    membershipId: membership.id,
    grantId: grant.id,
    partnerId,
    partnerKey: partnerKey.secret,
    partnerHoldId: partnerHold.id,
    campaignId: campaign.id,
    surveyId: survey.id,
    ownerUserId: answer.owner.id,
    userId: user.id,
    userEmail,
    keyId: apiKey.id,
    companyId,
    childCompanyId,
    contactId: contact.id,
    orderId,
    eventId,
    holdId: hold.id,
    adjustmentId: pending.id,
    draftId: draft.id,
    portalCookie,
    webhookEndpointId: hook.id,
    webhookMessageId: message.id,
    webhookDeliveryId: delivery.id,
    codeBatchId: codeBatch.id,
    code,
    rewardId: reward.id,
    rewardOrderId: rewardOrder.body.id,
    widgetToken: widget.token,
    secrets: [
      plan.id,
      membership.id,
      grant.id,
      partnerId,
      partnerKey.secret,
      partnerHold.id,
      campaign.id,
      `${id} Secret campaign`,
      hook.id,
      message.id,
      delivery.id,
      reward.id,
      rewardOrder.body.id,
      codeBatch.id,
      code,
      `admin@${id}-secret.example`,
      answer.owner.id,
      answer.owner.email,
      answer.apiKey.id,
      answer.apiKey.prefix,
      user.id,
      userEmail,
      `${id} Secret`,
      `${id}-secret`,
      `${id}-segment`,
      `${id}-sku`,
      apiKey.id,
      contact.id,
      hold.id,
      eventId,
      pending.id,
      draft.id,
      survey.id,
      key,
    ],
  };
}

export interface RouteCall {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * What another tenant's key must get from a route. `refused`: the call names the seeded tenant's objects, so
 * 403 or 404 (or the statuses given). `filtered`: a list filtered by the seeded tenant's objects, so 200 and
 * empty. `own`: the call acts on the caller's own tenant, so anything but a 5xx, without the seeded
 * tenant's data. `batch`: 200 with every entry refused with 404 or 422.
 */
export type Isolation =
  | { kind: "refused"; statuses?: number[] }
  | { kind: "filtered" }
  | { kind: "own" }
  | { kind: "batch" };

export interface RouteCase {
  /** Valid calls naming `t`'s objects, with `t`'s key they would succeed (bar state such as a spent hold). */
  calls(t: Seeded): RouteCall[];
  isolation: Isolation;
  /** Calls the bad-input suite starts from instead of `calls`: valid, and each writing at most one thing. */
  badInputCalls?(t: Seeded): RouteCall[];
  /** Whose token the route takes: a tenant's key, or the deployment's bootstrap token. */
  auth?: "bootstrap";
}

const REFUSED: Isolation = { kind: "refused" };
/** A reference in the body to an object the caller's tenant lacks is bad input there, as for any unknown id. */
const REFUSED_IN_BODY: Isolation = { kind: "refused", statuses: [403, 404, 422] };
const OWN: Isolation = { kind: "own" };
const PORTAL_ONLY: Isolation = { kind: "refused", statuses: [401, 403] };
const FILTERED: Isolation = { kind: "filtered" };

const line = (t: Seeded) => ({ sku: `${t.id}-sku`, category: "goods", quantity: 1, unitPrice: "100.00" });
const order = (t: Seeded, orderId: string) => ({
  type: "order",
  orderId,
  date: "2026-03-04",
  companyId: t.companyId,
  lines: [line(t)],
});
/** Events that name the seeded tenant's order and hold; another tenant knows neither. */
const foreignEvents = (t: Seeded) => [
  { type: "payment", orderId: t.orderId, date: "2026-03-04" },
  { type: "cancellation", orderId: t.orderId, date: "2026-03-04" },
  { type: "return", externalId: "r-1", orderId: t.orderId, date: "2026-03-04", lines: [line(t)] },
  { ...order(t, "walk-o2"), holdId: t.holdId },
  { ...order(t, "walk-o3"), replaces: t.orderId },
];

/** Every route of the API, keyed `METHOD /path` as in the OpenAPI document. */
export const ROUTES: Record<string, RouteCase> = {
  "GET /healthz": { calls: () => [{ path: "/healthz" }], isolation: OWN },
  "POST /v1/tenants": {
    calls: (t) => [
      {
        path: "/v1/tenants",
        body: { id: t.id, name: "Taken over", owner: { email: "x@y.example", name: "X" } },
      },
    ],
    // Only the deployment's bootstrap token may create tenants; a tenant's key is not it.
    isolation: { kind: "refused", statuses: [401, 403] },
    badInputCalls: () => [
      {
        path: "/v1/tenants",
        body: { id: "charlie", name: "Charlie", owner: { email: "o@charlie.example", name: "O" } },
      },
    ],
    auth: "bootstrap",
  },
  "POST /v1/api-keys": {
    calls: (t) => [{ path: "/v1/api-keys", body: { role: "owner", name: "borrowed", userId: t.userId } }],
    isolation: REFUSED_IN_BODY,
  },
  "GET /v1/api-keys": { calls: () => [{ path: "/v1/api-keys", query: { limit: "200" } }], isolation: OWN },
  "DELETE /v1/api-keys/{id}": { calls: (t) => [{ path: `/v1/api-keys/${t.keyId}` }], isolation: REFUSED },
  "GET /v1/users": { calls: () => [{ path: "/v1/users", query: { limit: "200" } }], isolation: OWN },
  "POST /v1/users": {
    calls: () => [{ path: "/v1/users", body: { email: "new@walk.example", name: "New", role: "support" } }],
    isolation: OWN,
  },
  "GET /v1/audit-log": {
    calls: (t): RouteCall[] => [
      { path: "/v1/audit-log", query: { actor: t.ownerUserId } },
      { path: "/v1/audit-log", query: { actor: t.userId, limit: "200" } },
    ],
    isolation: FILTERED,
  },
  "POST /v1/programs": {
    calls: () => [{ path: "/v1/programs", body: { definition: PROGRAM } }],
    isolation: OWN,
  },
  "GET /v1/programs": { calls: () => [{ path: "/v1/programs", query: { status: "draft" } }], isolation: OWN },
  "POST /v1/events": {
    calls: (t) => foreignEvents(t).map((body) => ({ path: "/v1/events", body })),
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/events/batch": {
    calls: (t) => [{ path: "/v1/events/batch", body: { events: foreignEvents(t) } }],
    isolation: { kind: "batch" },
    // One event, so that a refused event leaves nothing else to land.
    badInputCalls: (t) => [
      { path: "/v1/events/batch", body: { events: [{ ...order(t, "bad-o1"), pointsToRedeem: 1 }] } },
    ],
  },
  "POST /v1/quote": {
    calls: (t) => [
      {
        path: "/v1/quote",
        body: { date: "2026-03-04", companyId: t.companyId, lines: [line(t)], pointsToRedeem: 10 },
      },
    ],
    isolation: OWN,
  },
  "GET /v1/members/{id}/wallet": {
    calls: (t) => [{ path: `/v1/members/${t.companyId}/wallet`, query: { expiringDates: "5" } }],
    isolation: REFUSED,
  },
  "GET /v1/events": {
    calls: (t): RouteCall[] => [
      { path: "/v1/events", query: { companyId: t.companyId, limit: "10" } },
      {
        path: "/v1/events",
        query: { type: "order", status: "pending", from: "2026-03-01", to: "2026-03-05" },
      },
    ],
    isolation: FILTERED,
  },
  "GET /v1/events/{id}": {
    calls: (t) => [{ path: `/v1/events/${t.eventId}`, query: { locale: "ru" } }],
    isolation: REFUSED,
  },
  "GET /v1/members/{id}/ledger": {
    calls: (t) => [{ path: `/v1/members/${t.companyId}/ledger`, query: { limit: "10" } }],
    isolation: REFUSED,
  },
  "GET /v1/members/{id}/tier": {
    calls: (t) => [{ path: `/v1/members/${t.companyId}/tier`, query: { date: "2026-03-04" } }],
    isolation: REFUSED,
  },
  "POST /v1/redemptions": {
    calls: (t) => [
      { path: "/v1/redemptions", body: { memberId: t.companyId, points: 10, expiresInMinutes: 60 } },
      {
        path: "/v1/redemptions",
        body: { memberId: t.companyId, points: 10, cart: { lines: [line(t)], date: "2026-03-04" } },
      },
    ],
    isolation: REFUSED,
  },
  "GET /v1/redemptions": {
    calls: (t): RouteCall[] => [
      { path: "/v1/redemptions", query: { memberId: t.companyId, limit: "10" } },
      { path: "/v1/redemptions", query: { memberId: t.companyId, status: "held" } },
    ],
    isolation: FILTERED,
  },
  "GET /v1/redemptions/{id}": { calls: (t) => [{ path: `/v1/redemptions/${t.holdId}` }], isolation: REFUSED },
  "POST /v1/redemptions/{id}/capture": {
    calls: (t) => [
      {
        path: `/v1/redemptions/${t.holdId}/capture`,
        body: { orderId: "walk-o4", date: "2026-03-04", companyId: t.companyId, lines: [line(t)] },
      },
    ],
    isolation: REFUSED,
  },
  "POST /v1/redemptions/{id}/cancel": {
    calls: (t) => [{ path: `/v1/redemptions/${t.holdId}/cancel` }],
    isolation: REFUSED,
  },
  "POST /v1/programs/drafts": {
    calls: () => [{ path: "/v1/programs/drafts", body: { definition: PROGRAM, comment: "walk" } }],
    isolation: OWN,
  },
  "PUT /v1/programs/drafts/{id}": {
    calls: (t) => [
      { path: `/v1/programs/drafts/${t.draftId}`, body: { definition: PROGRAM, comment: "edit" } },
    ],
    isolation: REFUSED,
  },
  "POST /v1/programs/drafts/{id}/validate": {
    calls: (t) => [{ path: `/v1/programs/drafts/${t.draftId}/validate` }],
    isolation: REFUSED,
  },
  "POST /v1/programs/drafts/{id}/simulate": {
    calls: (t) => [
      {
        path: `/v1/programs/drafts/${t.draftId}/simulate`,
        body: { from: "2026-01-01", to: "2026-03-04", limit: 100 },
      },
    ],
    isolation: REFUSED,
  },
  "POST /v1/programs/drafts/{id}/publish": {
    calls: (t) => [
      {
        path: `/v1/programs/drafts/${t.draftId}/publish`,
        body: { effectiveFrom: "2026-04-01", comment: "go" },
      },
    ],
    isolation: REFUSED,
  },
  "POST /v1/programs/rollback": {
    calls: () => [{ path: "/v1/programs/rollback", body: { effectiveFrom: "2026-04-01", toVersion: 1 } }],
    isolation: OWN,
  },
  "GET /v1/programs/{version}": {
    calls: (t) => [{ path: `/v1/programs/${t.draftId}` }],
    isolation: REFUSED,
  },
  "GET /v1/settings": { calls: () => [{ path: "/v1/settings" }], isolation: OWN },
  "PUT /v1/settings": {
    calls: () => [{ path: "/v1/settings", body: { adjustmentApprovalThreshold: 2000, comment: "walk" } }],
    isolation: OWN,
  },
  "POST /v1/members/{id}/adjustments": {
    calls: (t) => [
      {
        path: `/v1/members/${t.companyId}/adjustments`,
        body: { points: -10, reason: "walk", comment: "walk", expiresOn: "2026-12-31" },
      },
    ],
    isolation: REFUSED,
  },
  "POST /v1/adjustments/{id}/approve": {
    calls: (t) => [{ path: `/v1/adjustments/${t.adjustmentId}/approve`, body: { comment: "ok" } }],
    isolation: REFUSED,
  },
  "POST /v1/adjustments/{id}/reject": {
    calls: (t) => [{ path: `/v1/adjustments/${t.adjustmentId}/reject`, body: { comment: "no" } }],
    isolation: REFUSED,
  },
  "GET /v1/adjustments": {
    calls: (t) => [
      { path: "/v1/adjustments", query: { memberId: t.companyId, status: "pending_approval", limit: "10" } },
    ],
    isolation: FILTERED,
  },
  "POST /v1/companies": {
    calls: (t) => [
      {
        path: "/v1/companies",
        body: {
          id: "walk-c9",
          name: "Walk",
          parentId: t.companyId,
          joinedOn: "2026-01-01",
          attributes: { a: 1 },
        },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "GET /v1/companies": {
    calls: (t): RouteCall[] => [
      { path: "/v1/companies", query: { parentId: t.companyId, limit: "10" } },
      { path: "/v1/companies", query: { q: t.companyId } },
      { path: "/v1/companies", query: { segment: `${t.id}-segment` } },
    ],
    isolation: FILTERED,
  },
  "PATCH /v1/companies/{id}": {
    calls: (t) => [{ path: `/v1/companies/${t.companyId}`, body: { name: "Renamed", region: "North" } }],
    isolation: REFUSED,
  },
  "GET /v1/companies/{id}": { calls: (t) => [{ path: `/v1/companies/${t.companyId}` }], isolation: REFUSED },
  "GET /v1/segments": { calls: () => [{ path: "/v1/segments" }], isolation: OWN },
  "POST /v1/companies/{id}/contacts": {
    calls: (t) => [
      {
        path: `/v1/companies/${t.companyId}/contacts`,
        body: { name: "Walk", email: "walk@walk.example", role: "buyer", phone: "+1 555 0100" },
      },
    ],
    isolation: REFUSED,
  },
  "GET /v1/companies/{id}/contacts": {
    calls: (t) => [
      { path: `/v1/companies/${t.companyId}/contacts`, query: { includeInactive: "true", limit: "10" } },
    ],
    isolation: REFUSED,
  },
  "GET /v1/contacts/{id}": { calls: (t) => [{ path: `/v1/contacts/${t.contactId}` }], isolation: REFUSED },
  "POST /v1/companies/{id}/notes": {
    calls: (t) => [{ path: `/v1/companies/${t.companyId}/notes`, body: { text: "Walked by." } }],
    isolation: REFUSED,
  },
  "GET /v1/companies/{id}/notes": {
    calls: (t) => [{ path: `/v1/companies/${t.companyId}/notes`, query: { limit: "10" } }],
    isolation: REFUSED,
  },
  "PATCH /v1/contacts/{id}": {
    calls: (t) => [
      { path: `/v1/contacts/${t.contactId}`, body: { name: "Renamed", marketingConsent: true } },
    ],
    isolation: REFUSED,
  },
  "DELETE /v1/contacts/{id}": { calls: (t) => [{ path: `/v1/contacts/${t.contactId}` }], isolation: REFUSED },
  "POST /v1/contacts/{id}/erase": {
    calls: (t) => [{ path: `/v1/contacts/${t.contactId}/erase`, body: { comment: "asked" } }],
    isolation: REFUSED,
  },
  "POST /v1/companies/{id}/erase": {
    calls: (t) => [{ path: `/v1/companies/${t.companyId}/erase`, body: { comment: "asked" } }],
    isolation: REFUSED,
  },
  "POST /v1/sessions": {
    // Signing in is public: a tenant's key opens nothing of another tenant; a wrong password is a 401.
    calls: (t) => [
      {
        path: "/v1/sessions",
        body: { tenant: t.id, email: t.userEmail, password: "not the password" },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: { kind: "refused", statuses: [401] },
  },
  "GET /v1/sessions/current": { calls: () => [{ path: "/v1/sessions/current" }], isolation: OWN },
  "DELETE /v1/sessions/current": {
    calls: () => [{ path: "/v1/sessions/current", headers: { [CSRF_HEADER]: "1" } }],
    isolation: OWN,
  },
  "GET /readyz": { calls: () => [{ path: "/readyz" }], isolation: OWN },
  "POST /v1/contacts/{id}/invite": {
    calls: (t) => [{ path: `/v1/contacts/${t.contactId}/invite`, body: { comment: "join us" } }],
    isolation: REFUSED,
  },
  "POST /v1/portal/accept-invite": {
    // An invitation is its token: another tenant's key neither has it nor helps to guess it.
    calls: (t) => [
      {
        path: "/v1/portal/accept-invite",
        body: { tenant: t.id, token: "not-an-invitation-token", password: "a long enough password" },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: { kind: "refused", statuses: [401, 403, 404, 409, 422] },
  },
  "POST /v1/portal/sessions": {
    calls: (t) => [
      {
        path: "/v1/portal/sessions",
        body: { tenant: t.id, email: t.userEmail, password: "not the password" },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: { kind: "refused", statuses: [401] },
  },
  // The portal's routes answer a contact's session only; an API key of any tenant is refused.
  "GET /v1/portal/me": {
    calls: () => [{ path: "/v1/portal/me" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/me", headers: { cookie: t.portalCookie } }],
  },
  "GET /v1/portal/wallet": {
    calls: () => [{ path: "/v1/portal/wallet" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/wallet", headers: { cookie: t.portalCookie } }],
  },
  "GET /v1/portal/ledger": {
    calls: () => [{ path: "/v1/portal/ledger" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/ledger", headers: { cookie: t.portalCookie } }],
  },
  "GET /v1/portal/redemptions": {
    calls: () => [{ path: "/v1/portal/redemptions" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/redemptions", headers: { cookie: t.portalCookie } }],
  },
  "GET /v1/portal/tier": {
    calls: () => [{ path: "/v1/portal/tier" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/tier", headers: { cookie: t.portalCookie } }],
  },
  "GET /v1/portal/users": {
    calls: () => [{ path: "/v1/portal/users" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/users", headers: { cookie: t.portalCookie } }],
  },
  "POST /v1/portal/users": {
    calls: () => [
      {
        path: "/v1/portal/users",
        body: { name: "Walk Buyer", email: "walk.buyer@walk.example", role: "buyer" },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/users",
        body: { name: "Walk Buyer", email: "walk.buyer@walk.example", role: "buyer" },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "GET /v1/analytics/dashboard": {
    calls: () => [{ path: "/v1/analytics/dashboard", query: { from: "2026-01-01", to: "2026-03-31" } }],
    isolation: OWN,
  },
  "POST /v1/webhooks/endpoints": {
    calls: () => [
      {
        path: "/v1/webhooks/endpoints",
        body: { url: "https://walk.example/hooks", description: "walk", eventTypes: ["points.earned"] },
      },
    ],
    isolation: OWN,
  },
  "GET /v1/webhooks/endpoints": { calls: () => [{ path: "/v1/webhooks/endpoints" }], isolation: OWN },
  "GET /v1/webhooks/endpoints/{id}": {
    calls: (t) => [{ path: `/v1/webhooks/endpoints/${t.webhookEndpointId}` }],
    isolation: REFUSED,
  },
  "PATCH /v1/webhooks/endpoints/{id}": {
    calls: (t) => [
      {
        path: `/v1/webhooks/endpoints/${t.webhookEndpointId}`,
        body: { url: "https://walk.example/taken", eventTypes: ["tier.changed"], status: "disabled" },
      },
    ],
    isolation: REFUSED,
  },
  "DELETE /v1/webhooks/endpoints/{id}": {
    calls: (t) => [{ path: `/v1/webhooks/endpoints/${t.webhookEndpointId}` }],
    isolation: REFUSED,
  },
  "POST /v1/webhooks/endpoints/{id}/rotate-secret": {
    calls: (t) => [
      { path: `/v1/webhooks/endpoints/${t.webhookEndpointId}/rotate-secret`, body: { overlapMinutes: 10 } },
    ],
    isolation: REFUSED,
  },
  "GET /v1/webhooks/deliveries": {
    calls: (t): RouteCall[] => [
      { path: "/v1/webhooks/deliveries", query: { endpointId: t.webhookEndpointId, limit: "10" } },
      { path: "/v1/webhooks/deliveries", query: { messageId: t.webhookMessageId, status: "pending" } },
    ],
    isolation: FILTERED,
  },
  "GET /v1/webhooks/deliveries/{id}": {
    calls: (t) => [{ path: `/v1/webhooks/deliveries/${t.webhookDeliveryId}` }],
    isolation: REFUSED,
  },
  "POST /v1/webhooks/deliveries/{id}/replay": {
    calls: (t) => [
      { path: `/v1/webhooks/deliveries/${t.webhookDeliveryId}/replay`, body: { comment: "again" } },
    ],
    isolation: REFUSED,
  },
  "GET /v1/webhooks/messages": {
    calls: () => [{ path: "/v1/webhooks/messages", query: { type: "member.created", limit: "10" } }],
    isolation: OWN,
  },
  "POST /v1/webhooks/messages/{id}/replay": {
    calls: (t) => [
      {
        path: `/v1/webhooks/messages/${t.webhookMessageId}/replay`,
        body: { endpointId: t.webhookEndpointId, comment: "again" },
      },
    ],
    isolation: REFUSED,
  },
  "POST /v1/users/{id}/password": {
    calls: (t) => [{ path: `/v1/users/${t.userId}/password`, body: { password: "another long password" } }],
    isolation: REFUSED,
  },
  "GET /v1/notifications/settings": { calls: () => [{ path: "/v1/notifications/settings" }], isolation: OWN },
  "PUT /v1/notifications/settings": {
    calls: () => [
      {
        path: "/v1/notifications/settings",
        body: {
          triggers: {
            welcome: { enabled: true },
            pointsEarned: { enabled: true, minPoints: 10 },
            pointsExpiring: { enabled: true, daysBefore: [30, 7] },
            tierUp: { enabled: true },
            tierAtRisk: { enabled: false, windowDays: 30 },
            rewardOrder: { enabled: false },
            inactivity: { enabled: true, days: 60 },
            birthday: { enabled: false },
            anniversary: { enabled: false },
            survey: { enabled: true },
          },
          defaultLanguage: "ru",
          quietHours: { from: "21:00", to: "08:00" },
          maxEmailsPerDay: 2,
          fromAddress: "club@walk.example",
          comment: "walk",
        },
      },
    ],
    isolation: OWN,
  },
  "GET /v1/notifications/templates": {
    calls: () => [{ path: "/v1/notifications/templates" }],
    isolation: OWN,
  },
  "PUT /v1/notifications/templates/{trigger}/{language}": {
    calls: () => [
      {
        path: "/v1/notifications/templates/welcome/en",
        body: { subject: "Hi {{contactName}}", text: "Welcome to {{programName}}", html: "<p>Welcome</p>" },
      },
    ],
    isolation: OWN,
  },
  "POST /v1/notifications/templates/preview": {
    calls: () => [
      {
        path: "/v1/notifications/templates/preview",
        body: { trigger: "pointsExpiring", language: "uk", subject: "{{points}} on {{date}}" },
      },
    ],
    isolation: OWN,
  },
  "GET /v1/notifications": {
    calls: (t) => [
      { path: "/v1/notifications", query: { contactId: t.contactId, channel: "email", limit: "10" } },
    ],
    isolation: FILTERED,
  },
  "POST /v1/email/bounces": {
    calls: () => [{ path: "/v1/email/bounces", body: { email: "bounce@walk.example", reason: "walk" } }],
    isolation: OWN,
  },
  "GET /v1/email/bounces": {
    calls: () => [{ path: "/v1/email/bounces", query: { limit: "10" } }],
    isolation: OWN,
  },
  "POST /v1/email/unsubscribe": {
    // A link is its signed token: another tenant's key neither has one nor helps to make one.
    calls: (t) => [
      { path: "/v1/email/unsubscribe", body: { tenant: t.id, token: "not-a-signed.unsubscribe-token" } },
    ],
    isolation: { kind: "refused", statuses: [404, 422] },
  },
  "GET /v1/contacts/{id}/communication": {
    calls: (t) => [{ path: `/v1/contacts/${t.contactId}/communication` }],
    isolation: REFUSED,
  },
  "PUT /v1/contacts/{id}/communication": {
    calls: (t) => [
      {
        path: `/v1/contacts/${t.contactId}/communication`,
        body: { language: "uk", birthday: "1990-05-17", unsubscribed: ["news"], comment: "walk" },
      },
    ],
    isolation: REFUSED,
  },
  "GET /v1/portal/messages": {
    calls: () => [{ path: "/v1/portal/messages", query: { limit: "10", unread: "true" } }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      { path: "/v1/portal/messages", query: { limit: "10" }, headers: { cookie: t.portalCookie } },
    ],
  },
  "POST /v1/portal/messages/{id}/read": {
    calls: () => [{ path: "/v1/portal/messages/ntf_walk/read", headers: { [CSRF_HEADER]: "1" } }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      { path: "/v1/portal/messages/ntf_walk/read", headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie } },
    ],
  },
  "POST /v1/portal/messages/read-all": {
    calls: () => [{ path: "/v1/portal/messages/read-all", headers: { [CSRF_HEADER]: "1" } }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      { path: "/v1/portal/messages/read-all", headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie } },
    ],
  },
  "GET /v1/portal/preferences": {
    calls: () => [{ path: "/v1/portal/preferences" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/preferences", headers: { cookie: t.portalCookie } }],
  },
  "PUT /v1/portal/preferences": {
    calls: () => [
      {
        path: "/v1/portal/preferences",
        body: { language: "ru", unsubscribed: ["points"] },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/preferences",
        body: { language: "ru", birthday: "1985-02-28", unsubscribed: ["points"] },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "POST /v1/surveys": {
    calls: () => [
      {
        path: "/v1/surveys",
        body: { name: "Walk", send: "schedule", everyDays: 90, circles: ["procurement"] },
      },
    ],
    isolation: OWN,
  },
  "GET /v1/surveys": { calls: () => [{ path: "/v1/surveys" }], isolation: OWN },
  "PATCH /v1/surveys/{id}": {
    calls: (t) => [
      { path: `/v1/surveys/${t.surveyId}`, body: { active: false, points: 10, comment: "walk" } },
    ],
    isolation: REFUSED,
  },
  "GET /v1/surveys/{id}/results": {
    calls: (t) => [
      {
        path: `/v1/surveys/${t.surveyId}/results`,
        query: { groupBy: "tier", interval: "month", from: "2026-01-01", to: "2026-12-31" },
      },
    ],
    isolation: REFUSED,
  },
  "GET /v1/portal/surveys": {
    calls: () => [{ path: "/v1/portal/surveys" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [{ path: "/v1/portal/surveys", headers: { cookie: t.portalCookie } }],
  },
  "POST /v1/portal/surveys/{id}/answer": {
    calls: () => [
      { path: "/v1/portal/surveys/srq_walk/answer", body: { score: 9 }, headers: { [CSRF_HEADER]: "1" } },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/surveys/srq_walk/answer",
        body: { score: 9, comment: "walk" },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "POST /v1/survey-links/read": {
    // A link is its signed token: another tenant's key neither has one nor helps to make one.
    calls: (t) => [
      { path: "/v1/survey-links/read", body: { tenant: t.id, token: "not-a-signed.survey-token" } },
    ],
    isolation: { kind: "refused", statuses: [404, 422] },
  },
  "POST /v1/survey-links/answer": {
    calls: (t) => [
      {
        path: "/v1/survey-links/answer",
        body: { tenant: t.id, token: "not-a-signed.survey-token", score: 10, comment: "walk" },
      },
    ],
    isolation: { kind: "refused", statuses: [404, 422] },
  },
  "POST /v1/code-batches": {
    calls: (t) => [
      { path: "/v1/code-batches", body: { name: "walk", kind: "shared", discountId: "promo", code: t.code } },
      { path: "/v1/code-batches", body: { name: "walk", kind: "unique", discountId: "promo", count: 3 } },
    ],
    isolation: OWN,
  },
  "GET /v1/code-batches": {
    calls: () => [{ path: "/v1/code-batches", query: { limit: "10" } }],
    isolation: OWN,
  },
  "GET /v1/code-batches/{id}": {
    calls: (t) => [{ path: `/v1/code-batches/${t.codeBatchId}` }],
    isolation: REFUSED,
  },
  "PATCH /v1/code-batches/{id}": {
    calls: (t) => [
      { path: `/v1/code-batches/${t.codeBatchId}`, body: { status: "disabled", comment: "walk" } },
    ],
    isolation: REFUSED,
  },
  "POST /v1/code-batches/{id}/import": {
    calls: (t) => [{ path: `/v1/code-batches/${t.codeBatchId}/import`, body: { csv: "code\nWALK-0001\n" } }],
    isolation: REFUSED,
  },
  "GET /v1/code-batches/{id}/export": {
    calls: (t) => [{ path: `/v1/code-batches/${t.codeBatchId}/export` }],
    isolation: REFUSED,
  },
  "GET /v1/exports/{kind}": {
    calls: () => Object.keys(EXPORT_KINDS).map((kind) => ({ path: `/v1/exports/${kind}` })),
    isolation: OWN,
  },
  "POST /v1/imports/orders": {
    calls: (t) => [
      {
        path: "/v1/imports/orders",
        query: { source: "walk" },
        headers: { "content-type": "text/csv" },
        // A new order of the tenant's company, and a return of one unit of its seeded order.
        body: [
          "event,order_id,date,company_id,contact_id,sku,category,quantity,unit_price,unit_cost,points_to_redeem,promo_code",
          `order,walk-csv-o1,2026-03-04,${t.companyId},,${t.id}-sku,goods,1,100.00,,,`,
          `return,${t.orderId},2026-03-04,${t.companyId},,${t.id}-sku,goods,1,1500.00,,,`,
          "",
        ].join("\n"),
      },
    ],
    // Another tenant knows neither the company nor the order: the return is refused, and with it the file.
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/imports/{kind}": {
    calls: (t) => [
      {
        path: "/v1/imports/contacts",
        headers: { "content-type": "text/csv" },
        body: `contact_id,company_id,name,email\nwalk-p1,${t.companyId},Taken Over,walk@taken.example\n`,
      },
      {
        path: "/v1/imports/companies",
        headers: { "content-type": "text/csv" },
        body: `company_id,name,tax_id,parent_id,segment,region,joined_on\nwalk-co,Walk,,${t.companyId},,,\n`,
      },
    ],
    // A file naming a company of another tenant (as a contact's company, or a parent) is bad input there.
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/campaigns": {
    calls: (t) => [
      {
        path: "/v1/campaigns",
        body: {
          name: "walk",
          audience: "staff",
          metric: "amount",
          startsOn: "2026-03-01",
          endsOn: "2026-03-31",
          defaultTarget: "100.00",
          participants: [{ kind: "user", id: t.userId }],
        },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "GET /v1/campaigns": { calls: () => [{ path: "/v1/campaigns", query: { limit: "10" } }], isolation: OWN },
  "GET /v1/campaigns/{id}": { calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}` }], isolation: REFUSED },
  "PATCH /v1/campaigns/{id}": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}`, body: { name: "walk", defaultTarget: "50.00" } }],
    isolation: REFUSED,
  },
  "POST /v1/campaigns/{id}/start": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/start`, body: { comment: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/campaigns/{id}/close": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/close`, body: { comment: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/campaigns/{id}/notify": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/notify` }],
    isolation: REFUSED,
  },
  "POST /v1/campaigns/{id}/copy": {
    calls: (t) => [
      {
        path: `/v1/campaigns/${t.campaignId}/copy`,
        body: { name: "walk copy", startsOn: "2026-04-01", endsOn: "2026-04-30" },
      },
    ],
    isolation: REFUSED,
  },
  "GET /v1/campaigns/{id}/leaderboard": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/leaderboard`, query: { limit: "10" } }],
    isolation: REFUSED,
  },
  "GET /v1/campaigns/{id}/report": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/report` }],
    isolation: REFUSED,
  },
  "GET /v1/campaigns/{id}/export": {
    calls: (t) => [{ path: `/v1/campaigns/${t.campaignId}/export` }],
    isolation: REFUSED,
  },
  "POST /v1/codes/validate": {
    calls: (t) => [
      {
        path: "/v1/codes/validate",
        body: { code: t.code, companyId: t.companyId, cartAmount: "1000.00", date: "2026-03-04" },
      },
    ],
    isolation: OWN,
  },
  "POST /v1/rewards": {
    calls: () => [{ path: "/v1/rewards", body: { name: "Walk", kind: "goods", pricePoints: 5, stock: 3 } }],
    isolation: OWN,
  },
  "POST /v1/rewards/import": {
    calls: (t) => [
      {
        path: "/v1/rewards/import",
        body: { csv: `reward_id,name,kind,price_points\n${t.rewardId},Taken over,goods,1\n` },
      },
    ],
    isolation: REFUSED_IN_BODY,
    badInputCalls: () => [
      { path: "/v1/rewards/import", body: { csv: "name,kind,price_points\nWalk mug,goods,100\n" } },
    ],
  },
  "GET /v1/rewards": { calls: () => [{ path: "/v1/rewards", query: { limit: "10" } }], isolation: OWN },
  "GET /v1/rewards/{id}": { calls: (t) => [{ path: `/v1/rewards/${t.rewardId}` }], isolation: REFUSED },
  "PATCH /v1/rewards/{id}": {
    calls: (t) => [{ path: `/v1/rewards/${t.rewardId}`, body: { stock: 50, active: true, comment: "walk" } }],
    isolation: REFUSED,
  },
  "GET /v1/reward-orders": {
    calls: (t) => [
      { path: "/v1/reward-orders", query: { companyId: t.companyId, status: "awaiting_owner" } },
    ],
    isolation: FILTERED,
  },
  "GET /v1/reward-orders/{id}": {
    calls: (t) => [{ path: `/v1/reward-orders/${t.rewardOrderId}` }],
    isolation: REFUSED,
  },
  "POST /v1/reward-orders/{id}/status": {
    calls: (t) => [
      { path: `/v1/reward-orders/${t.rewardOrderId}/status`, body: { status: "rejected", note: "walk" } },
    ],
    isolation: REFUSED,
  },
  "GET /v1/portal/campaigns": {
    calls: () => [{ path: "/v1/portal/campaigns" }],
    isolation: PORTAL_ONLY,
  },
  "GET /v1/portal/campaigns/{id}": {
    calls: (t) => [{ path: `/v1/portal/campaigns/${t.campaignId}` }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      { path: `/v1/portal/campaigns/${t.campaignId}`, headers: { cookie: t.portalCookie } },
    ],
  },
  "GET /v1/portal/rewards": {
    calls: () => [{ path: "/v1/portal/rewards" }],
    isolation: PORTAL_ONLY,
  },
  "POST /v1/portal/reward-orders": {
    calls: (t) => [
      { path: "/v1/portal/reward-orders", body: { rewardId: t.rewardId }, headers: { [CSRF_HEADER]: "1" } },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/reward-orders",
        body: { rewardId: t.rewardId, quantity: 1, note: "walk" },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "GET /v1/portal/reward-orders": {
    calls: () => [{ path: "/v1/portal/reward-orders" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/reward-orders",
        query: { status: "requested" },
        headers: { cookie: t.portalCookie },
      },
    ],
  },
  "POST /v1/portal/reward-orders/{id}/status": {
    calls: (t) => [
      {
        path: `/v1/portal/reward-orders/${t.rewardOrderId}/status`,
        body: { status: "cancelled" },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: `/v1/portal/reward-orders/${t.rewardOrderId}/status`,
        body: { status: "cancelled", note: "walk" },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "GET /v1/membership-plans": { calls: () => [{ path: "/v1/membership-plans" }], isolation: OWN },
  "POST /v1/membership-plans": {
    calls: () => [
      { path: "/v1/membership-plans", body: { name: "Walk", fee: "10", periodDays: 30, discountRate: "5%" } },
    ],
    isolation: OWN,
  },
  "PATCH /v1/membership-plans/{id}": {
    calls: (t) => [{ path: `/v1/membership-plans/${t.membershipPlanId}`, body: { active: true } }],
    isolation: REFUSED,
  },
  "GET /v1/memberships": {
    calls: (t) => [{ path: "/v1/memberships", query: { companyId: t.companyId } }],
    isolation: FILTERED,
  },
  "POST /v1/memberships": {
    calls: (t) => [{ path: "/v1/memberships", body: { companyId: t.companyId, planId: t.membershipPlanId } }],
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/memberships/{id}/renew": {
    calls: (t) => [{ path: `/v1/memberships/${t.membershipId}/renew` }],
    isolation: REFUSED,
  },
  "POST /v1/memberships/{id}/cancel": {
    calls: (t) => [{ path: `/v1/memberships/${t.membershipId}/cancel` }],
    isolation: REFUSED,
  },
  "GET /v1/reports/memberships": {
    calls: () => [{ path: "/v1/reports/memberships", query: { from: "2026-01-01", to: "2026-12-31" } }],
    isolation: OWN,
  },
  "GET /v1/portal/memberships": {
    calls: () => [{ path: "/v1/portal/memberships" }],
    isolation: PORTAL_ONLY,
  },
  "POST /v1/portal/memberships": {
    calls: (t) => [
      {
        path: "/v1/portal/memberships",
        body: { planId: t.membershipPlanId },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/memberships",
        body: { planId: t.membershipPlanId },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "POST /v1/portal/memberships/{id}/cancel": {
    calls: (t) => [
      { path: `/v1/portal/memberships/${t.membershipId}/cancel`, headers: { [CSRF_HEADER]: "1" } },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: `/v1/portal/memberships/${t.membershipId}/cancel`,
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "POST /v1/portal/quote": {
    calls: (t) => [{ path: "/v1/portal/quote", body: { lines: [line(t)] }, headers: { [CSRF_HEADER]: "1" } }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/quote",
        body: { lines: [line(t)], promoCode: "WALK", pointsToRedeem: 0 },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "GET /v1/discount-limits": { calls: () => [{ path: "/v1/discount-limits" }], isolation: OWN },
  "PUT /v1/discount-limits": {
    calls: () => [
      {
        path: "/v1/discount-limits",
        body: { limits: [{ role: "sales_manager", maxDiscountRate: "5%", maxEarnRate: "2%" }] },
      },
    ],
    isolation: OWN,
  },
  "POST /v1/discount-grants": {
    calls: (t) => [
      {
        path: "/v1/discount-grants",
        body: { companyId: t.companyId, discountRate: "2%", reason: "walk", validTo: "2026-12-31" },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/discount-grants/{id}/approve": {
    calls: (t) => [{ path: `/v1/discount-grants/${t.grantId}/approve`, body: { comment: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/discount-grants/{id}/reject": {
    calls: (t) => [{ path: `/v1/discount-grants/${t.grantId}/reject`, body: { comment: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/discount-grants/{id}/revoke": {
    calls: (t) => [{ path: `/v1/discount-grants/${t.grantId}/revoke`, body: { comment: "walk" } }],
    isolation: REFUSED,
  },
  "GET /v1/discount-grants": {
    calls: (t) => [{ path: "/v1/discount-grants", query: { companyId: t.companyId } }],
    isolation: FILTERED,
  },
  "GET /v1/reports/discount-cost": {
    calls: () => [{ path: "/v1/reports/discount-cost", query: { from: "2026-01-01", to: "2026-12-31" } }],
    isolation: OWN,
  },
  "POST /v1/actions": {
    calls: (t) => [
      {
        path: "/v1/actions",
        body: {
          externalId: "walk-1",
          companyId: t.companyId,
          action: "course",
          subject: "walk",
          date: "2026-03-04",
        },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "POST /v1/actions/batch": {
    calls: (t) => [
      {
        path: "/v1/actions/batch",
        body: {
          actions: [{ externalId: "walk-2", companyId: t.companyId, action: "attendance", subject: "walk" }],
        },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "GET /v1/actions": {
    calls: (t) => [{ path: "/v1/actions", query: { companyId: t.companyId } }],
    isolation: FILTERED,
  },
  "GET /v1/portal/actions": {
    calls: () => [{ path: "/v1/portal/actions" }],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      { path: "/v1/portal/actions", query: { action: "course" }, headers: { cookie: t.portalCookie } },
    ],
  },
  "GET /v1/portal/referral": {
    calls: () => [{ path: "/v1/portal/referral" }],
    isolation: PORTAL_ONLY,
  },
  "POST /v1/portal/referral/apply": {
    calls: (t) => [
      {
        path: "/v1/portal/referral/apply",
        body: { code: `REF-${t.companyId}` },
        headers: { [CSRF_HEADER]: "1" },
      },
    ],
    isolation: PORTAL_ONLY,
    badInputCalls: (t) => [
      {
        path: "/v1/portal/referral/apply",
        body: { code: `REF-${t.childCompanyId}` },
        headers: { [CSRF_HEADER]: "1", cookie: t.portalCookie },
      },
    ],
  },
  "GET /v1/analytics/metrics": {
    calls: () => [
      { path: "/v1/analytics/metrics", query: { from: "2026-01-01", to: "2026-03-31", segment: "walk" } },
    ],
    isolation: OWN,
  },
  "GET /v1/analytics/holdout": { calls: () => [{ path: "/v1/analytics/holdout" }], isolation: OWN },
  "GET /v1/analytics/finance": {
    calls: () => [
      { path: "/v1/analytics/finance", query: { from: "2026-01-01", to: "2026-03-31", format: "json" } },
      { path: "/v1/analytics/finance", query: { from: "2026-01-01", to: "2026-03-31", format: "1c" } },
    ],
    isolation: OWN,
  },
  "GET /v1/analytics/cohorts": {
    calls: () => [
      { path: "/v1/analytics/cohorts", query: { from: "2026-01-01", to: "2026-03-31", format: "csv" } },
    ],
    isolation: OWN,
  },
  "GET /v1/analytics/nps": {
    calls: () => [{ path: "/v1/analytics/nps", query: { groupBy: "tier" } }],
    isolation: OWN,
  },
  "GET /v1/analytics/share-of-wallet": {
    calls: () => [{ path: "/v1/analytics/share-of-wallet", query: { from: "2026-01-01", to: "2026-03-31" } }],
    isolation: OWN,
  },
  "POST /v1/analytics/share-of-wallet/import": {
    calls: (t) => [
      {
        path: "/v1/analytics/share-of-wallet/import",
        body: {
          rows: [
            {
              companyId: t.companyId,
              category: "goods",
              from: "2026-01-01",
              to: "2026-01-31",
              total: "900.00",
            },
          ],
        },
      },
    ],
    isolation: REFUSED_IN_BODY,
  },
  "GET /v1/companies/{id}/category-purchases": {
    calls: (t) => [{ path: `/v1/companies/${t.companyId}/category-purchases` }],
    isolation: REFUSED,
  },
  "PUT /v1/companies/{id}/category-purchases": {
    calls: (t) => [
      {
        path: `/v1/companies/${t.companyId}/category-purchases`,
        body: { category: "goods", from: "2026-02-01", to: "2026-02-28", total: "1000.00" },
      },
    ],
    isolation: REFUSED,
  },
  "PUT /v1/analytics/holdout": {
    calls: () => [{ path: "/v1/analytics/holdout", body: { share: 0.1 } }],
    isolation: OWN,
  },
  "POST /v1/widget/tokens": {
    calls: (t) => [{ path: "/v1/widget/tokens", body: { memberId: t.companyId, expiresInMinutes: 5 } }],
    isolation: REFUSED_IN_BODY,
  },
  // The widget's reads answer a widget token only; an API key of any tenant is refused.
  "GET /v1/widget/summary": {
    calls: () => [{ path: "/v1/widget/summary" }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      { path: "/v1/widget/summary", headers: { authorization: `Bearer ${t.widgetToken}` } },
    ],
  },
  "POST /v1/widget/quote": {
    calls: (t) => [{ path: "/v1/widget/quote", body: { lines: [line(t)], date: "2026-03-04" } }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: "/v1/widget/quote",
        body: { lines: [line(t)], date: "2026-03-04" },
        headers: { authorization: `Bearer ${t.widgetToken}` },
      },
    ],
  },
  "GET /v1/partners": { calls: () => [{ path: "/v1/partners" }], isolation: OWN },
  "POST /v1/partners": {
    calls: () => [
      { path: "/v1/partners", body: { id: "walk-partner", name: "Walk", email: "w@walk.example" } },
    ],
    isolation: OWN,
  },
  "GET /v1/partners/{id}": { calls: (t) => [{ path: `/v1/partners/${t.partnerId}` }], isolation: REFUSED },
  "GET /v1/partners/{id}/redemptions": {
    calls: (t) => [{ path: `/v1/partners/${t.partnerId}/redemptions` }],
    isolation: REFUSED,
  },
  "PATCH /v1/partners/{id}": {
    calls: (t) => [{ path: `/v1/partners/${t.partnerId}`, body: { name: "Taken", comment: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/partners/{id}/keys": {
    calls: (t) => [{ path: `/v1/partners/${t.partnerId}/keys`, body: { name: "walk" } }],
    isolation: REFUSED,
  },
  "POST /v1/partners/{id}/keys/{keyId}/revoke": {
    calls: (t) => [{ path: `/v1/partners/${t.partnerId}/keys/pkey_walk/revoke` }],
    isolation: REFUSED,
  },
  "GET /v1/partners/settlement": {
    calls: (t): RouteCall[] => [
      { path: "/v1/partners/settlement", query: { from: "2026-01", to: "2026-03", partnerId: t.partnerId } },
    ],
    isolation: FILTERED,
  },
  "GET /v1/partners/settlement/export": {
    calls: () => [{ path: "/v1/partners/settlement/export", query: { from: "2026-01", to: "2026-03" } }],
    isolation: OWN,
  },
  "POST /v1/partners/settlement/close": {
    calls: () => [{ path: "/v1/partners/settlement/close", body: { month: "2026-01", comment: "walk" } }],
    isolation: OWN,
  },
  // A partner's routes answer a partner key only; any tenant's staff key is refused.
  "POST /v1/partner/events": {
    calls: (t) => [{ path: "/v1/partner/events", body: order(t, "walk-p1") }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: "/v1/partner/events",
        body: order(t, "walk-p2"),
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "GET /v1/partner/orders": {
    calls: () => [{ path: "/v1/partner/orders", query: { limit: "10" } }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: "/v1/partner/orders",
        query: { limit: "10" },
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "POST /v1/partner/redemptions": {
    calls: (t) => [{ path: "/v1/partner/redemptions", body: { memberId: t.companyId, points: 10 } }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: "/v1/partner/redemptions",
        body: { memberId: t.companyId, points: 10, expiresInMinutes: 60 },
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
      {
        path: "/v1/partner/redemptions",
        body: { memberId: t.companyId, points: 10, cart: { lines: [line(t)], date: "2026-03-04" } },
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "GET /v1/partner/redemptions/{id}": {
    calls: (t) => [{ path: `/v1/partner/redemptions/${t.partnerHoldId}` }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: `/v1/partner/redemptions/${t.partnerHoldId}`,
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "POST /v1/partner/redemptions/{id}/capture": {
    calls: (t) => [
      {
        path: `/v1/partner/redemptions/${t.partnerHoldId}/capture`,
        body: { orderId: "walk-p3", date: "2026-03-04", companyId: t.companyId, lines: [line(t)] },
      },
    ],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: `/v1/partner/redemptions/${t.partnerHoldId}/capture`,
        body: { orderId: "walk-p4", date: "2026-03-04", companyId: t.companyId, lines: [line(t)] },
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "POST /v1/partner/redemptions/{id}/cancel": {
    calls: (t) => [{ path: `/v1/partner/redemptions/${t.partnerHoldId}/cancel` }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: `/v1/partner/redemptions/${t.partnerHoldId}/cancel`,
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
  "GET /v1/partner/members/{id}/wallet": {
    calls: (t) => [{ path: `/v1/partner/members/${t.companyId}/wallet` }],
    isolation: { kind: "refused", statuses: [401] },
    badInputCalls: (t) => [
      {
        path: `/v1/partner/members/${t.companyId}/wallet`,
        headers: { authorization: `Bearer ${t.partnerKey}` },
      },
    ],
  },
};

export interface DocRoute {
  key: string;
  method: string;
  path: string;
  // biome-ignore lint/suspicious/noExplicitAny: an OpenAPI operation object, read by the suites as JSON
  operation: any;
}

/** The routes of the app's OpenAPI document, as `METHOD /path` keys. */
export function documentedRoutes(app: OpenAPIHono<AppEnv>): DocRoute[] {
  const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "Patron API", version: "walk" } });
  const out: DocRoute[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {}))
    for (const [method, operation] of Object.entries(item ?? {}))
      if (["get", "post", "put", "patch", "delete"].includes(method))
        out.push({ key: `${method.toUpperCase()} ${path}`, method: method.toUpperCase(), path, operation });
  return out;
}

/** The keys of documented routes missing from ROUTES, and of ROUTES entries no longer documented. */
export function coverageGaps(routes: DocRoute[]): { uncovered: string[]; stale: string[] } {
  const documented = new Set(routes.map((r) => r.key));
  return {
    uncovered: [...documented].filter((k) => !(k in ROUTES)),
    stale: Object.keys(ROUTES).filter((k) => !documented.has(k)),
  };
}

/** Every table with a tenant_id column. */
export async function tenantTables(db: Db): Promise<string[]> {
  const r = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.columns
     WHERE column_name = 'tenant_id' AND table_schema = current_schema() ORDER BY table_name`,
  );
  return r.rows.map((x) => x.table_name);
}

/** A fingerprint of every row of `tenantId` in each table: any insert, update or delete changes it. */
export async function tenantFingerprint(
  db: Db,
  tables: string[],
  tenantId: string,
): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const table of tables) {
    const r = await db.query<{ n: number; h: string | null }>(
      `SELECT count(*)::int AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS h
       FROM ${quoteIdent(table)} t WHERE tenant_id = $1`,
      [tenantId],
    );
    out[table] = `${r.rows[0]?.n ?? 0}:${r.rows[0]?.h ?? ""}`;
  }
  return out;
}

/** Row counts of every tenant table, all tenants together, plus the tenants themselves. */
export async function rowCounts(db: Db, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of [...tables, "tenants"]) {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${quoteIdent(table)}`);
    out[table] = r.rows[0]?.n ?? 0;
  }
  return out;
}
