// HTTP routes for the reward catalog (staff edit it; portal contacts see what they may order) and reward
// orders (requested in the portal, approved by the company's admin and the program owner where needed,
// shipped, delivered, or rejected/cancelled with the points given back).
import { createRoute, z } from "@hono/zod-openapi";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { CONTACT_ROLES } from "../companies/contacts.ts";
import { WRITERS } from "../events/routes.ts";
import { authenticateContact } from "../portal/routes.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import { ROLES, type Role } from "../tenants/roles.ts";
import { importRewards, MAX_REWARD_IMPORT_LINES } from "./import.ts";
import {
  catalogFor,
  checkLevels,
  createReward,
  getReward,
  getRewardOrder,
  listRewardOrders,
  listRewards,
  MAX_QUANTITY,
  MAX_REWARD_PAGE,
  moveRewardOrder,
  ORDER_STATUSES,
  REWARD_KINDS,
  type Reward,
  type RewardOrder,
  requestRewardOrder,
  updateReward,
} from "./service.ts";

/** Who runs the reward order queue: the program's managers and support. */
const FULFILLERS: readonly Role[] = [...WRITERS, "support"];

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  content: { "application/json": { schema } },
  required: true,
});

const Id = z
  .string()
  .min(1)
  .max(100)
  .openapi({ param: { name: "id", in: "path" } });

const RewardFields = {
  name: z.string().trim().min(1).max(200),
  description: z.string().max(4000).optional(),
  kind: z.enum(REWARD_KINDS),
  pricePoints: z.number().int().min(1).max(1_000_000_000),
  stock: z
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .nullable()
    .optional()
    .openapi({ description: "null: unlimited" }),
  imageUrl: z
    .string()
    .max(2000)
    .regex(/^https?:\/\/[^\s]+$/, "an http or https address")
    .nullable()
    .optional(),
  tiers: z.array(z.string().min(1).max(100)).max(50).optional().openapi({
    description:
      "Tiers that may order it, by level id: levels of any version of the program (a draft that validates included)",
  }),
  roles: z
    .array(z.enum(CONTACT_ROLES))
    .max(10)
    .optional()
    .openapi({ description: "Portal roles that may order it" }),
  companyApproval: z
    .boolean()
    .optional()
    .openapi({ description: "A buyer's order waits for the company's admin" }),
  ownerApproval: z.boolean().optional().openapi({ description: "Every order waits for the program owner" }),
  active: z.boolean().optional(),
};

const RewardBody = z
  .strictObject({ ...RewardFields, comment: z.string().trim().min(1).max(1000).optional() })
  .openapi("RewardRequest");
const RewardPatch = z
  .strictObject({
    name: RewardFields.name.optional(),
    description: RewardFields.description,
    kind: RewardFields.kind.optional(),
    pricePoints: RewardFields.pricePoints.optional(),
    stock: RewardFields.stock,
    imageUrl: RewardFields.imageUrl,
    tiers: RewardFields.tiers,
    roles: RewardFields.roles,
    companyApproval: RewardFields.companyApproval,
    ownerApproval: RewardFields.ownerApproval,
    active: RewardFields.active,
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .openapi("RewardChange");

const RewardSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    kind: z.enum(REWARD_KINDS),
    pricePoints: z.number(),
    stock: z.number().nullable(),
    imageUrl: z.string().nullable(),
    tiers: z.array(z.string()),
    roles: z.array(z.enum(CONTACT_ROLES)),
    companyApproval: z.boolean(),
    ownerApproval: z.boolean(),
    active: z.boolean(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("Reward");

const OrderSchema = z
  .object({
    id: z.string(),
    rewardId: z.string(),
    rewardName: z.string(),
    companyId: z.string(),
    contactId: z.string(),
    quantity: z.number(),
    points: z.number(),
    holdId: z.string(),
    status: z.enum(ORDER_STATUSES),
    note: z.string().nullable(),
    history: z.array(
      z.object({
        status: z.enum(ORDER_STATUSES),
        at: z.string(),
        by: z.string(),
        note: z.string().nullable(),
      }),
    ),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("RewardOrder");

const OrderList = z.object({ data: z.array(OrderSchema) }).openapi("RewardOrderList");

const Note = z.string().trim().min(1).max(1000).optional();

const StaffMove = z
  .strictObject({
    status: z.enum(["approved", "shipped", "delivered", "rejected"]),
    note: Note.openapi({ description: "Shown to the company: a tracking number, a reason" }),
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .openapi("RewardOrderMove");

const PortalMove = z
  .strictObject({ status: z.enum(["approved", "rejected", "cancelled"]), note: Note })
  .openapi("PortalRewardOrderMove");

const ListQuery = z.object({
  status: z.enum(ORDER_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(MAX_REWARD_PAGE).default(50),
});

export function rewardRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const portal = authenticateContact(deps);
  const security = [{ bearer: [] }];
  const cookieOnly = [{ session: [] }];

  app.openapi(
    createRoute({
      method: "post",
      path: "/rewards",
      tags: ["Rewards"],
      summary: "Add a reward to the catalog",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: { headers: MutationHeaders, body: body(RewardBody) },
      responses: { 201: json(RewardSchema, "Added"), ...errorResponses(400, 401, 403, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Reward>> => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        await checkLevels(tx, tenantId, input.tiers);
        const reward = await createReward(tx, tenantId, input, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "reward.create",
          target: reward.id,
          before: null,
          after: { ...reward },
        });
        return { body: reward };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/rewards/import",
      tags: ["Rewards"],
      summary: "Import the reward catalog from CSV",
      description:
        "The columns `GET /v1/exports/rewards` writes (`name`, `kind` and `price_points` required; `tiers` and " +
        "`roles` separated by `|`). A line with a `reward_id` changes that reward, one without adds a reward. " +
        `All or nothing, at most ${MAX_REWARD_IMPORT_LINES} lines: a bad line is refused naming its line and ` +
        "column (`line 3, price_points: ...`), and nothing is written.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              csv: z.string().min(1).max(5_000_000),
              comment: z.string().trim().min(1).max(1000).optional(),
            })
            .openapi("RewardImportRequest"),
        ),
      },
      responses: {
        201: json(
          z
            .object({ created: z.number(), updated: z.number(), data: z.array(RewardSchema) })
            .openapi("RewardImport"),
          "Imported",
        ),
        ...errorResponses(400, 401, 403, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input };
      type Imported = { created: number; updated: number; data: Reward[] };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Imported>> => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const done = await importRewards(tx, tenantId, input.csv, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "reward.import",
          target: "rewards",
          before: null,
          after: { created: done.created, updated: done.updated, ids: done.rewards.map((r) => r.id) },
        });
        return { body: { created: done.created, updated: done.updated, data: done.rewards } };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/rewards",
      tags: ["Rewards"],
      summary: "The reward catalog",
      security,
      middleware: [auth, requireRole(ROLES)] as const,
      request: {
        query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_REWARD_PAGE).default(100) }),
      },
      responses: {
        200: json(z.object({ data: z.array(RewardSchema) }).openapi("RewardList"), "The rewards"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const data = await listRewards(deps.db, tenantId, {
        activeOnly: false,
        limit: c.req.valid("query").limit,
      });
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/rewards/{id}",
      tags: ["Rewards"],
      summary: "A reward",
      security,
      middleware: [auth, requireRole(ROLES)] as const,
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(RewardSchema, "The reward"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => c.json(await getReward(deps.db, c.get("principal").tenantId, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/rewards/{id}",
      tags: ["Rewards"],
      summary: "Change a reward",
      description:
        "Fields not given stay. `stock` replaces the count left; orders already placed keep theirs.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: { headers: MutationHeaders, params: z.object({ id: Id }), body: body(RewardPatch) },
      responses: { 200: json(RewardSchema, "Changed"), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, input } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Reward>> => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const { comment: _, ...fields } = input;
        await checkLevels(tx, tenantId, fields.tiers);
        const { before, after } = await updateReward(tx, tenantId, id, fields, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "reward.update",
          target: id,
          before: { ...before },
          after: { ...after },
        });
        return { body: after };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/reward-orders",
      tags: ["Rewards"],
      summary: "Reward orders, newest first",
      security,
      middleware: [auth, requireRole([...FULFILLERS, "finance"])] as const,
      request: { query: ListQuery.extend({ companyId: z.string().min(1).max(200).optional() }) },
      responses: { 200: json(OrderList, "The orders"), ...errorResponses(401, 403, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      return c.json({ data: await listRewardOrders(deps.db, tenantId, c.req.valid("query")) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/reward-orders/{id}",
      tags: ["Rewards"],
      summary: "A reward order with its history",
      security,
      middleware: [auth, requireRole([...FULFILLERS, "finance"])] as const,
      request: { params: z.object({ id: Id }) },
      responses: { 200: json(OrderSchema, "The order"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) =>
      c.json(await getRewardOrder(deps.db, c.get("principal").tenantId, c.req.valid("param").id), 200),
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/reward-orders/{id}/status",
      tags: ["Rewards"],
      summary: "Approve, ship, deliver or reject a reward order",
      description:
        "`approved` from awaiting_owner (the program owner's approval); `shipped` from approved captures the " +
        "held points; `delivered` from shipped; `rejected` from any open status gives the points and the stock " +
        "back. Any other move is 409.",
      security,
      middleware: [auth, requireRole(FULFILLERS)] as const,
      request: { headers: MutationHeaders, params: z.object({ id: Id }), body: body(StaffMove) },
      responses: { 200: json(OrderSchema, "Moved"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, input } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<RewardOrder>> => {
        const change = changeFrom(c, deps.now, principal.keyId, input.comment);
        const actor = { kind: "staff" as const, id: principal.keyId };
        const { before, after } = await moveRewardOrder(
          tx,
          tenantId,
          id,
          input.status,
          actor,
          input.note ?? null,
          change.at,
        );
        await recordAudit(tx, tenantId, change, {
          action: `rewardOrder.${input.status}`,
          target: id,
          before: { status: before.status },
          after: { status: after.status, note: input.note ?? null },
        });
        return { body: after };
      });
      return c.json(out, 200);
    },
  );

  // ---- Portal ----------------------------------------------------------------------------------------------

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/rewards",
      tags: ["Portal"],
      summary: "The rewards the contact may order",
      description: "Active rewards open to the company's tier and the contact's role.",
      security: cookieOnly,
      middleware: [portal] as const,
      responses: {
        200: json(z.object({ data: z.array(RewardSchema) }).openapi("PortalRewardList"), "The catalog"),
        ...errorResponses(401),
      },
    }),
    async (c) => {
      const p = c.get("contact");
      return c.json({ data: await catalogFor(deps.db, p.tenantId, p.companyId, p.role) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/reward-orders",
      tags: ["Portal"],
      summary: "Order a reward",
      description:
        "Holds the reward's points from the company's wallet at once (409 insufficient_points when fewer are " +
        "available) and takes the stock (409 when too few are left). A buyer's order waits for the company's " +
        "admin when the reward asks for it, then for the program owner when the reward asks for that.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: {
        headers: MutationHeaders,
        body: body(
          z
            .strictObject({
              rewardId: z.string().min(1).max(100),
              quantity: z.number().int().min(1).max(MAX_QUANTITY).default(1),
              note: Note,
            })
            .openapi("RewardOrderRequest"),
        ),
      },
      responses: { 201: json(OrderSchema, "Ordered"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const p = c.get("contact");
      const input = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 201 as const,
        input: { contact: p.contactId, input },
      };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<RewardOrder>> => {
        const who = { companyId: p.companyId, contactId: p.contactId, role: p.role };
        return { body: await requestRewardOrder(tx, p.tenantId, who, input, deps.now()) };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/portal/reward-orders",
      tags: ["Portal"],
      summary: "The company's reward orders",
      description: "A company admin sees all the company's orders; a buyer their own.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { query: ListQuery },
      responses: { 200: json(OrderList, "The orders"), ...errorResponses(401, 422) },
    }),
    async (c) => {
      const p = c.get("contact");
      const q = c.req.valid("query");
      const data = await listRewardOrders(deps.db, p.tenantId, {
        ...q,
        companyId: p.companyId,
        contactId: p.role === "company_admin" ? undefined : p.contactId,
      });
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/portal/reward-orders/{id}/status",
      tags: ["Portal"],
      summary: "Approve, reject or cancel a reward order",
      description:
        "The company's admin approves or rejects a buyer's requested order; the admin, or the buyer who ordered, " +
        "cancels an order not yet shipped. A buyer who tries to approve gets 403. Rejected and cancelled orders " +
        "give their points and stock back.",
      security: cookieOnly,
      middleware: [portal] as const,
      request: { headers: MutationHeaders, params: z.object({ id: Id }), body: body(PortalMove) },
      responses: { 200: json(OrderSchema, "Moved"), ...errorResponses(400, 401, 403, 404, 409, 415, 422) },
    }),
    async (c) => {
      const p = c.get("contact");
      const { id } = c.req.valid("param");
      const input = c.req.valid("json");
      const scope = {
        db: deps.db,
        tenantId: p.tenantId,
        status: 200 as const,
        input: { contact: p.contactId, id, input },
      };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<RewardOrder>> => {
        const actor = { kind: "contact" as const, id: p.contactId, companyId: p.companyId, role: p.role };
        const { after } = await moveRewardOrder(
          tx,
          p.tenantId,
          id,
          input.status,
          actor,
          input.note ?? null,
          deps.now(),
        );
        return { body: after };
      });
      return c.json(out, 200);
    },
  );

  return app;
}
