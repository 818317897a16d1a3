// HTTP routes for promo code batches (create with a shared code or generated unique ones, import and export
// CSV, turn off, read usage) and for checking a code against a cart.
import { createRoute, z } from "@hono/zod-openapi";
import { formatPercent, parseScaled } from "@patron/engine";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { type Outcome, withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { versionFor, WRITERS } from "../events/routes.ts";
import { findMember } from "../members/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import {
  assertNotLimited,
  type Batch,
  CODE_REASONS,
  checkCode,
  createBatch,
  DEFAULT_CODE_LENGTH,
  exportCodes,
  getBatch,
  importCodes,
  listBatches,
  MAX_BATCH_PAGE,
  MAX_CODE_LENGTH,
  MAX_CODES_PER_REQUEST,
  MIN_CODE_LENGTH,
  normaliseCode,
  programCode,
  recordFailure,
  setBatchStatus,
} from "./service.ts";

/** Who may read batches and their usage: those who manage them, finance and support. */
const READERS: readonly Role[] = [...WRITERS, "finance", "support"];

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .refine((s) => s >= "1000-01-01" && !Number.isNaN(Date.parse(s)), "a real date on or after 1000-01-01");

const Decimal = z
  .union([z.string().regex(/^\d{1,15}(\.\d+)?$/), z.number().nonnegative().max(1e15)])
  .openapi({ description: 'An amount in units, e.g. "10000.00"' });

const BatchBody = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    kind: z.enum(["shared", "unique"]),
    discountId: z
      .string()
      .min(1)
      .max(100)
      .openapi({ description: "The program's `code` discount whose benefit the codes give" }),
    code: z.string().min(4).max(64).optional().openapi({ description: "The shared code (shared batches)" }),
    count: z
      .number()
      .int()
      .min(1)
      .max(MAX_CODES_PER_REQUEST)
      .optional()
      .openapi({ description: "Unique codes to generate now" }),
    length: z.number().int().min(MIN_CODE_LENGTH).max(MAX_CODE_LENGTH).default(DEFAULT_CODE_LENGTH),
    prefix: z
      .string()
      .regex(/^[A-Za-z0-9]{1,10}-?$/)
      .optional(),
    validFrom: IsoDate.nullable().optional(),
    validTo: IsoDate.nullable().optional(),
    maxUsesPerCode: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .nullable()
      .optional()
      .openapi({ description: "Orders each code may serve; unique codes default to 1, shared to no limit" }),
    maxUsesPerCompany: z.number().int().min(1).max(1_000_000).nullable().optional(),
    minOrder: Decimal.nullable().optional().openapi({ description: "Smallest gross order the code serves" }),
    firstOrderOnly: z.boolean().default(false),
    comment: z.string().trim().min(1).max(1000).optional(),
  })
  .openapi("CodeBatchRequest");

const BatchSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["shared", "unique"]),
    discountId: z.string(),
    discount: z
      .object({ rate: z.string(), combinable: z.boolean(), minGross: z.string() })
      .nullable()
      .openapi({
        description: "What the current program's discount gives; null when it has none by that id",
      }),
    validFrom: z.string().nullable(),
    validTo: z.string().nullable(),
    maxUsesPerCode: z.number().nullable(),
    maxUsesPerCompany: z.number().nullable(),
    minOrder: z.string().nullable(),
    firstOrderOnly: z.boolean(),
    status: z.enum(["active", "disabled"]),
    createdBy: z.string(),
    createdAt: z.string(),
    codes: z.number(),
    uses: z.number().openapi({ description: "Orders that used the batch's codes and were not cancelled" }),
    companies: z.number().openapi({ description: "Companies among them" }),
  })
  .openapi("CodeBatch");

const BatchId = z.object({
  id: z
    .string()
    .min(1)
    .max(100)
    .openapi({ param: { name: "id", in: "path" }, example: "cbt_01jb3v6c9w2x8k4m5n7p9q" }),
});

const ValidateBody = z
  .strictObject({
    code: z.string().min(1).max(100),
    companyId: z.string().min(1).max(200),
    cartAmount: Decimal.openapi({ description: "The cart's gross amount" }),
    date: z
      .string()
      .min(10)
      .max(40)
      .optional()
      .openapi({ description: "The cart's date; now when not given" }),
  })
  .openapi("CodeCheckRequest");

const ValidateAnswer = z
  .object({
    valid: z.boolean(),
    reason: z.enum(CODE_REASONS).nullable(),
    code: z.string(),
    discount: z.object({ id: z.string(), rate: z.string(), combinable: z.boolean() }).nullable(),
  })
  .openapi("CodeCheck");

export function codeRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);
  const security = [{ bearer: [] }];

  /** A batch as answered: money in units and what the current program's discount gives. */
  const answer = async (tenantId: string, b: Batch) => {
    const { p } = await versionFor(deps, tenantId, deps.now().toISOString()).catch(() => ({ p: null }));
    const d = p?.discounts.find((x) => x.kind === "code" && x.id === b.discountId);
    const digits = p?.digits ?? 2;
    const units = (minor: number) => (minor / 10 ** digits).toFixed(digits);
    return {
      ...b,
      discount:
        d?.kind === "code"
          ? { rate: formatPercent(d.ratePpm), combinable: d.combinable, minGross: units(d.minGrossMinor) }
          : null,
      minOrder: b.minOrderMinor === null ? null : units(b.minOrderMinor),
    };
  };

  app.openapi(
    createRoute({
      method: "post",
      path: "/code-batches",
      tags: ["Codes"],
      summary: "Create a code batch",
      description:
        "A shared batch has one `code`; a unique batch gets `count` random codes of `length` symbols from " +
        "23456789ABCDEFGHJKMNPQRSTUVWXYZ (no 0/O/1/I/L), drawn by the operating system's generator, and may " +
        "import more. The benefit is the program's `code` discount named by `discountId` (a discount of any " +
        "version of the program, a draft that validates included; another is refused naming `discountId`); " +
        "the batch limits who may use it, when and how often.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: { headers: MutationHeaders, body: { content: { "application/json": { schema: BatchBody } } } },
      responses: { 201: json(BatchSchema, "Created"), ...errorResponses(400, 401, 403, 409, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const body = c.req.valid("json");
      if (body.validFrom && body.validTo && body.validTo < body.validFrom) {
        throw new ApiError("validation_failed", "validTo is before validFrom", "validTo");
      }
      const { p } = await versionFor(deps, tenantId, deps.now().toISOString());
      let minOrderMinor: number | null = null;
      if (body.minOrder != null) {
        minOrderMinor = parseScaled(String(body.minOrder), p.digits);
        if (minOrderMinor === null) {
          throw new ApiError("validation_failed", `an amount with at most ${p.digits} decimals`, "minOrder");
        }
      }
      const scope = { db: deps.db, tenantId, status: 201 as const, input: body };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Batch>> => {
        const change = changeFrom(c, deps.now, principal.keyId, body.comment);
        const batch = await createBatch(tx, tenantId, { ...body, minOrderMinor }, principal.keyId, change.at);
        await recordAudit(tx, tenantId, change, {
          action: "codeBatch.create",
          target: batch.id,
          before: null,
          after: { ...batch, codes: batch.codes },
        });
        return { body: batch };
      });
      return c.json(await answer(tenantId, out), 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/code-batches",
      tags: ["Codes"],
      summary: "Code batches, newest first, with their usage",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: { query: z.object({ limit: z.coerce.number().int().min(1).max(MAX_BATCH_PAGE).default(50) }) },
      responses: {
        200: json(z.object({ data: z.array(BatchSchema) }).openapi("CodeBatchList"), "The batches"),
        ...errorResponses(401, 403, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const batches = await listBatches(deps.db, tenantId, c.req.valid("query").limit);
      const data = [];
      for (const b of batches) data.push(await answer(tenantId, b));
      return c.json({ data }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/code-batches/{id}",
      tags: ["Codes"],
      summary: "A code batch with its usage",
      security,
      middleware: [auth, requireRole(READERS)] as const,
      request: { params: BatchId },
      responses: { 200: json(BatchSchema, "The batch"), ...errorResponses(401, 403, 404, 422) },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      return c.json(await answer(tenantId, await getBatch(deps.db, tenantId, c.req.valid("param").id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "patch",
      path: "/code-batches/{id}",
      tags: ["Codes"],
      summary: "Turn a code batch off or on",
      description:
        "A disabled batch's codes answer as unknown codes; orders already taken keep their discount.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: BatchId,
        body: {
          content: {
            "application/json": {
              schema: z
                .strictObject({
                  status: z.enum(["active", "disabled"]),
                  comment: z.string().trim().min(1).max(1000).optional(),
                })
                .openapi("CodeBatchChange"),
            },
          },
        },
      },
      responses: { 200: json(BatchSchema, "Changed"), ...errorResponses(400, 401, 403, 404, 415, 422) },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { id, body } };
      const out = await withIdempotency(c, scope, async (tx): Promise<Outcome<Batch>> => {
        const { before, after } = await setBatchStatus(tx, tenantId, id, body.status);
        await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId, body.comment), {
          action: "codeBatch.update",
          target: id,
          before: { status: before.status },
          after: { status: after.status },
        });
        return { body: after };
      });
      return c.json(await answer(tenantId, out), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/code-batches/{id}/import",
      tags: ["Codes"],
      summary: "Import codes into a unique batch",
      description:
        "CSV text whose first column holds the codes (a `code` header line is skipped); 4 to 64 letters, digits " +
        `and dashes each, up to 1,000,000 characters a request. All or nothing: a code that exists already is ` +
        "409 naming it, a malformed one 422 naming its line (`csv:<line>`).",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        params: BatchId,
        body: {
          content: {
            "application/json": {
              schema: z.strictObject({ csv: z.string().min(1).max(1_000_000) }).openapi("CodeImport"),
            },
          },
        },
      },
      responses: {
        201: json(z.object({ imported: z.number() }).openapi("CodeImportResult"), "Imported"),
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { id } = c.req.valid("param");
      const body = c.req.valid("json");
      const scope = { db: deps.db, tenantId, status: 201 as const, input: { id, body } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const done = await importCodes(tx, tenantId, id, body.csv);
        await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId), {
          action: "codeBatch.import",
          target: id,
          before: null,
          after: done,
        });
        return { body: done };
      });
      return c.json(out, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/code-batches/{id}/export",
      tags: ["Codes"],
      summary: "Export a batch's codes as CSV",
      description: "`code,uses` per line, in code order.",
      security,
      middleware: [auth, requireRole(WRITERS)] as const,
      request: { params: BatchId },
      responses: {
        200: { description: "The codes", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 404, 422),
      },
    }),
    async (c) => {
      const { tenantId } = c.get("principal");
      const { id } = c.req.valid("param");
      const csv = await exportCodes(deps.db, tenantId, id);
      return c.text(csv, 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${id}.csv"`,
      });
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/codes/validate",
      tags: ["Codes"],
      summary: "Check a code for a cart",
      description:
        "Whether a code would give its discount to this company's cart now, or why not (`reason`). Changes " +
        "nothing but the guard's count: unknown codes (and codes of a disabled batch, which answer the same) " +
        "count against the API key and the company, and after 20 in 10 minutes either gets 429. Codes that no " +
        "batch holds are checked as the program's own (referral codes, codes written in the program).",
      security,
      middleware: [auth] as const,
      request: { body: { content: { "application/json": { schema: ValidateBody } } } },
      responses: {
        200: json(ValidateAnswer, "The answer"),
        ...errorResponses(400, 401, 403, 409, 415, 422, 429),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const body = c.req.valid("json");
      const now = deps.now();
      const { p, day } = await versionFor(deps, tenantId, body.date ?? now.toISOString());
      const grossMinor = parseScaled(String(body.cartAmount), p.digits);
      if (grossMinor === null) {
        throw new ApiError("validation_failed", `an amount with at most ${p.digits} decimals`, "cartAmount");
      }
      const subjects = [`key:${principal.keyId}`, `company:${body.companyId}`];
      await assertNotLimited(deps.db, tenantId, subjects, now);
      const member = await findMember(deps.db, tenantId, body.companyId);
      const input = { code: body.code, companyId: body.companyId, grossMinor, day, orderCount: 0 };
      const check = await checkCode(deps.db, tenantId, p, { ...input, orderCount: member?.orderCount ?? 0 });
      const code = normaliseCode(body.code);
      if (check === null || (!check.valid && check.reason === "unknown")) {
        const own = await programCode(deps.db, tenantId, p, { ...input, code });
        if (own === "related_company")
          return c.json({ valid: false, reason: own, code, discount: null }, 200);
        if (own) return c.json({ valid: true, reason: null, code, discount: own }, 200);
        await recordFailure(deps.db, tenantId, subjects, now);
        return c.json({ valid: false, reason: "unknown" as const, code, discount: null }, 200);
      }
      if (!check.valid) return c.json({ valid: false, reason: check.reason, code, discount: null }, 200);
      const d = check.discount;
      const discount = { id: d.id, rate: formatPercent(d.ratePpm), combinable: d.combinable };
      return c.json({ valid: true, reason: null, code, discount }, 200);
    },
  );

  return app;
}
