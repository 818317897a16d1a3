// HTTP routes for sales motivation campaigns: set up (or copy) a campaign, start it, read its live
// leaderboard, close it when its period is over, and read or export its final report.
import { createRoute, z } from "@hono/zod-openapi";
import {
  CAMPAIGN_METRICS,
  type CampaignMetric,
  type CampaignPrize,
  formatMinor,
  parseDay,
  parseScaled,
} from "@patron/engine";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { versionFor, WRITERS } from "../events/routes.ts";
import { authenticateContact } from "../portal/routes.ts";
import { publishedPrograms } from "../programs/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import type { Principal } from "../tenants/service.ts";
import { notifyCampaign } from "./notify.ts";
import {
  type Campaign,
  type CampaignSetup,
  campaignsOfContact,
  closeCampaign,
  copyCampaign,
  createCampaign,
  DEFAULT_GRACE_DAYS,
  decimalsOf,
  formatScore,
  getCampaign,
  leaderboard,
  listCampaigns,
  MAX_GRACE_DAYS,
  MAX_MILESTONES,
  MAX_PARTICIPANTS,
  MAX_PRIZES,
  noCampaign,
  type ParticipantInput,
  participantsOf,
  report,
  startCampaign,
  takesPart,
  updateCampaign,
} from "./service.ts";

/** Who reads every campaign and its report: those who run them, finance and support. */
const READERS: readonly Role[] = [...WRITERS, "finance", "support"];
/** Sales managers read the campaigns they take part in: the setup, the leaderboard and their own standing. */
const VIEWERS: readonly Role[] = [...READERS, "sales_manager"];
export const MAX_CAMPAIGN_PAGE = 200;

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => s >= "1000-01-01" && parseDay(s) !== null, "a real date on or after 1000-01-01");

const Amount = z.union([z.string().regex(/^\d{1,15}(\.\d+)?$/), z.number().positive().max(1e15)]).openapi({
  description:
    'In the metric\'s unit: money in units for amount and margin ("500000.00"), units for quantity (up to ' +
    "3 decimals), a whole count for new clients",
});

const Prize = z.union([
  z.strictObject({
    top: z.number().int().min(1).max(1000).openapi({ description: "Places 1 to `top` win it" }),
    points: z.number().int().min(0).max(100_000_000).default(0),
    prize: z.string().trim().min(1).max(200).nullable().default(null),
  }),
  z.strictObject({
    aboveTarget: z.literal(true).openapi({ description: "Everyone who reaches target wins it" }),
    points: z.number().int().min(0).max(100_000_000).default(0),
    prize: z.string().trim().min(1).max(200).nullable().default(null),
  }),
]);

const ParticipantBody = z.strictObject({
  kind: z.enum(["user", "contact", "company"]).openapi({
    description:
      "A console user with the sales_manager role (staff campaigns), or a contact or company (dealer)",
  }),
  id: z.string().min(1).max(200),
  team: z.string().trim().min(1).max(100).nullable().optional(),
  target: Amount.nullable().optional().openapi({ description: "The campaign's default target when absent" }),
});

const SetupFields = {
  name: z.string().trim().min(1).max(200),
  audience: z.enum(["staff", "dealer"]).openapi({
    description:
      "staff: the program owner's sales managers, credited with orders of the companies they manage (or that " +
      "name them); dealer: contacts or companies of dealers, credited with the orders that name them",
  }),
  metric: z.enum(CAMPAIGN_METRICS).openapi({
    description:
      "What scores: net sales amount, margin (net less cost), quantity, or new clients (first orders)",
  }),
  skus: z.array(z.string().min(1).max(100)).max(1000).default([]),
  categories: z.array(z.string().min(1).max(100)).max(1000).default([]),
  startsOn: IsoDate,
  endsOn: IsoDate,
  defaultTarget: Amount,
  milestones: z
    .array(z.number().int().min(1).max(1000))
    .max(MAX_MILESTONES)
    .default([50, 100, 150])
    .openapi({ description: "Percentages of target that earn a badge" }),
  prizes: z.array(Prize).max(MAX_PRIZES).default([]),
  graceDays: z
    .number()
    .int()
    .min(0)
    .max(MAX_GRACE_DAYS)
    .default(DEFAULT_GRACE_DAYS)
    .openapi({
      description:
        "Settlement grace: days after the last one during which orders dated in the period still score; the " +
        "campaigns job finalizes the campaign and awards the prizes after them",
    }),
  participants: z.array(ParticipantBody).max(MAX_PARTICIPANTS).default([]),
  comment: z.string().trim().min(1).max(1000).optional(),
};

const CampaignBody = z.strictObject(SetupFields).openapi("CampaignRequest");

const CampaignChange = z
  .strictObject({
    name: SetupFields.name.optional(),
    audience: SetupFields.audience.optional(),
    metric: SetupFields.metric.optional(),
    skus: z.array(z.string().min(1).max(100)).max(1000).optional(),
    categories: z.array(z.string().min(1).max(100)).max(1000).optional(),
    startsOn: IsoDate.optional(),
    endsOn: IsoDate.optional(),
    defaultTarget: Amount.optional(),
    milestones: z.array(z.number().int().min(1).max(1000)).max(MAX_MILESTONES).optional(),
    prizes: z.array(Prize).max(MAX_PRIZES).optional(),
    graceDays: z.number().int().min(0).max(MAX_GRACE_DAYS).optional(),
    participants: z.array(ParticipantBody).max(MAX_PARTICIPANTS).optional(),
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .openapi("CampaignChange");

const CopyBody = z
  .strictObject({
    name: SetupFields.name,
    startsOn: IsoDate,
    endsOn: IsoDate,
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .openapi("CampaignCopy");

const ParticipantSchema = z.object({
  subject: z.string().openapi({ description: "user:<id>, contact:<id> or company:<id>" }),
  name: z.string(),
  team: z.string().nullable(),
  target: z.string(),
  score: z.string(),
});

const CampaignSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    audience: z.enum(["staff", "dealer"]),
    metric: z.enum(CAMPAIGN_METRICS),
    skus: z.array(z.string()),
    categories: z.array(z.string()),
    startsOn: z.string(),
    endsOn: z.string(),
    defaultTarget: z.string(),
    milestones: z.array(z.number()),
    prizes: z.array(
      z.object({
        top: z.number().optional(),
        aboveTarget: z.boolean().optional(),
        points: z.number(),
        prize: z.string().nullable(),
      }),
    ),
    graceDays: z.number(),
    status: z.enum(["draft", "running", "ended"]),
    copiedFrom: z.string().nullable(),
    createdBy: z.string(),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    endedAt: z.string().nullable(),
    participantCount: z.number(),
    participants: z.array(ParticipantSchema).openapi({
      description: "Everyone for those who run campaigns; a sales manager sees only their own entry",
    }),
  })
  .openapi("Campaign");

const Row = z.object({
  rank: z.number(),
  participant: z.string(),
  name: z.string(),
  team: z.string().nullable(),
  score: z.string(),
  target: z.string(),
  progressMilli: z
    .number()
    .openapi({ description: "Score in thousandths of target (1000 = target reached)" }),
  reachedTarget: z.boolean(),
  sales: z.number(),
  badges: z.array(z.string()),
});

const TeamRow = z.object({
  rank: z.number(),
  team: z.string(),
  score: z.string(),
  target: z.string(),
  progressMilli: z.number(),
  reachedTarget: z.boolean(),
});

const BoardSchema = z
  .object({
    campaign: z.object({
      id: z.string(),
      name: z.string(),
      metric: z.enum(CAMPAIGN_METRICS),
      status: z.enum(["draft", "running", "ended"]),
      startsOn: z.string(),
      endsOn: z.string(),
    }),
    currency: z.string().nullable(),
    participants: z.number(),
    individuals: z.array(Row),
    teams: z.array(TeamRow),
    me: Row.nullable().openapi({ description: "The caller's own standing, when the caller takes part" }),
    refreshedAt: z.string(),
  })
  .openapi("CampaignLeaderboard");

const ReportSchema = z
  .object({
    campaign: CampaignSchema.omit({ participants: true }),
    currency: z.string().nullable(),
    participants: z.array(
      z.object({
        rank: z.number(),
        participant: z.string(),
        name: z.string(),
        team: z.string().nullable(),
        sales: z.number(),
        amount: z.string(),
        margin: z.string(),
        quantity: z.string(),
        newClients: z.number(),
        score: z.string(),
        target: z.string(),
        progressMilli: z.number(),
        reachedTarget: z.boolean(),
        prizes: z.array(z.string()),
        points: z.number(),
      }),
    ),
    teams: z.array(TeamRow.extend({ members: z.number() })),
    awards: z.array(
      z.object({
        participant: z.string(),
        kind: z.enum(["badge", "prize"]),
        code: z.string(),
        rank: z.number().nullable(),
        points: z.number(),
        prize: z.string().nullable(),
        transactionId: z.string().nullable(),
        awardedAt: z.string(),
      }),
    ),
    lateOrders: z
      .number()
      .nullable()
      .openapi({
        description:
          "Once the campaign is finalized: orders dated in its period, for its participants, that arrived after " +
          "the close and were left out of the final result; null before",
      }),
  })
  .openapi("CampaignReport");

const PortalRow = z.object({
  rank: z.number(),
  name: z.string(),
  team: z.string().nullable(),
  score: z.string(),
  target: z.string(),
  progressMilli: z.number(),
  reachedTarget: z.boolean(),
  sales: z.number(),
  badges: z.array(z.string()),
  me: z.boolean().openapi({ description: "The caller's own entry (or its company's)" }),
});

const PortalCampaignHead = z.object({
  id: z.string(),
  name: z.string(),
  metric: z.enum(CAMPAIGN_METRICS),
  status: z.enum(["running", "ended"]),
  startsOn: z.string(),
  endsOn: z.string(),
  currency: z.string().nullable(),
  participants: z.number(),
});

const PortalCampaigns = z
  .object({
    data: z.array(
      PortalCampaignHead.extend({
        me: PortalRow.nullable().openapi({ description: "The caller's standing" }),
      }),
    ),
  })
  .openapi("PortalCampaigns");

const PortalBoard = z
  .object({
    campaign: PortalCampaignHead,
    top: z.array(PortalRow).openapi({ description: "The first places of the board" }),
    me: PortalRow.nullable(),
    prizes: CampaignSchema.shape.prizes,
  })
  .openapi("PortalCampaignBoard");

/** Places of the board the portal shows. */
export const PORTAL_TOP = 10;

const CampaignId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "cmp_01jb3v6c9w2x8k4m5n7p9q" }),
});

export function campaignRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const security = [{ bearer: [] }];

  const money = async (tenantId: string) => {
    const first = (await publishedPrograms(deps.db, tenantId))[0];
    return { digits: first?.digits ?? 2, currency: first?.currency ?? null };
  };
  const parseAmount = (v: string | number, metric: CampaignMetric, digits: number, field: string): number => {
    const d = decimalsOf(metric, digits);
    const n = parseScaled(String(v), d);
    if (n === null || n <= 0 || !Number.isSafeInteger(n)) {
      const unit = d === 0 ? "a whole number" : `a number with at most ${d} decimals`;
      throw new ApiError("validation_failed", `${unit} above zero`, field);
    }
    return n;
  };
  const fmt = formatScore;
  const subjectOf = (p: Principal) => `user:${p.userId ?? ""}`;
  const limited = (p: Principal) => p.role === "sales_manager";

  /** The campaign, or not_found for another tenant's and for a sales manager who takes no part in it. */
  const visible = async (p: Principal, id: string): Promise<Campaign> => {
    const c = await getCampaign(deps.db, p.tenantId, id);
    if (!c || (limited(p) && !(await takesPart(deps.db, p.tenantId, id, subjectOf(p))))) throw noCampaign(id);
    return c;
  };

  const toSetup = (
    body: Omit<z.infer<typeof CampaignBody>, "participants" | "comment">,
    digits: number,
  ): CampaignSetup => ({
    name: body.name,
    audience: body.audience,
    metric: body.metric,
    skus: body.skus,
    categories: body.categories,
    startsOn: body.startsOn,
    endsOn: body.endsOn,
    defaultTarget: parseAmount(body.defaultTarget, body.metric, digits, "defaultTarget"),
    milestones: [...new Set(body.milestones)].sort((a, b) => a - b),
    prizes: body.prizes as CampaignPrize[],
    graceDays: body.graceDays,
  });
  const toParticipants = (
    list: z.infer<typeof ParticipantBody>[],
    metric: CampaignMetric,
    digits: number,
  ): ParticipantInput[] =>
    list.map((x, i) => ({
      kind: x.kind,
      id: x.id,
      team: x.team ?? null,
      target: x.target == null ? null : parseAmount(x.target, metric, digits, `participants[${i}].target`),
    }));

  const answer = async (p: Principal, c: Campaign) => {
    const { digits } = await money(p.tenantId);
    const everyone = await participantsOf(deps.db, p.tenantId, c.id);
    const shown = limited(p) ? everyone.filter((x) => x.subject === subjectOf(p)) : everyone;
    const { participants: count, ...rest } = c;
    return {
      ...rest,
      defaultTarget: fmt(c.defaultTarget, c.metric, digits),
      participantCount: count,
      participants: shown
        .sort((a, b) => (a.subject < b.subject ? -1 : 1))
        .map((x) => ({
          subject: x.subject,
          name: x.name,
          team: x.team,
          target: fmt(x.target, c.metric, digits),
          score: fmt(x.score, c.metric, digits),
        })),
    };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/campaigns",
      tags: ["Campaigns"],
      summary: "Create a sales campaign (a draft)",
      description:
        "A draft with its period, what scores, targets, prizes and participants. Nothing scores until it is " +
        "started. Staff prizes are recorded (`prize`), dealer prizes may also pay points.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: CampaignBody } } },
      },
      responses: { 201: json(CampaignSchema, "Created"), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const body = c.req.valid("json");
      const { digits } = await money(tenantId);
      const setup = toSetup(body, digits);
      const participants = toParticipants(body.participants, body.metric, digits);
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Campaign>> => {
        const change = changeFrom(c, deps.now, principal.keyId, body.comment);
        const made = await createCampaign(tx, tenantId, setup, participants, change);
        await recordAudit(tx, tenantId, change, {
          action: "campaign.create",
          target: made.id,
          before: null,
          after: { ...made, participantList: participants },
        });
        return { body: made };
      });
      return c.json(await answer(principal, out), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/campaigns",
      tags: ["Campaigns"],
      summary: "Sales campaigns, newest first",
      description: "A sales manager sees the campaigns they take part in.",
      security,
      middleware: [auth, requireRole(VIEWERS)] as const,
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_CAMPAIGN_PAGE).default(50) }),
      },
      responses: {
        200: json(
          z.object({ data: z.array(CampaignSchema.omit({ participants: true })) }).openapi("CampaignList"),
          "The campaigns",
        ),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { digits } = await money(p.tenantId);
      const list = await listCampaigns(
        deps.db,
        p.tenantId,
        limited(p) ? subjectOf(p) : null,
        c.req.valid("query").limit,
      );
      const data = list.map(({ participants, ...x }) => ({
        ...x,
        defaultTarget: fmt(x.defaultTarget, x.metric, digits),
        participantCount: participants,
      }));
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}",
      tags: ["Campaigns"],
      summary: "A sales campaign's setup and participants",
      security,
      middleware: [auth, requireRole(VIEWERS)] as const,
      request: { params: CampaignId },
      responses: { 200: json(CampaignSchema, "The campaign"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      return c.json(await answer(p, await visible(p, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/campaigns/{id}",
      tags: ["Campaigns"],
      summary: "Change a draft campaign",
      description: "Only a draft changes; `participants`, when given, replace the list.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: CampaignId,
        body: { content: { "application/json": { schema: CampaignChange } } },
      },
      responses: {
        200: json(CampaignSchema, "Changed"),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const { digits } = await money(tenantId);
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, body } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Campaign>> => {
        const current = await getCampaign(tx, tenantId, id);
        if (!current) throw noCampaign(id);
        const metric = body.metric ?? current.metric;
        const { comment, participants, defaultTarget, milestones, ...rest } = body;
        const change: Partial<CampaignSetup> = { ...stripUndefined(rest) } as Partial<CampaignSetup>;
        if (defaultTarget !== undefined)
          change.defaultTarget = parseAmount(defaultTarget, metric, digits, "defaultTarget");
        if (milestones !== undefined) change.milestones = [...new Set(milestones)].sort((a, b) => a - b);
        const list = participants === undefined ? undefined : toParticipants(participants, metric, digits);
        const { before, after } = await updateCampaign(tx, tenantId, id, change, list);
        await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId, comment), {
          action: "campaign.update",
          target: id,
          before: { ...before },
          after: { ...after, ...(list ? { participantList: list } : {}) },
        });
        return { body: after };
      });
      return c.json(await answer(principal, out), 200);
    },
  );

  const transition = (verb: "start" | "close") =>
    createRoute({
      method: "post",
      path: `/campaigns/{id}/${verb}`,
      tags: ["Campaigns"],
      summary: verb === "start" ? "Start a draft campaign" : "Close a campaign after its last day",
      description:
        verb === "start"
          ? "Orders of its period received from now on score for its participants; sends the webhook " +
            "`campaign.started` and, when the notification is on, tells contact participants."
          : "The totals are summed again from the scored sales, the prizes awarded (a dealer's prize points " +
            "posted to the winner's wallet), `campaign.ended` sent and, when the notification is on, contact " +
            "participants told their final place. Refused (409) before the day after endsOn; the campaigns job " +
            "closes a campaign the day after endsOn when no one has.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: CampaignId,
        body: {
          required: false,
          content: {
            "application/json": {
              schema: z.strictObject({ comment: z.string().trim().min(1).max(1000).optional() }),
            },
          },
        },
      },
      responses: { 200: json(CampaignSchema, "Done"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    });

  app.openapi(transition("start"), async (c) => {
    const principal = c.get("principal");
    const { tenantId } = principal;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json") ?? {};
    const { digits } = await money(tenantId);
    const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, body } };
    const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Campaign>> => {
      const change = changeFrom(c, deps.now, principal.keyId, body.comment);
      const { campaign: started, backfilled } = await startCampaign(tx, tenantId, id, change.at);
      await notifyCampaign(tx, tenantId, started, change.at, (n) => fmt(n, started.metric, digits));
      await recordAudit(tx, tenantId, change, {
        action: "campaign.start",
        target: id,
        before: { status: "draft" },
        after: { status: started.status, backfilledSales: backfilled },
      });
      return { body: started };
    });
    return c.json(await answer(principal, out), 200);
  });

  app.openapi(transition("close"), async (c) => {
    const principal = c.get("principal");
    const { tenantId } = principal;
    const { id } = c.req.valid("param");
    const body = c.req.valid("json") ?? {};
    const now = deps.now();
    const { p, day } = await versionFor(deps, tenantId, now.toISOString()).catch(() => ({
      p: null,
      day: parseDay(now.toISOString().slice(0, 10)) as number,
    }));
    const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, body } };
    const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Campaign>> => {
      const change = changeFrom(c, deps.now, principal.keyId, body.comment);
      const done = await closeCampaign(tx, tenantId, id, day, p, change.at);
      const ended = done.campaign;
      await notifyCampaign(tx, tenantId, ended, change.at, (n) => fmt(n, ended.metric, p?.digits ?? 2));
      await recordAudit(tx, tenantId, change, {
        action: "campaign.close",
        target: id,
        before: { status: "running" },
        after: { status: done.campaign.status, awards: done.awards.filter((a) => a.kind === "prize") },
      });
      return { body: done.campaign };
    });
    return c.json(await answer(principal, out), 200);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/campaigns/{id}/notify",
      tags: ["Campaigns"],
      summary: "Send contact participants their standings",
      description:
        "When the `campaign` notification is on, each contact participant of a running dealer campaign (or " +
        "each contact of a company participant) gets their place and score; at most once a day per campaign.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: { headers: MutationHeaders, params: CampaignId },
      responses: {
        200: json(z.object({ emails: z.number() }).openapi("CampaignNotified"), "Sent"),
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const { digits } = await money(tenantId);
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const camp = await getCampaign(tx, tenantId, id);
        if (!camp) throw noCampaign(id);
        if (camp.status !== "running")
          throw new ApiError(
            "conflict",
            `campaign ${id} is ${camp.status}: standings go out while it runs`,
            "id",
          );
        const change = changeFrom(c, deps.now, principal.keyId);
        const emails = await notifyCampaign(tx, tenantId, camp, change.at, (n) =>
          fmt(n, camp.metric, digits),
        );
        await recordAudit(tx, tenantId, change, {
          action: "campaign.notify",
          target: id,
          before: null,
          after: { emails },
        });
        return { body: { emails } };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/campaigns/{id}/copy",
      tags: ["Campaigns"],
      summary: "Copy a campaign's setup to a new period",
      description:
        "A new draft with the same scoring, targets, prizes, milestones, participants and teams; scores start at zero.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: CampaignId,
        body: { content: { "application/json": { schema: CopyBody } } },
      },
      responses: {
        201: json(CampaignSchema, "Copied"),
        ...errorResponses(400, 401, 403, 404, 409, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input: { id, body } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Campaign>> => {
        const change = changeFrom(c, deps.now, principal.keyId, body.comment);
        const into = { name: body.name, startsOn: body.startsOn, endsOn: body.endsOn };
        const made = await copyCampaign(tx, tenantId, id, into, change);
        await recordAudit(tx, tenantId, change, {
          action: "campaign.copy",
          target: made.id,
          before: null,
          after: { ...made },
        });
        return { body: made };
      });
      return c.json(await answer(principal, out), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}/leaderboard",
      tags: ["Campaigns"],
      summary: "A campaign's live leaderboard",
      description:
        "Individuals and teams ranked by score (equal scores share a place), from the totals kept as orders " +
        "arrive; `limit` caps the individuals listed (the caller's own standing is in `me` either way).",
      security,
      middleware: [auth, requireRole(VIEWERS)] as const,
      request: {
        params: CampaignId,
        query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_PARTICIPANTS).default(100) }),
      },
      responses: { 200: json(BoardSchema, "The leaderboard"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const p = c.get("principal");
      const camp = await visible(p, c.req.valid("param").id);
      const { digits, currency } = await money(p.tenantId);
      const limit = c.req.valid("query").limit;
      const board = await leaderboard(deps.db, p.tenantId, camp.id, limit, subjectOf(p));
      const f = (n: number) => fmt(n, camp.metric, digits);
      const row = (r: (typeof board.individuals)[number]) => ({
        rank: r.rank,
        participant: r.participant,
        name: r.name,
        team: r.team,
        score: f(r.score),
        target: f(r.target),
        progressMilli: r.progressMilli,
        reachedTarget: r.reachedTarget,
        sales: r.sales,
        badges: r.badges,
      });
      const mine = board.individuals.find((r) => r.participant === subjectOf(p));
      return c.json(
        {
          campaign: {
            id: camp.id,
            name: camp.name,
            metric: camp.metric,
            status: camp.status,
            startsOn: camp.startsOn,
            endsOn: camp.endsOn,
          },
          currency: camp.metric === "amount" || camp.metric === "margin" ? currency : null,
          participants: board.participants,
          individuals: board.individuals.slice(0, limit).map(row),
          teams: board.teams.map((t) => ({
            rank: t.rank,
            team: t.participant,
            score: f(t.score),
            target: f(t.target),
            progressMilli: t.progressMilli,
            reachedTarget: t.reachedTarget,
          })),
          me: mine ? row(mine) : null,
          refreshedAt: deps.now().toISOString(),
        },
        200,
      );
    },
  );

  // ---- The portal: a contact's own campaigns (as itself or its company), its standing and the top places.
  const portal = authenticateContact(deps);
  type Shown = Awaited<ReturnType<typeof leaderboard>>["individuals"][number];
  const portalRow = (r: Shown, c: Campaign, subject: string, digits: number) => ({
    rank: r.rank,
    name: r.name,
    team: r.team,
    score: fmt(r.score, c.metric, digits),
    target: fmt(r.target, c.metric, digits),
    progressMilli: r.progressMilli,
    reachedTarget: r.reachedTarget,
    sales: r.sales,
    badges: r.badges,
    me: r.participant === subject,
  });
  const portalHead = (c: Campaign, participants: number, currency: string | null) => ({
    id: c.id,
    name: c.name,
    metric: c.metric,
    status: c.status as "running" | "ended",
    startsOn: c.startsOn,
    endsOn: c.endsOn,
    currency: c.metric === "amount" || c.metric === "margin" ? currency : null,
    participants,
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/campaigns",
      tags: ["Portal"],
      summary: "The sales campaigns the contact takes part in, with its standing",
      description:
        "Started campaigns (running or ended) in which the signed-in contact, or its company, is a participant; " +
        "newest first.",
      middleware: [portal] as const,
      responses: { 200: json(PortalCampaigns, "The campaigns"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      const me = c.get("contact");
      const { digits, currency } = await money(me.tenantId);
      const mine = await campaignsOfContact(deps.db, me.tenantId, me.contactId, me.companyId);
      const data = [];
      for (const { campaign, subject } of mine) {
        const board = await leaderboard(deps.db, me.tenantId, campaign.id, 0, subject);
        const own = board.individuals.find((r) => r.participant === subject);
        data.push({
          ...portalHead(campaign, board.participants, currency),
          me: own ? portalRow(own, campaign, subject, digits) : null,
        });
      }
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/campaigns/{id}",
      tags: ["Portal"],
      summary: "A campaign's board as a participating contact sees it",
      description:
        "The first places and the contact's own standing; 404 for a campaign the contact (and its company) " +
        "takes no part in.",
      middleware: [portal] as const,
      request: { params: CampaignId },
      responses: { 200: json(PortalBoard, "The board"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const me = c.get("contact");
      const { id } = c.req.valid("param");
      const mine = await campaignsOfContact(deps.db, me.tenantId, me.contactId, me.companyId);
      const found = mine.find((x) => x.campaign.id === id);
      if (!found) throw noCampaign(id);
      const { campaign, subject } = found;
      const { digits, currency } = await money(me.tenantId);
      const board = await leaderboard(deps.db, me.tenantId, id, PORTAL_TOP, subject);
      const own = board.individuals.find((r) => r.participant === subject);
      return c.json(
        {
          campaign: portalHead(campaign, board.participants, currency),
          top: board.individuals.slice(0, PORTAL_TOP).map((r) => portalRow(r, campaign, subject, digits)),
          me: own ? portalRow(own, campaign, subject, digits) : null,
          prizes: campaign.prizes,
        },
        200,
      );
    },
  );

  const reportOf = async (tenantId: string, id: string) => {
    const { digits, currency } = await money(tenantId);
    const r = await report(deps.db, tenantId, id);
    const m = r.campaign.metric;
    const f = (n: number) => fmt(n, m, digits);
    const { participants: count, ...campaign } = r.campaign;
    return {
      campaign: { ...campaign, defaultTarget: f(campaign.defaultTarget), participantCount: count },
      currency,
      participants: r.participants.map((x) => ({
        rank: x.rank,
        participant: x.subject,
        name: x.name,
        team: x.team,
        sales: x.sales,
        amount: formatMinor(x.amountMinor, digits),
        margin: formatMinor(x.marginMinor, digits),
        quantity: formatMinor(x.quantityMilli, 3),
        newClients: x.newClients,
        score: f(x.score),
        target: f(x.target),
        progressMilli: x.progressMilli,
        reachedTarget: x.reachedTarget,
        prizes: x.prizes,
        points: x.points,
      })),
      teams: r.teams.map((t) => ({
        rank: t.rank,
        team: t.participant,
        score: f(t.score),
        target: f(t.target),
        progressMilli: t.progressMilli,
        reachedTarget: t.reachedTarget,
        members: t.members,
      })),
      awards: r.awards.map(({ subject, ...a }) => ({ participant: subject, ...a })),
      lateOrders: r.lateOrders,
    };
  };

  app.openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}/report",
      tags: ["Campaigns"],
      summary: "A campaign's report: sales against plan, teams, prizes",
      description: "Live while it runs; final once it is closed (with the prizes awarded).",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: { params: CampaignId },
      responses: { 200: json(ReportSchema, "The report"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      return c.json(await reportOf(tenantId, c.req.valid("param").id), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/campaigns/{id}/export",
      tags: ["Campaigns"],
      summary: "A campaign's report as CSV",
      description:
        "One line per participant in rank order: rank, participant, name, team, sales, amount, margin, " +
        "quantity, newClients, score, target, progressPercent, reachedTarget, prizes, points.",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: { params: CampaignId },
      responses: {
        200: { description: "The report", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const { id } = c.req.valid("param");
      const r = await reportOf(tenantId, id);
      const head = [
        "rank",
        "participant",
        "name",
        "team",
        "sales",
        "amount",
        "margin",
        "quantity",
        "newClients",
        "score",
        "target",
        "progressPercent",
        "reachedTarget",
        "prizes",
        "points",
      ];
      const lines = r.participants.map((x) =>
        [
          x.rank,
          x.participant,
          x.name,
          x.team ?? "",
          x.sales,
          x.amount,
          x.margin,
          x.quantity,
          x.newClients,
          x.score,
          x.target,
          formatMinor(x.progressMilli, 1),
          x.reachedTarget ? "yes" : "no",
          x.prizes.join("; "),
          x.points,
        ]
          .map(csvCell)
          .join(","),
      );
      return c.text(`${[head.join(","), ...lines].join("\n")}\n`, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${id}.csv"`,
      });
    },
  );

  return app;
}

/** A CSV cell: quoted when it must be, and text a spreadsheet would run as a formula made plain. */
function csvCell(v: string | number): string {
  let s = String(v);
  if (typeof v === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

function stripUndefined<T extends Record<string, unknown>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
