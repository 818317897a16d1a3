// GET /v1/exports/{kind}: the CLI's exports over HTTP, as CSV streamed page by page (keyset paging), so that a
// tenant of any size downloads in bounded memory. Companies, contacts, orders and rewards come out in the
// formats their imports read. POST /v1/imports/{kind}: a companies or contacts file taken in whole;
// POST /v1/imports/orders: an orders file, taken whole through the CLI import's ingestion.
import { createRoute, z } from "@hono/zod-openapi";
import { changeFrom, type Deps, MutationHeaders, newRouter } from "../../http/context.ts";
import { ApiError, errorResponses } from "../../http/errors.ts";
import { withIdempotency } from "../../http/idempotency.ts";
import { recordAudit } from "../audit/service.ts";
import { authenticate, requireRole } from "../tenants/auth.ts";
import type { Role } from "../tenants/roles.ts";
import { walletRows } from "./export.ts";
import { csvCell, EXPORT_KINDS, type ExportKind } from "./kinds.ts";
import { importOrderUpload, MAX_ORDER_UPLOAD_LINES } from "./order-upload.ts";
import { importUpload, MAX_UPLOAD_ROWS, UPLOAD_KINDS } from "./upload.ts";

/** Who may load companies, contacts and orders in bulk: those who run the program. */
const IMPORTERS: readonly Role[] = ["owner", "admin", "program_manager"];

/** Who may export a tenant's data: those who run the program, and finance, who reconciles it. */
const EXPORTERS: readonly Role[] = ["owner", "admin", "program_manager", "finance"];

const KIND_NAMES = Object.keys(EXPORT_KINDS) as [ExportKind, ...ExportKind[]];

/** Taken and found taken before, of one kind of event. */
const EventCounts = z.object({
  taken: z.number().int().describe("Taken by this request"),
  seen: z
    .number()
    .int()
    .describe("Found taken before (the same source and id, by any file or request): nothing changed"),
});

/** The body's media type must be CSV (a JSON body would otherwise be read as a file of one odd line). */
function requireCsv(contentType: string | undefined): void {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type !== "text/csv")
    throw new ApiError("unsupported_media_type", "send the file as Content-Type: text/csv", "content-type");
}

/** Lines sent per chunk of the response. */
const CHUNK_LINES = 500;

/** The file as a stream: the header line, then the rows, read from the database only as the client reads. */
export function csvStream(
  columns: readonly string[],
  rows: AsyncGenerator<string[]>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let header = true;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const lines: string[] = header ? [`${columns.join(",")}\n`] : [];
      header = false;
      while (lines.length < CHUNK_LINES) {
        const next = await rows.next();
        if (next.done) {
          if (lines.length > 0) controller.enqueue(encoder.encode(lines.join("")));
          controller.close();
          return;
        }
        lines.push(`${next.value.map(csvCell).join(",")}\n`);
      }
      controller.enqueue(encoder.encode(lines.join("")));
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

export function exportRoutes(deps: Deps) {
  const app = newRouter();
  const auth = authenticate(deps.db);

  app.openapi(
    createRoute({
      method: "get",
      path: "/exports/{kind}",
      tags: ["Exports"],
      summary: "Export a kind of the tenant's data as CSV",
      description:
        "Streamed page by page. `companies`, `contacts` and `orders` in the formats `patron import` reads; " +
        "`ledger`: every posting with its transaction; `rewards`: the catalog, lists separated by `|`, as " +
        "`POST /v1/rewards/import` and `patron import rewards` read it; `wallets`: each company's available, " +
        "pending and held points, debt, tier, next expiry and every expiry as `date:points`; `reward-orders`: " +
        "every order of a reward with its status; `webhook-deliveries`: the delivery log (attempts, last " +
        "status code and error); `survey-answers`: every answer with its score, text, segment and tier; " +
        "`audit`: the audit log with each object before and after as JSON (owner, admin and finance only). " +
        "Promo codes, campaign results and the partners' settlement have exports of their own " +
        "(`/v1/code-batches/{id}/export`, `/v1/campaigns/{id}/export`, `/v1/partners/settlement/export`).",
      security: [{ bearer: [] }],
      middleware: [auth, requireRole(EXPORTERS)] as const,
      request: { params: z.object({ kind: z.enum(KIND_NAMES) }) },
      responses: {
        200: { description: "The file", content: { "text/csv": { schema: z.string() } } },
        ...errorResponses(401, 403, 422),
      },
    }),
    (c) => {
      const { tenantId, role } = c.get("principal");
      const { kind } = c.req.valid("param");
      const chosen: { columns: readonly string[]; roles?: readonly Role[] } = EXPORT_KINDS[kind];
      if (chosen.roles && !chosen.roles.includes(role))
        throw new ApiError(
          "forbidden",
          `the role ${role} may not export ${kind}; it needs one of: ${chosen.roles.join(", ")}`,
        );
      const { columns, rows } = EXPORT_KINDS[kind];
      const read = kind === "wallets" ? walletRows(deps.db, tenantId, deps.now()) : rows(deps.db, tenantId);
      return c.body(csvStream(columns, read), 200, {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="${kind}.csv"`,
      });
    },
  );

  // Before /imports/{kind}, whose router would otherwise take `orders` as a kind it does not know.
  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/orders",
      tags: ["Exports"],
      summary: "Import orders and returns from a CSV file",
      description:
        "The body is the file itself (`Content-Type: text/csv`), in the orders format `patron import orders` " +
        "reads and `GET /v1/exports/orders` writes, one row per order line. The file is checked whole first: " +
        "every problem (up to 20 listed) is refused naming its line and column (`line 3, quantity: ...`), and " +
        "nothing is written. Its orders and returns then go in as `patron import orders` takes them: in date " +
        "order, priced by the published program, the day's jobs (maturing, expiry, tier setting, credits) run " +
        "before each day, all in one transaction, so an event the server refuses (a return of an order it does " +
        "not know, or of more than was bought) is refused naming its line, with nothing written. Each order is " +
        "taken once by (source, order id) and each return by (source, `return:<order id>:<n>`), its n-th return " +
        "in the file: a file sent again, or imported before by `patron import orders` with the same source, " +
        `changes nothing and answers with every event seen. At most ${MAX_ORDER_UPLOAD_LINES} lines and 5 MiB ` +
        "a request.",
      security: [{ bearer: [] }],
      middleware: [auth, requireRole(IMPORTERS)] as const,
      request: {
        query: z.object({
          source: z
            .string()
            .min(1)
            .max(100)
            .default("import")
            .describe("Where the orders come from; `import`, as for `patron import orders`, by default"),
        }),
        headers: MutationHeaders,
        body: { required: true, content: { "text/csv": { schema: z.string() } } },
      },
      responses: {
        200: {
          description: "Imported",
          content: {
            "application/json": {
              schema: z
                .object({
                  source: z.string(),
                  lines: z.number().int().describe("Order and return lines in the file"),
                  orders: EventCounts,
                  returns: EventCounts,
                })
                .openapi("OrderImportResult"),
            },
          },
        },
        ...errorResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { source } = c.req.valid("query");
      requireCsv(c.req.header("content-type"));
      const text = await c.req.text();
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { source, csv: text } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const report = await importOrderUpload(tx, deps.db.kind, tenantId, source, text);
        if (report.orders.taken + report.returns.taken > 0)
          await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId), {
            action: "order.import",
            target: "orders",
            before: null,
            after: { ...report },
          });
        return { body: report };
      });
      return c.json(out, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/imports/{kind}",
      tags: ["Exports"],
      summary: "Import companies or contacts from a CSV file",
      description:
        "The body is the file itself (`Content-Type: text/csv`), in the format `patron import` reads and " +
        "`GET /v1/exports/{kind}` writes. All or nothing: the whole file is checked first and every problem " +
        "is refused naming its line and column (`line 3, joined_on: ...`), with nothing written. A company or " +
        "contact already there takes the file's values. Sending a file imported before (the same bytes, by " +
        `the API or the CLI) changes nothing and answers with every row skipped. At most ${MAX_UPLOAD_ROWS} ` +
        "rows and 5 MiB a request.",
      security: [{ bearer: [] }],
      middleware: [auth, requireRole(IMPORTERS)] as const,
      request: {
        params: z.object({ kind: z.enum(UPLOAD_KINDS) }),
        headers: MutationHeaders,
        body: { required: true, content: { "text/csv": { schema: z.string() } } },
      },
      responses: {
        200: {
          description: "Imported",
          content: {
            "application/json": {
              schema: z
                .object({
                  kind: z.enum(UPLOAD_KINDS),
                  total: z.number().int().describe("Rows in the file"),
                  imported: z.number().int().describe("Rows written by this request"),
                  skipped: z
                    .number()
                    .int()
                    .describe("Rows found imported by an earlier request of the same file"),
                })
                .openapi("ImportResult"),
            },
          },
        },
        ...errorResponses(400, 401, 403, 413, 415, 422),
      },
    }),
    async (c) => {
      const principal = c.get("principal");
      const { tenantId } = principal;
      const { kind } = c.req.valid("param");
      requireCsv(c.req.header("content-type"));
      const text = await c.req.text();
      const scope = { db: deps.db, tenantId, status: 200 as const, input: { kind, csv: text } };
      const out = await withIdempotency(c, scope, async (tx) => {
        const report = await importUpload(tx, deps.db.kind, tenantId, kind, text);
        if (report.imported > 0)
          await recordAudit(tx, tenantId, changeFrom(c, deps.now, principal.keyId), {
            action: kind === "companies" ? "company.import" : "contact.import",
            target: kind,
            before: null,
            after: { ...report },
          });
        return { body: { kind, ...report } };
      });
      return c.json(out, 200);
    },
  );

  return app;
}
