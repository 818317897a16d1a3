// HTTP routes of the analytics reports: cohorts, the finance report and NPS over time, each as JSON or, with
// `?format=csv` (or `1c`), as a CSV file of the same figures.
import { createRoute, z } from "@hono/zod-openapi";
import type { Deps } from "../../http/context.ts";
import { Comment, changeFrom, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { companyScope } from "../companies/scope.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { analyticsError, Format, reportRoute } from "./answer.ts";
import { type Cohorts, cohorts } from "./cohorts.ts";
import { type Cell, type Column, toCsv } from "./csv.ts";
import { type FinanceReport, type FinanceRow, financeReport } from "./finance.ts";
import { type NpsReport, npsReport } from "./nps.ts";
import { ANALYTICS_READERS, IsoDay } from "./routes.ts";
import { programContext } from "./service.ts";
import {
  type CategoryPurchaseInput,
  companyPurchases,
  MAX_IMPORT_ROWS,
  putPurchases,
  type ShareOfWallet,
  shareOfWallet,
} from "./shareOfWallet.ts";

/** Read share of wallet: the analytics readers, and sales managers for their own clients. */
const WALLET_READERS: readonly Role[] = [...ANALYTICS_READERS, "sales_manager"];
/** Enter or import clients' category purchases: who runs the program, and sales managers for their own clients. */
const WALLET_WRITERS: readonly Role[] = ["owner", "admin", "program_manager", "sales_manager"];

const Period = z.object({
  from: IsoDay.optional().openapi({ description: "First day, included." }),
  to: IsoDay.optional().openapi({ description: "Last day, included; the tenant's today when absent." }),
  format: Format,
});

const Link = z.string().openapi({ example: "docs/metrics.md#finance-report" });
const Money = z.string().openapi({ example: "1250.00" });

const FinanceRowSchema = z
  .object({
    key: z.string().nullable(),
    from: z.string(),
    to: z.string(),
    openingPoints: z.number(),
    issuedPoints: z.number(),
    spentPoints: z.number(),
    expiredPoints: z.number(),
    reversedPoints: z.number(),
    closingPoints: z.number(),
    pointValue: Money,
    opening: Money,
    issued: Money,
    spent: Money,
    expired: Money,
    reversed: Money,
    closing: Money,
  })
  .openapi("FinanceRow");

const FinanceSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    total: FinanceRowSchema,
    byVersion: z.array(FinanceRowSchema),
    byTier: z.array(FinanceRowSchema),
    ledger: z.object({ movementsPoints: z.number(), balancesPoints: z.number(), agrees: z.boolean() }),
    definitions: z.record(z.string(), Link),
  })
  .openapi("FinanceReport");

const CohortsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    months: z.number(),
    cohorts: z.array(
      z.object({
        cohort: z.string(),
        size: z.number(),
        active: z.array(z.number()),
        retention: z.array(z.number()),
      }),
    ),
    tiers: z.array(
      z.object({
        tier: z.string().nullable(),
        size: z.number(),
        active: z.array(z.number()),
        observed: z.array(z.number()),
        retention: z.array(z.number().nullable()),
      }),
    ),
    definitions: z.record(z.string(), Link),
  })
  .openapi("Cohorts");

const NpsMonth = z.object({
  period: z.string().nullable(),
  responses: z.number(),
  promoters: z.number(),
  passives: z.number(),
  detractors: z.number(),
  nps: z.number(),
});

const NpsSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(["none", "segment", "tier"]),
    groups: z.array(
      z.object({
        group: z.string().nullable(),
        responses: z.number(),
        nps: z.number(),
        months: z.array(NpsMonth),
      }),
    ),
    definitions: z.record(z.string(), Link),
  })
  .openapi("NpsReport");

const ShareRowSchema = z.object({
  key: z.string().nullable(),
  category: z.string(),
  companies: z.number(),
  total: Money,
  ours: Money,
  share: z.number().nullable(),
});

const ShareSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    currency: z.string(),
    companies: z.array(ShareRowSchema),
    segments: z.array(ShareRowSchema),
    definitions: z.record(z.string(), Link),
  })
  .openapi("ShareOfWallet");

const PurchaseSchema = z
  .object({
    companyId: z.string(),
    category: z.string(),
    from: z.string(),
    to: z.string(),
    total: Money,
    ours: Money,
    share: z.number().nullable(),
    source: z.enum(["entered", "imported"]),
    updatedAt: z.string(),
    updatedBy: z.string(),
  })
  .openapi("CategoryPurchase");

const Amount = z
  .string()
  .regex(/^\d{1,15}(\.\d{1,4})?$/)
  .openapi({ description: "An amount in the program's currency", example: "125000.00" });
const Category = z.string().trim().min(1).max(200).openapi({ example: "cement" });

const PutPurchase = z
  .strictObject({ category: Category, from: IsoDay, to: IsoDay, total: Amount, comment: Comment })
  .openapi("PutCategoryPurchase");

const ImportPurchases = z
  .strictObject({
    rows: z
      .array(
        z.strictObject({
          companyId: z.string().min(1).max(200),
          category: Category,
          from: IsoDay,
          to: IsoDay,
          total: Amount,
        }),
      )
      .min(1)
      .max(MAX_IMPORT_ROWS),
    comment: Comment,
  })
  .openapi("ImportCategoryPurchases");

const CompanyParam = z.object({
  id: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: "id", in: "path" } }),
});

const FINANCE_COLUMNS: Column[] = [
  { name: "section", kind: "text" },
  { name: "key", kind: "text" },
  { name: "date_from", kind: "date" },
  { name: "date_to", kind: "date" },
  { name: "currency", kind: "text" },
  { name: "point_value", kind: "decimal" },
  { name: "opening_points", kind: "number" },
  { name: "issued_points", kind: "number" },
  { name: "spent_points", kind: "number" },
  { name: "expired_points", kind: "number" },
  { name: "reversed_points", kind: "number" },
  { name: "closing_points", kind: "number" },
  { name: "opening", kind: "decimal" },
  { name: "issued", kind: "decimal" },
  { name: "spent", kind: "decimal" },
  { name: "expired", kind: "decimal" },
  { name: "reversed", kind: "decimal" },
  { name: "closing", kind: "decimal" },
];

/** The finance report as rows: the total, then one per version, then one per tier. */
export function financeRows(r: FinanceReport): Cell[][] {
  const line = (section: string, x: FinanceRow): Cell[] => [
    section,
    x.key ?? "",
    x.from,
    x.to,
    r.currency,
    x.pointValue,
    x.openingPoints,
    x.issuedPoints,
    x.spentPoints,
    x.expiredPoints,
    x.reversedPoints,
    x.closingPoints,
    x.opening,
    x.issued,
    x.spent,
    x.expired,
    x.reversed,
    x.closing,
  ];
  return [
    line("total", r.total),
    ...r.byVersion.map((x) => line("version", x)),
    ...r.byTier.map((x) => line("tier", x)),
  ];
}

const COHORT_COLUMNS: Column[] = [
  { name: "kind", kind: "text" },
  { name: "group", kind: "text" },
  { name: "size", kind: "number" },
  { name: "month_offset", kind: "number" },
  { name: "active", kind: "number" },
  { name: "base", kind: "number" },
  { name: "retention", kind: "decimal" },
];

/** Cohorts in long form: one line per cohort (or tier) and month after joining. */
export function cohortRows(r: Cohorts): Cell[][] {
  const out: Cell[][] = [];
  for (const c of r.cohorts)
    c.active.forEach((a, k) => {
      out.push(["cohort", c.cohort, c.size, k, a, c.size, c.retention[k] ?? null]);
    });
  for (const t of r.tiers)
    t.active.forEach((a, k) => {
      if ((t.observed[k] ?? 0) > 0)
        out.push(["tier", t.tier ?? "", t.size, k, a, t.observed[k] ?? 0, t.retention[k] ?? null]);
    });
  return out;
}

const NPS_COLUMNS: Column[] = [
  { name: "group", kind: "text" },
  { name: "month", kind: "date" },
  { name: "responses", kind: "number" },
  { name: "promoters", kind: "number" },
  { name: "passives", kind: "number" },
  { name: "detractors", kind: "number" },
  { name: "nps", kind: "decimal" },
];

export function npsRows(r: NpsReport): Cell[][] {
  return r.groups.flatMap((g) =>
    g.months.map((m) => [g.group ?? "", m.period, m.responses, m.promoters, m.passives, m.detractors, m.nps]),
  );
}

const SHARE_COLUMNS: Column[] = [
  { name: "level", kind: "text" },
  { name: "key", kind: "text" },
  { name: "category", kind: "text" },
  { name: "companies", kind: "number" },
  { name: "currency", kind: "text" },
  { name: "total", kind: "decimal" },
  { name: "ours", kind: "decimal" },
  { name: "share", kind: "decimal" },
];

export function shareRows(r: ShareOfWallet): Cell[][] {
  return [
    ...r.companies.map((x): Cell[] => [
      "company",
      x.key,
      x.category,
      x.companies,
      r.currency,
      x.total,
      x.ours,
      x.share,
    ]),
    ...r.segments.map((x): Cell[] => [
      "segment",
      x.key,
      x.category,
      x.companies,
      r.currency,
      x.total,
      x.ours,
      x.share,
    ]),
  ];
}

export function reportRoutes(deps: Deps) {
  const app = newRouter();

  reportRoute(app, deps.db, {
    path: "/analytics/finance",
    summary: "The points liability of a period, for accounting",
    description:
      "Opening, issued, spent, expired, reversed and closing liability in points and in the program's " +
      "currency, in total, per program version and per tier, read from the finance rollup of the ledger's " +
      "postings (and the postings since its watermark): opening + issued " +
      "− spent − expired − reversed = closing on every row, and `ledger.agrees` says all movements ever add " +
      "up to the accounts' balances. The current month by default. `format=csv` or `format=1c` gives a file " +
      "(columns in docs/metrics.md#finance-csv). Owners, admins, program managers and finance.",
    readers: ANALYTICS_READERS,
    query: Period,
    schema: FinanceSchema,
    answer: "The finance report",
    read: (p, q) => financeReport(deps.db, p.tenantId, deps.now(), q),
    file: (r, f) => ({ name: `finance-${r.from}-${r.to}`, text: toCsv(FINANCE_COLUMNS, financeRows(r), f) }),
  });

  reportRoute(app, deps.db, {
    path: "/analytics/cohorts",
    summary: "Retention by joining month and by tier",
    description:
      "Companies grouped by the month they joined (or, without a join date, first ordered), with the share of " +
      "each cohort that ordered in each month after: a triangle. And the same per current tier. Months of " +
      "`from` to `to` (the last 12 by default); read from the rollups. Owners, admins, program managers and " +
      "finance.",
    readers: ANALYTICS_READERS,
    query: Period,
    schema: CohortsSchema,
    answer: "The cohorts",
    read: (p, q) => cohorts(deps.db, p.tenantId, deps.now(), q),
    file: (r, f) => ({ name: `cohorts-${r.to}`, text: toCsv(COHORT_COLUMNS, cohortRows(r), f) }),
  });

  reportRoute(app, deps.db, {
    path: "/analytics/nps",
    summary: "NPS per segment or tier, month by month",
    description:
      "Every survey's answers: responses, promoters (9-10), passives (7-8), detractors (0-6) and NPS " +
      "(% promoters − % detractors) per month, for each segment or tier the company had when it answered. The " +
      "last 365 days by default. Owners, admins, program managers and finance.",
    readers: ANALYTICS_READERS,
    query: Period.extend({ groupBy: z.enum(["none", "segment", "tier"]).default("segment") }),
    schema: NpsSchema,
    answer: "NPS over time",
    read: (p, q) => npsReport(deps.db, p.tenantId, deps.now(), q),
    file: (r, f) => ({ name: `nps-${r.from}-${r.to}`, text: toCsv(NPS_COLUMNS, npsRows(r), f) }),
  });

  reportRoute(app, deps.db, {
    path: "/analytics/share-of-wallet",
    summary: "Share of wallet per company and per segment",
    description:
      "Clients' purchases of a category from every supplier (entered on the company page or imported) whose " +
      "days lie in the period, against our sales of the category to them over the same days; per company and " +
      "category and per segment and category. The last 365 days by default. Analytics readers; a sales manager " +
      "sees only their own clients, and the segments add up only those.",
    readers: WALLET_READERS,
    query: Period,
    schema: ShareSchema,
    answer: "Share of wallet",
    read: async (p, q) => shareOfWallet(deps.db, await companyScope(deps.db, p), deps.now(), q),
    file: (r, f) => ({
      name: `share-of-wallet-${r.from}-${r.to}`,
      text: toCsv(SHARE_COLUMNS, shareRows(r), f),
    }),
  });

  app.openapi(
    createRoute({
      method: "get",
      path: "/companies/{id}/category-purchases",
      tags: ["Analytics"],
      summary: "A company's category purchases and share of wallet",
      description:
        "The figures entered or imported for the company, newest first, each with our sales of the category over " +
        "its days and the share. A sales manager reads only their own clients (others answer 404).",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WALLET_READERS)] as const,
      request: { params: CompanyParam },
      responses: {
        200: {
          description: "The figures",
          content: {
            "application/json": {
              schema: z.object({ data: z.array(PurchaseSchema) }).openapi("CategoryPurchases"),
            },
          },
        },
        ...errorResponses(401, 403, 404, 409, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const scope = await companyScope(deps.db, p);
      if (!(await scope.includes(deps.db, id))) throw new ApiError("not_found", `no company ${id}`, "id");
      try {
        return c.json({ data: await companyPurchases(deps.db, p.tenantId, id, deps.now()) }, 200);
      } catch (e) {
        throw analyticsError(e);
      }
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/companies/{id}/category-purchases",
      tags: ["Analytics"],
      summary: "Enter a company's purchases of a category",
      description:
        "What the client bought of `category` from every supplier between `from` and `to`; entering the same " +
        "category and `from` again replaces it. Owners, admins, program managers, and sales managers for their " +
        "own clients; audited.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WALLET_WRITERS)] as const,
      request: {
        params: CompanyParam,
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: PutPurchase } }, required: true },
      },
      responses: {
        200: {
          description: "The company's figures now",
          content: { "application/json": { schema: z.object({ data: z.array(PurchaseSchema) }) } },
        },
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const { id } = c.req.valid("param");
      const { comment, ...row } = c.req.valid("json");
      try {
        const { p: program } = await programContext(deps.db, p.tenantId, deps.now());
        await withIdempotency(
          c,
          { db: deps.db, tenantId: p.tenantId, status: 200, input: { id, comment, ...row } },
          async (tx) => {
            const input: CategoryPurchaseInput = { companyId: id, ...row };
            await putPurchases(
              tx,
              p.tenantId,
              await companyScope(tx, p),
              program,
              [input],
              "entered",
              changeFrom(c, deps.now, p.keyId, comment),
              (_k, name) => (name === "companyId" ? "id" : name),
            );
            return { body: { ok: true } };
          },
        );
        return c.json({ data: await companyPurchases(deps.db, p.tenantId, id, deps.now()) }, 200);
      } catch (e) {
        throw analyticsError(e);
      }
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/analytics/share-of-wallet/import",
      tags: ["Analytics"],
      summary: "Import clients' category purchases",
      description:
        `Up to ${MAX_IMPORT_ROWS} figures (company, category, from, to, total) in one all-or-nothing request; a ` +
        "bad row is named by its field (`rows[3].total`). The console reads them from a CSV file with the columns " +
        "company_id, category, from, to, total. Owners, admins, program managers, and sales managers for their " +
        "own clients; audited.",
      security: [{ bearer: [] }],
      middleware: [authenticate(deps.db), requireRole(WALLET_WRITERS)] as const,
      request: {
        headers: MutationHeaders,
        body: { content: { "application/json": { schema: ImportPurchases } }, required: true },
      },
      responses: {
        200: {
          description: "How many figures were written",
          content: {
            "application/json": { schema: z.object({ imported: z.number() }).openapi("ImportedPurchases") },
          },
        },
        ...errorResponses(400, 401, 403, 404, 409, 413, 415, 422),
      },
    }),
    async (c) => {
      const p = c.get("principal");
      const input = c.req.valid("json");
      try {
        const { p: program } = await programContext(deps.db, p.tenantId, deps.now());
        const out = await withIdempotency(
          c,
          { db: deps.db, tenantId: p.tenantId, status: 200, input },
          async (tx) => ({
            body: {
              imported: await putPurchases(
                tx,
                p.tenantId,
                await companyScope(tx, p),
                program,
                input.rows,
                "imported",
                changeFrom(c, deps.now, p.keyId, input.comment),
                (k, name) => `rows[${k}].${name}`,
              ),
            },
          }),
        );
        return c.json(out, 200);
      } catch (e) {
        throw analyticsError(e);
      }
    },
  );
  return app;
}
